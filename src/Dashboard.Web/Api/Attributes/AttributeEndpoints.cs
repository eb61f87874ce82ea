using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api.Attributes;

/// <summary>
/// <c>POST /api/v1/attributes</c>: sets customer attribute values in bulk. Rows whose customer is unknown or ambiguous
/// are reported and skipped; the others are applied. An unknown field or a value of the wrong type refuses the call.
/// </summary>
public static class AttributeEndpoints
{
    public const int MaxRows = 10_000;

    public static void MapAttributeValues(this RouteGroupBuilder attributes)
    {
        attributes.MapPost("/", SetAsync)
            .AcceptsBody<AttributesRequest>()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
    }

    private static async Task<Results<ApiOk<AttributesResponse>, InvalidProblem, NotFoundProblem, ConflictProblem, TooLargeProblem>> SetAsync(
        HttpRequest request, BillingImporter importer, DashboardDbContext db, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<AttributesRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem switch
            {
                TooLargeProblem tooLarge => tooLarge,
                _ => (InvalidProblem)problem!,
            };
        }

        var errors = new FieldErrors();
        if (body.Attributes is null)
        {
            errors.Add("attributes", "is required (an array of {customer_oid, source_id?, customer_email?, key or field_id, value})");
        }
        else if (body.Attributes.Count > MaxRows)
        {
            errors.Add("attributes", $"must have at most {MaxRows} rows per request");
        }

        var rows = body.Attributes ?? [];
        long? pushedSourceId = null;
        var assignments = new List<AttributeAssignment>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row)
            {
                errors.Add($"attributes[{i}]", "must be an object");
                continue;
            }

            if (row.ValueText() is null)
            {
                errors.Add($"attributes[{i}].value", "is required (a string, number or boolean)");
            }

            assignments.Add(new AttributeAssignment
            {
                CustomerOid = row.CustomerOid,
                SourceId = row.SourceId == PushedDataSource.AliasId ? pushedSourceId ??= await PushedDataSource.ResolveAsync(db, row.SourceId, cancellationToken) : row.SourceId,
                CustomerEmail = row.CustomerEmail,
                Key = row.Key,
                FieldId = row.FieldId,
                Value = row.ValueText(),
            });
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        IReadOnlyList<AttributeAssignmentResult> results;
        try
        {
            results = await importer.SetAttributesAsync(assignments, cancellationToken);
        }
        catch (ImportValidationException ex)
        {
            return ImportCall.ToProblem(ex.Errors, "attributes") switch
            {
                NotFoundProblem notFound => notFound,
                ConflictProblem conflict => conflict,
                var invalid => (InvalidProblem)invalid,
            };
        }

        var rowResults = results.Select(r =>
        {
            var row = rows[r.Index]!;
            var error = r.Outcome switch
            {
                AttributeAssignmentOutcome.CustomerNotFound => "no customer matches customer_oid (and source_id) or customer_email",
                AttributeAssignmentOutcome.CustomerAmbiguous => "more than one customer matches; send source_id with customer_oid",
                _ => null,
            };
            return new AttributeRowResult(r.Index, row.CustomerOid, row.CustomerEmail, ApiEnums.Name(r.Outcome), error);
        }).ToList();
        var summary = new AttributeSummary(
            results.Count(r => r.Outcome == AttributeAssignmentOutcome.Applied),
            results.Count(r => r.Outcome == AttributeAssignmentOutcome.Unchanged),
            results.Count(r => r.Outcome is AttributeAssignmentOutcome.CustomerNotFound or AttributeAssignmentOutcome.CustomerAmbiguous));
        return new ApiOk<AttributesResponse>(new AttributesResponse(rowResults, summary));
    }
}
