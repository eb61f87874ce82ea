using System.Globalization;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Dashboard.Web.Services.Exports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Dashboard.Web.Api.Exports;

/// <summary>
/// <c>/api/v1/exports</c>: scheduled exports, their runs and files, over <see cref="ExportService"/>. Any key may list,
/// read runs and download files; creating, changing, deleting and running need a read-write key.
/// </summary>
public static class ExportEndpoints
{
    public static void MapExports(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exports").WithTags("Exports");
        group.MapGet("/", ListAsync).AllowListQuery();
        group.MapGet("/{id}", GetAsync);
        group.MapPost("/", CreateAsync).AcceptsBody<ExportRequest>().RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPut("/{id}", UpdateAsync).AcceptsBody<ExportRequest>().RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapDelete("/{id}", DeleteAsync).RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPost("/{id}/run", RunAsync).RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapGet("/{id}/runs", RunsAsync).AllowListQuery();
        group.MapGet("/{id}/runs/{run_id}", RunOfAsync);
        group.MapGet("/{id}/runs/{run_id}/file", FileAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json");
    }

    private static async Task<Results<ApiOk<ExportList>, InvalidProblem>> ListAsync(HttpRequest request, ExportService exports, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (Paging.From(request, errors) is not { } paging)
        {
            return errors.ToProblem();
        }

        var all = await exports.ListAsync(cancellationToken);
        var page = all.Skip(paging.Skip).Take(paging.PerPage).Select(ExportDto.From).ToList();
        return new ApiOk<ExportList>(new ExportList(page, new PaginationMeta(new Pagination(paging.Page, paging.PerPage, paging.Skip + page.Count < all.Count))));
    }

    private static async Task<Results<ApiOk<ExportEnvelope>, NotFoundProblem>> GetAsync(string id, ExportService exports, CancellationToken cancellationToken) =>
        ParseId(id) is { } key && await exports.FindAsync(key, cancellationToken) is { } export
            ? new ApiOk<ExportEnvelope>(new ExportEnvelope(ExportDto.From(export)))
            : NotFound(id);

    private static async Task<Results<ApiCreated<ExportEnvelope>, InvalidProblem, TooLargeProblem>> CreateAsync(
        HttpRequest request, ExportService exports, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<ExportRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem is TooLargeProblem tooLarge ? tooLarge : (InvalidProblem)problem!;
        }

        var result = await exports.CreateAsync(body.Apply(new Core.Exports.ExportDraft()), cancellationToken);
        return result.Export is { } export
            ? new ApiCreated<ExportEnvelope>(new ExportEnvelope(ExportDto.From(export)))
            : ApiProblems.Validation(result.Errors.ToDictionary());
    }

    private static async Task<Results<ApiOk<ExportEnvelope>, InvalidProblem, NotFoundProblem, TooLargeProblem>> UpdateAsync(
        string id, HttpRequest request, ExportService exports, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } key || await exports.FindAsync(key, cancellationToken) is null)
        {
            return NotFound(id);
        }

        var (body, problem) = await ApiBody.ReadAsync<ExportRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem is TooLargeProblem tooLarge ? tooLarge : (InvalidProblem)problem!;
        }

        var result = await exports.UpdateAsync(key, body.Apply, cancellationToken);
        return result switch
        {
            { Export: { } export } => new ApiOk<ExportEnvelope>(new ExportEnvelope(ExportDto.From(export))),
            { NotFound: true } => NotFound(id),
            _ => ApiProblems.Validation(result.Errors.ToDictionary()),
        };
    }

    private static async Task<Results<ApiOk<ExportEnvelope>, NotFoundProblem>> DeleteAsync(string id, ExportService exports, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } key || await exports.FindAsync(key, cancellationToken) is not { } export)
        {
            return NotFound(id);
        }

        await exports.DeleteAsync(key, cancellationToken);
        return new ApiOk<ExportEnvelope>(new ExportEnvelope(ExportDto.From(export with { NextRunAt = null })));
    }

    private static async Task<Results<ApiAccepted<RunEnvelope>, NotFoundProblem>> RunAsync(string id, ExportService exports, CancellationToken cancellationToken) =>
        ParseId(id) is { } key && await exports.RunNowAsync(key, cancellationToken) is { } run
            ? new ApiAccepted<RunEnvelope>(new RunEnvelope(RunDto.From(run)))
            : NotFound(id);

    private static async Task<Results<ApiOk<RunList>, InvalidProblem, NotFoundProblem>> RunsAsync(
        string id, HttpRequest request, ExportService exports, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (Paging.From(request, errors) is not { } paging)
        {
            return errors.ToProblem();
        }

        if (ParseId(id) is not { } key || await exports.FindAsync(key, cancellationToken) is null)
        {
            return NotFound(id);
        }

        var runs = await exports.RunsAsync(key, paging.Skip, paging.PerPage + 1, cancellationToken);
        var page = runs.Take(paging.PerPage).Select(RunDto.From).ToList();
        return new ApiOk<RunList>(new RunList(page, new PaginationMeta(new Pagination(paging.Page, paging.PerPage, runs.Count > paging.PerPage))));
    }

    private static async Task<Results<ApiOk<RunEnvelope>, NotFoundProblem>> RunOfAsync(
        string id, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "run_id")] string runId, ExportService exports, CancellationToken cancellationToken) =>
        ParseId(id) is { } key && ParseId(runId) is { } runKey && await exports.FindRunAsync(key, runKey, cancellationToken) is { } run
            ? new ApiOk<RunEnvelope>(new RunEnvelope(RunDto.From(run)))
            : ApiProblems.NotFound("run_id", $"export '{id}' has no run '{runId}'");

    private static async Task<IResult> FileAsync(
        string id, [Microsoft.AspNetCore.Mvc.FromRoute(Name = "run_id")] string runId, HttpResponse response, ExportService exports, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } key || ParseId(runId) is not { } runKey || await exports.OpenFileAsync(key, runKey, cancellationToken) is not { } stream)
        {
            return ApiProblems.NotFound("run_id", $"export '{id}' has no stored file for run '{runId}'");
        }

        response.Headers[HeaderNames.CacheControl] = "no-store";
        return Results.Stream(stream, "text/csv; charset=utf-8", string.Create(CultureInfo.InvariantCulture, $"export-{key}-run-{runKey}.csv"));
    }

    private static long? ParseId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var key) ? key : null;

    private static NotFoundProblem NotFound(string id) => ApiProblems.NotFound("id", $"no export has the id '{id}'");
}
