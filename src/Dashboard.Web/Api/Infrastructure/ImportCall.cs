using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>Runs one write through <see cref="BillingImporter"/> and turns its refusals into problem answers.</summary>
public static class ImportCall
{
    public static async Task<(ImportItemResult? Item, ApiProblem? Problem)> RunAsync(
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
    public static ApiProblem ToProblem(IReadOnlyList<ImportError> errors, string? listField = null)
    {
        var byField = errors
            .GroupBy(e => listField is null || e.Index < 0 ? e.Field : $"{listField}[{e.Index}].{e.Field}")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray(), StringComparer.Ordinal);
        if (errors.Any(e => e.Code == ImportErrorCode.InUse))
        {
            return new ConflictProblem(byField, "The object is still in use.");
        }

        if (errors.Any(e => e.Code == ImportErrorCode.Conflict))
        {
            return ApiProblems.Conflict(byField);
        }

        return errors.All(e => e.Code == ImportErrorCode.NotFound) ? new NotFoundProblem(byField) : ApiProblems.Validation(byField);
    }
}
