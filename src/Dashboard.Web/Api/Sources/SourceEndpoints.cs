using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Sources;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Api.Sources;

/// <summary><c>GET/POST /api/v1/sources</c>. Only <c>api</c> sources (pushed data) are created here (and by <see cref="PushedDataSource"/>).</summary>
public static class SourceEndpoints
{
    public static void MapSources(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sources").WithTags("Sources");
        group.MapGet("/", ListAsync).AllowListQuery();
        group.MapPost("/", CreateAsync)
            .AcceptsBody<SourceRequest>()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
    }

    /// <summary>
    /// The sources. While there is no source for pushed data, the last page also lists a placeholder whose id is
    /// <c>baremetrics</c>, because Baremetrics' clients look that source up to push data into: the first write through
    /// it creates the source (<see cref="PushedDataSource"/>). Reading never writes.
    /// </summary>
    private static async Task<Results<ApiOk<SourceList>, InvalidProblem>> ListAsync(
        HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        if (paging is null)
        {
            return errors.ToProblem();
        }

        var (items, meta) = await paging.ApplyAsync(db.Sources.AsNoTracking().OrderBy(s => s.Id), cancellationToken);
        var sources = items.Select(SourceDto.From).ToList();
        if (!meta.Pagination.HasMore && await PushedDataSource.FindAsync(db, cancellationToken) is null)
        {
            // The placeholder is the row after the last source.
            var position = sources.Count > 0 ? paging.Skip + sources.Count : await db.Sources.CountAsync(cancellationToken);
            if (position == paging.Skip + paging.PerPage)
            {
                meta = meta with { Pagination = meta.Pagination with { HasMore = true } };
            }
            else if (position >= paging.Skip)
            {
                sources.Add(SourceDto.Placeholder);
            }
        }

        return new ApiOk<SourceList>(new SourceList(sources, meta));
    }

    /// <summary>Creates an API source through <see cref="SourceCatalog"/>; posting the same name again returns the existing one (200).</summary>
    private static async Task<Results<ApiCreated<SourceEnvelope>, ApiOk<SourceEnvelope>, InvalidProblem, TooLargeProblem>> CreateAsync(
        HttpRequest request, DashboardDbContext db, SourceCatalog catalog, IAuditLog audit, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<SourceRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem switch
            {
                TooLargeProblem tooLarge => tooLarge,
                _ => (InvalidProblem)problem!,
            };
        }

        var errors = new FieldErrors();
        errors.Required("name", body.Name);
        errors.MaxLength("name", body.Name, 200);
        var provider = string.IsNullOrWhiteSpace(body.Provider) || string.Equals(body.Provider.Trim(), ApiSources.PushedDataProvider, StringComparison.OrdinalIgnoreCase)
            ? SourceProvider.Api
            : errors.Enum<SourceProvider>("provider", body.Provider);
        if (provider is not null and not SourceProvider.Api)
        {
            errors.Add("provider", "must be 'baremetrics' (or 'api'): connector sources (Stripe, Braintree) are connected in the UI");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var name = body.Name!.Trim();
        var existing = await db.Sources.AsNoTracking()
            .FirstOrDefaultAsync(s => s.Name == name && s.Provider == SourceProvider.Api, cancellationToken);
        if (existing is not null)
        {
            return new ApiOk<SourceEnvelope>(new SourceEnvelope(SourceDto.From(existing)));
        }

        var source = await catalog.CreateAsync(name, SourceProvider.Api, cancellationToken);
        await audit.RecordAsync(AuditActor.From(request.HttpContext.User, AuditActor.AddressOf(request.HttpContext)), AuditActions.SourceAdded,
            $"{AuditActor.Source(source.Id)} '{source.Name}' (api)", cancellationToken);
        return new ApiCreated<SourceEnvelope>(new SourceEnvelope(SourceDto.From(source)));
    }
}
