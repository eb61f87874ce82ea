using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Http.HttpResults;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Api.Segments;

/// <summary><c>GET/POST /api/v1/segments</c>, <c>GET/PUT/DELETE /api/v1/segments/{id}</c>, over <see cref="SegmentService"/>.</summary>
public static class SegmentEndpoints
{
    public static void MapSegments(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/segments").WithTags("Segments");
        group.MapGet("/", ListAsync).AllowListQuery();
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/", CreateAsync).AcceptsBody<SegmentRequest>().RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPut("/{id}", UpdateAsync).AcceptsBody<SegmentRequest>().RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(ApiKeyAuthentication.WritePolicy);
    }

    private static async Task<Results<ApiOk<SegmentList>, InvalidProblem>> ListAsync(HttpRequest request, SegmentService segments, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (Paging.From(request, errors) is not { } paging)
        {
            return errors.ToProblem();
        }

        var (items, hasMore) = await segments.PageAsync(paging.Skip, paging.PerPage, cancellationToken);
        return new ApiOk<SegmentList>(new SegmentList(items.Select(SegmentDto.From).ToList(),
            new PaginationMeta(new Pagination(paging.Page, paging.PerPage, hasMore))));
    }

    private static async Task<Results<ApiOk<SegmentEnvelope>, NotFoundProblem>> GetAsync(string id, SegmentService segments, CancellationToken cancellationToken) =>
        ParseId(id) is { } key && await segments.FindAsync(key, cancellationToken) is { } segment
            ? new ApiOk<SegmentEnvelope>(new SegmentEnvelope(SegmentDto.From(segment)))
            : NotFound(id);

    private static async Task<Results<ApiOk<SegmentEnvelope>, InvalidProblem, TooLargeProblem>> CreateAsync(HttpRequest request, SegmentService segments, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<SegmentRequest>(request, cancellationToken);
        if (body is null)
        {
            return Failed(problem!);
        }

        if (BothForms(body) is { } both)
        {
            return both;
        }

        var result = await segments.CreateAsync(body.ToChange(isUpdate: false), cancellationToken);
        return result.Segment is { } segment
            ? new ApiOk<SegmentEnvelope>(new SegmentEnvelope(SegmentDto.From(segment)))
            : ApiProblems.Validation(NamedAsSent(body, result.Errors.ToDictionary()));
    }

    private static async Task<Results<ApiOk<SegmentEnvelope>, InvalidProblem, NotFoundProblem, TooLargeProblem>> UpdateAsync(string id, HttpRequest request, SegmentService segments, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } key || await segments.FindAsync(key, cancellationToken) is null)
        {
            return NotFound(id);
        }

        var (body, problem) = await ApiBody.ReadAsync<SegmentRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem is TooLargeProblem tooLarge ? tooLarge : (InvalidProblem)problem!;
        }

        if (BothForms(body) is { } both)
        {
            return both;
        }

        var result = await segments.UpdateAsync(key, body.ToChange(isUpdate: true), cancellationToken);
        return result switch
        {
            { Segment: { } segment } => new ApiOk<SegmentEnvelope>(new SegmentEnvelope(SegmentDto.From(segment))),
            { NotFound: true } => NotFound(id),
            _ => ApiProblems.Validation(NamedAsSent(body, result.Errors.ToDictionary())),
        };
    }

    /// <summary>Deletes a segment; answers 202 <c>{}</c> as Baremetrics does.</summary>
    private static async Task<Results<ApiAccepted<Deleted>, NotFoundProblem>> DeleteAsync(
        string id, SegmentService segments, IAuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } key || await segments.DeleteAsync(key, cancellationToken) is not { } deleted)
        {
            return NotFound(id);
        }

        await audit.RecordAsync(AuditActor.From(http.User, AuditActor.AddressOf(http)), AuditActions.ApiDeleted, $"segment {id} '{deleted.Name}'", cancellationToken);
        return new ApiAccepted<Deleted>(new Deleted());
    }

    private static long? ParseId(string id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key) ? key : null;

    private static Results<ApiOk<SegmentEnvelope>, InvalidProblem, TooLargeProblem> Failed(ApiProblem problem) =>
        problem is TooLargeProblem tooLarge ? tooLarge : (InvalidProblem)problem;

    private static NotFoundProblem NotFound(string id) => ApiProblems.NotFound("id", $"no segment has the id '{id}'");

    private static InvalidProblem? BothForms(SegmentRequest body) =>
        body.Sent.Has("filters") && body.Sent.Has("query")
            ? ApiProblems.Validation("query", "send either filters (ours) or query (Baremetrics' form), not both")
            : null;

    /// <summary>Errors about filters named as the body sent them: <c>query[0].method</c> for Baremetrics' form.</summary>
    private static Dictionary<string, string[]> NamedAsSent(SegmentRequest body, IDictionary<string, string[]> errors) =>
        errors.ToDictionary(
            e => body.UsesQuery && e.Key.StartsWith("filters", StringComparison.Ordinal)
                ? "query" + e.Key["filters".Length..].Replace(".op", ".method", StringComparison.Ordinal)
                : e.Key,
            e => e.Value,
            StringComparer.Ordinal);
}
