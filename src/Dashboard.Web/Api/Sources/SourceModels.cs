using Dashboard.Core.Billing;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Sources;

public sealed record SourceRequest(string? Name, string? Provider);

/// <summary>
/// A source as Baremetrics shows it (<c>id</c> a string, <c>provider</c>, <c>provider_id</c>), plus its name and
/// creation time. Pushed data (our <c>api</c> provider) is Baremetrics' <c>baremetrics</c> provider.
/// </summary>
public sealed record SourceDto(string Id, string Provider, string? ProviderId, string Name, DateTimeOffset? CreatedAt)
{
    /// <summary>The pushed-data source before it exists: the first write through its id creates it (<see cref="PushedDataSource"/>).</summary>
    public static SourceDto Placeholder { get; } = new(PushedDataSource.Alias, ApiSources.PushedDataProvider, null, PushedDataSource.Name, null);

    public static SourceDto From(Source source) =>
        new(ApiSources.Id(source.Id), ApiSources.Provider(source.Provider), null, source.Name, source.CreatedAt);
}

public sealed record SourceEnvelope(SourceDto Source);

public sealed record SourceList(IReadOnlyList<SourceDto> Sources, PaginationMeta Meta);
