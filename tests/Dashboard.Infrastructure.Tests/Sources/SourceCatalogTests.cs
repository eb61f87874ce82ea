using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Tests.Import;
using Microsoft.EntityFrameworkCore;
using static Dashboard.Infrastructure.Tests.Import.Samples;

namespace Dashboard.Infrastructure.Tests.Sources;

public sealed class SourceCatalogTests
{
    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(Samples))]
    public async Task A_source_is_stored_with_its_trimmed_name_and_the_clock_time_and_a_blank_name_is_refused(DatabaseProvider provider)
    {
        await using var fixture = await ImportFixture.CreateAsync(provider);

        var created = await fixture.Sources.CreateAsync("  Stripe EU ", SourceProvider.Stripe);
        var blank = await Assert.ThrowsAsync<ImportValidationException>(() => fixture.Sources.CreateAsync(" ", SourceProvider.Api));

        var stored = await fixture.ReadAsync(db => db.Sources.SingleAsync(s => s.Id == created.Id));
        Assert.Equal(("Stripe EU", SourceProvider.Stripe, ImportFixture.Now), (stored.Name, stored.Provider, stored.CreatedAt));
        Assert.Equal("name", Assert.Single(blank.Errors).Field);
        Assert.Equal(2, await fixture.CountAsync<Source>());
    }
}
