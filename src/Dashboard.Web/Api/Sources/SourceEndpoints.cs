using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Sources;

/// <summary><c>GET/POST /api/v1/sources</c>. Only <c>api</c> sources (pushed data) are created here.</summary>
public static class SourceEndpoints
{
    public static void MapSources(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sources").WithTags("Sources");
        group.MapGet("/", ListAsync).Produces<SourceList>();
        group.MapPost("/", CreateAsync)
            .Accepts<SourceRequest>("application/json")
            .Produces<SourceEnvelope>(StatusCodes.Status201Created)
            .Produces<SourceEnvelope>()
            .ProducesValidationProblem()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        return await Paging.ListAsync(request, db.Sources.AsNoTracking().OrderBy(s => s.Id), (items, meta) => new SourceList(items.Select(SourceDto.From).ToList(), meta), cancellationToken);
    }

    /// <summary>Creates an API source; posting the same name again returns the existing one (200).</summary>
    private static async Task<IResult> CreateAsync(
        HttpRequest request, DashboardDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<SourceRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var errors = new FieldErrors();
        errors.Required("name", body.Name);
        errors.MaxLength("name", body.Name, 200);
        var provider = string.IsNullOrWhiteSpace(body.Provider) ? SourceProvider.Api : errors.Enum<SourceProvider>("provider", body.Provider);
        if (provider is not null and not SourceProvider.Api)
        {
            errors.Add("provider", "must be 'api': connector sources (Stripe, Braintree) are connected in the UI");
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
            return ApiJson.Ok(new SourceEnvelope(SourceDto.From(existing)));
        }

        var source = new Source { Name = name, Provider = SourceProvider.Api, CreatedAt = clock.GetUtcNow() };
        db.Sources.Add(source);
        await db.SaveChangesAsync(cancellationToken);
        return ApiJson.Created(new SourceEnvelope(SourceDto.From(source)));
    }
}
