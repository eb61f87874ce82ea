using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Segments;

/// <summary><c>GET/POST /api/v1/segments</c>, <c>GET/PUT/DELETE /api/v1/segments/{id}</c>.</summary>
public static class SegmentEndpoints
{
    public static void MapSegments(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/segments").WithTags("Segments");
        group.MapGet("/", ListAsync).Produces<SegmentList>();
        group.MapGet("/{id}", GetAsync).Produces<SegmentEnvelope>().ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync)
            .Accepts<SegmentRequest>("application/json")
            .Produces<SegmentEnvelope>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPut("/{id}", UpdateAsync)
            .Accepts<SegmentRequest>("application/json")
            .Produces<SegmentEnvelope>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapDelete("/{id}", DeleteAsync)
            .Produces<SegmentEnvelope>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        return await Paging.ListAsync(request, db.Segments.AsNoTracking().OrderBy(s => s.Id), (items, meta) => new SegmentList(items.Select(SegmentDto.From).ToList(), meta), cancellationToken);
    }

    private static async Task<IResult> GetAsync(string id, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var segment = await FindAsync(db, id, cancellationToken);
        return segment is null ? NotFound(id) : ApiJson.Ok(new SegmentEnvelope(SegmentDto.From(segment)));
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var (segment, problem) = await ReadAsync(request, db, new Segment { Name = string.Empty, FiltersJson = "[]" }, cancellationToken);
        if (segment is null)
        {
            return problem!;
        }

        db.Segments.Add(segment);
        await db.SaveChangesAsync(cancellationToken);
        return ApiJson.Created(new SegmentEnvelope(SegmentDto.From(segment)));
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(db, id, cancellationToken);
        if (existing is null)
        {
            return NotFound(id);
        }

        var (segment, problem) = await ReadAsync(request, db, existing, cancellationToken);
        if (segment is null)
        {
            return problem!;
        }

        await db.SaveChangesAsync(cancellationToken);
        return ApiJson.Ok(new SegmentEnvelope(SegmentDto.From(segment)));
    }

    private static async Task<IResult> DeleteAsync(string id, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var segment = await FindAsync(db, id, cancellationToken);
        if (segment is null)
        {
            return NotFound(id);
        }

        db.Segments.Remove(segment);
        await db.SaveChangesAsync(cancellationToken);
        return ApiJson.Ok(new SegmentEnvelope(SegmentDto.From(segment)));
    }

    /// <summary>Validates the body and copies it onto <paramref name="target"/>; nothing is changed when it fails.</summary>
    private static async Task<(Segment? Segment, IResult? Problem)> ReadAsync(
        HttpRequest request, DashboardDbContext db, Segment target, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<SegmentRequest>(request, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        var errors = new FieldErrors();
        var inputs = body.Filters?.Select(f => f is null ? null : new SegmentFilterInput(f.Field, f.Op, f.ValueText())).ToList();
        var filters = await SegmentValidation.ValidateAsync(db, body.Name, inputs, errors, cancellationToken);
        if (filters is null)
        {
            return (null, errors.ToProblem());
        }

        target.Name = body.Name!.Trim();
        target.FiltersJson = SegmentFilters.Serialize(filters);
        return (target, null);
    }

    private static async Task<Segment?> FindAsync(DashboardDbContext db, string id, CancellationToken cancellationToken) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key)
            ? await db.Segments.FirstOrDefaultAsync(s => s.Id == key, cancellationToken)
            : null;

    private static IResult NotFound(string id) => ApiProblems.NotFound("id", $"no segment has the id '{id}'");
}
