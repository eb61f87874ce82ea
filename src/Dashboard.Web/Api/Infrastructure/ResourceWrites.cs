using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>What every per-source write endpoint binds (<c>[AsParameters]</c>): the resolved source, the request and the store.</summary>
/// <remarks><see cref="Clock"/> gives the defaults Baremetrics gives optional instants ("now").</remarks>
public sealed record SourceWriteRequest(
    RouteSource Source, HttpRequest Http, DashboardDbContext Db, BillingImporter Importer, TimeProvider Clock, IAuditLog Audit, CancellationToken CancellationToken);

/// <summary>
/// The sequence every per-source write endpoint shares: read the body, map it onto an import operation (the importer
/// validates it), run the import, read the stored object back; or, for a delete, find the object, delete it and answer
/// with what it was. The source was resolved by <see cref="SourceRouteFilter"/>.
/// </summary>
/// <param name="kind">The resource's kind, for deletions and the "no customer 'x'" answers.</param>
/// <param name="find">Reads one object of a source by oid as the API shows it (null when there is none).</param>
/// <param name="envelope">Wraps the object for the answer (<c>{"customer": ...}</c>).</param>
/// <param name="findCreated">
/// Reads back an object the write has just created, when that needs less than <paramref name="find"/> (a new charge
/// has no refunds yet, a new customer no attributes); null to use <paramref name="find"/>.
/// </param>
public sealed class ResourceWrites<TDto, TEnvelope>(
    ImportObjectKind kind,
    Func<DashboardDbContext, long, string, CancellationToken, Task<TDto?>> find,
    Func<TDto, TEnvelope> envelope,
    Func<DashboardDbContext, long, string, CancellationToken, Task<TDto?>>? findCreated = null)
    where TDto : class
{
    private readonly string noun = kind.ToString().ToLowerInvariant();

    /// <summary>
    /// Creates or updates one object; both answer 200, as Baremetrics does. <paramref name="map"/> reports what cannot become an operation at all (an oid that
    /// disagrees with the path, an unknown enum name) to the collection it gets (answered as 400, nothing imported).
    /// </summary>
    public Task<Results<ApiOk<TEnvelope>, InvalidProblem, NotFoundProblem, ConflictProblem, TooLargeProblem>> UpsertAsync<TBody>(
        SourceWriteRequest request, Func<TBody, FieldErrors, ImportOperation> map)
        where TBody : class =>
        UpsertAsync<TBody>(request, (body, errors, _, _) => Task.FromResult(map(body, errors)));

    /// <summary>As above, for a mapping that reads the stored object first (a PUT keeps the fields it was not sent).</summary>
    public async Task<Results<ApiOk<TEnvelope>, InvalidProblem, NotFoundProblem, ConflictProblem, TooLargeProblem>> UpsertAsync<TBody>(
        SourceWriteRequest request, Func<TBody, FieldErrors, long, CancellationToken, Task<ImportOperation>> map)
        where TBody : class
    {
        var (id, cancellationToken) = (request.Source.Id, request.CancellationToken);
        var (body, bodyProblem) = await ApiBody.ReadAsync<TBody>(request.Http, cancellationToken);
        if (body is null)
        {
            return bodyProblem switch
            {
                TooLargeProblem tooLarge => tooLarge,
                _ => (InvalidProblem)bodyProblem!,
            };
        }

        var errors = new FieldErrors();
        var operation = await map(body, errors, id, cancellationToken);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (item, importProblem) = await ImportCall.RunAsync(request.Importer, id, operation, cancellationToken);
        if (item is null)
        {
            return importProblem switch
            {
                NotFoundProblem notFound => notFound,
                ConflictProblem conflict => conflict,
                _ => (InvalidProblem)importProblem!,
            };
        }

        var readBack = item.Outcome == ImportOutcome.Created && findCreated is not null ? findCreated : find;
        var written = envelope((await readBack(request.Db, id, item.Oid, cancellationToken))!);
        return new ApiOk<TEnvelope>(written);
    }

    /// <summary>Deletes one object (and what the importer deletes with it); answers 202 <c>{}</c> as Baremetrics does.</summary>
    public async Task<Results<ApiAccepted<Deleted>, NotFoundProblem, ConflictProblem, InvalidProblem>> DeleteAsync(string oid, SourceWriteRequest request)
    {
        var (id, cancellationToken) = (request.Source.Id, request.CancellationToken);
        var existing = await find(request.Db, id, oid, cancellationToken);
        if (existing is null)
        {
            return ApiProblems.NotFound("oid", $"no {noun} '{oid}' in source {id}");
        }

        var (item, problem) = await ImportCall.RunAsync(request.Importer, id, new Deletion { Target = kind, Oid = oid }, cancellationToken);
        if (item is not null)
        {
            await request.Audit.RecordAsync(AuditActor.From(request.Http.HttpContext.User, AuditActor.AddressOf(request.Http.HttpContext)),
                AuditActions.ApiDeleted, $"{noun} '{oid}' in {AuditActor.Source(id)}", cancellationToken);
            return new ApiAccepted<Deleted>(new Deleted());
        }

        return problem switch
        {
            NotFoundProblem notFound => notFound,
            ConflictProblem conflict => conflict,
            _ => (InvalidProblem)problem!,
        };
    }
}
