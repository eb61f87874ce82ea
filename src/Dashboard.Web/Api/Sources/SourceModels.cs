using Dashboard.Core.Billing;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Sources;

public sealed record SourceRequest(string? Name, string? Provider);

/// <summary>A source as Baremetrics shows it (<c>id</c>, <c>provider</c>, <c>provider_id</c>) plus its name.</summary>
public sealed record SourceDto(long Id, string Name, string Provider, string? ProviderId, DateTimeOffset CreatedAt)
{
    public static SourceDto From(Source source) =>
        new(source.Id, source.Name, ApiEnums.Name(source.Provider), null, source.CreatedAt);
}

public sealed record SourceEnvelope(SourceDto Source);

public sealed record SourceList(IReadOnlyList<SourceDto> Sources, PaginationMeta Meta);
