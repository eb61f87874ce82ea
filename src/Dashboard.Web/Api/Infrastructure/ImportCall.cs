using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>Runs one write through <see cref="BillingImporter"/> and turns its refusals into problem answers.</summary>
public static class ImportCall
{
    public static async Task<(ImportItemResult? Item, IResult? Problem)> RunAsync(
        BillingImporter importer, long sourceId, ImportOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            return (await importer.ImportOneAsync(sourceId, operation, cancellationToken), null);
        }
        catch (ImportValidationException ex)
        {
            return (null, ToProblem(ex.Errors));
        }
        catch (ImportConflictException ex)
        {
            return (null, ApiProblems.Conflict("oid", ex.Message));
        }
    }

    /// <summary>
    /// 404 when every error is a missing referenced object, 409 when an object is still in use or the request contradicts
    /// stored data, else 400 (decided by <see cref="ImportError.Code"/>). With
    /// <paramref name="listField"/> ("rates", "attributes") errors are named per row: "rates[2].currency".
    /// </summary>
    public static IResult ToProblem(IReadOnlyList<ImportError> errors, string? listField = null)
    {
        var byField = errors
            .GroupBy(e => listField is null || e.Index < 0 ? e.Field : $"{listField}[{e.Index}].{e.Field}")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray(), StringComparer.Ordinal);
        if (errors.Any(e => e.Code == ImportErrorCode.InUse))
        {
            return Results.ValidationProblem(byField, title: "The object is still in use.", statusCode: StatusCodes.Status409Conflict);
        }

        if (errors.Any(e => e.Code == ImportErrorCode.Conflict))
        {
            return ApiProblems.Conflict(byField);
        }

        return errors.All(e => e.Code == ImportErrorCode.NotFound)
            ? Results.ValidationProblem(byField, title: "A referenced object was not found.", statusCode: StatusCodes.Status404NotFound)
            : ApiProblems.Validation(byField);
    }

    /// <summary>201 for a new object, 200 for an update or an identical repeat.</summary>
    public static IResult Written<T>(ImportItemResult item, T envelope) =>
        item.Outcome == ImportOutcome.Created ? ApiJson.Created(envelope) : ApiJson.Ok(envelope);
}
