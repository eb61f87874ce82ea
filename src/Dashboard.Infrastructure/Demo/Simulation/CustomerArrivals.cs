namespace Dashboard.Infrastructure.Demo.Simulation;

/// <summary>When customers sign up: more and more of them over the history span (four times the rate at its end).</summary>
internal static class CustomerArrivals
{
    private const double ArrivalGrowth = 4.0;

    /// <summary>Signup instant of customer <paramref name="index"/>: stratified over an exponentially growing arrival rate, so ids follow time.</summary>
    public static DateTimeOffset Time(DemoWorld world, int index, DemoRandom random)
    {
        var spanDays = (world.HistoryEnd - world.HistoryStart).TotalDays;
        var g = Math.Log(ArrivalGrowth) / spanDays;
        var q = (index + random.NextDouble()) / Math.Max(1, world.Options.Customers);
        var days = Math.Log(1 + q * (ArrivalGrowth - 1)) / g;
        var at = world.HistoryStart.AddTicks((long)(days * TimeSpan.TicksPerDay));
        at = new DateTimeOffset(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return at < world.HistoryEnd ? at : world.HistoryEnd.AddSeconds(-1);
    }
}
