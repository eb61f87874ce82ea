namespace Dashboard.Infrastructure.Demo;

/// <summary>
/// Fills an empty store with realistic demo data (a demo source, plans, customers, subscription histories and
/// charges), so a first run shows a working dashboard. The web host calls it once at start-up when
/// <c>Dashboard:SeedDemoData</c> is true and the store has no customers.
/// </summary>
public interface IDemoDataSeeder
{
    /// <summary>Writes the demo data set into the configured store.</summary>
    Task SeedAsync(CancellationToken cancellationToken);
}
