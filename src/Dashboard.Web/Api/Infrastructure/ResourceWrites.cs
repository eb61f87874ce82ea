using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// The sequence every per-source write endpoint shares: find the source, read the body, let the resource validate and
/// map it, run the import, read the stored object back; or, for a delete, find the object, delete it and answer with
/// what it was. Each resource keeps its validation and mapping in its own file and passes them in.
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
    /// Creates or updates one object. <paramref name="map"/> adds every validation error to the collection it gets
    /// (answered as 400 naming the fields, nothing imported) and returns the operation to import.
    /// </summary>
    public async Task<IResult> UpsertAsync<TBody>(
        string sourceId, HttpRequest request, DashboardDbContext db, BillingImporter importer, Func<TBody, FieldErrors, ImportOperation> map,
        CancellationToken cancellationToken)
        where TBody : class
    {
        var known = request.HttpContext.RequestServices.GetService<ExistingSources>();
        var (source, problem) = await SourceRoute.FindIdAsync(db, sourceId, cancellationToken, known);
        if (source is not { } id)
        {
            return problem!;
        }

        var (body, bodyProblem) = await ApiBody.ReadAsync<TBody>(request, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        var errors = new FieldErrors();
        var operation = map(body, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (item, importProblem) = await ImportCall.RunAsync(importer, id, operation, cancellationToken);
        if (item is null)
        {
            return importProblem!;
        }

        var readBack = item.Outcome == ImportOutcome.Created && findCreated is not null ? findCreated : find;
        var written = await readBack(db, id, item.Oid, cancellationToken);
        return ImportCall.Written(item, envelope(written!));
    }

    /// <summary>Deletes one object (and what the importer deletes with it); answers with the object as it was.</summary>
    public async Task<IResult> DeleteAsync(
        string sourceId, string oid, DashboardDbContext db, BillingImporter importer, CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindIdAsync(db, sourceId, cancellationToken);
        if (source is not { } id)
        {
            return problem!;
        }

        var existing = await find(db, id, oid, cancellationToken);
        if (existing is null)
        {
            return ApiProblems.NotFound("oid", $"no {noun} '{oid}' in source {id}");
        }

        var (item, importProblem) = await ImportCall.RunAsync(importer, id, new Deletion { Target = kind, Oid = oid }, cancellationToken);
        return item is null ? importProblem! : ApiJson.Ok(envelope(existing));
    }
}
