using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api.Refunds;

/// <summary>Refund writes: POST (upsert on oid; the refunds of a charge may not exceed it), DELETE /{oid}.</summary>
public static class RefundWriteEndpoints
{
    public static void MapRefundWrites(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/refunds").WithTags("Refunds").RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPost("/", CreateAsync)
            .Accepts<RefundRequest>("application/json")
            .Produces<RefundEnvelope>(StatusCodes.Status201Created)
            .Produces<RefundEnvelope>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{oid}", DeleteAsync)
            .Produces<RefundEnvelope>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(
        [FromRoute(Name = "source_id")] string sourceId, HttpRequest request, DashboardDbContext db, BillingImporter importer,
        CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

        var (body, bodyProblem) = await ApiBody.ReadAsync<RefundRequest>(request, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        var errors = new FieldErrors();
        var oid = OidRules.Resolve(null, body.Oid, errors);
        errors.Required("charge_oid", body.ChargeOid);
        errors.Required("amount", body.Amount);
        errors.NonNegative("amount", body.Amount);
        errors.Currency("currency", body.Currency);
        errors.Required("created", body.Created);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var operation = new RefundImport
        {
            Oid = oid,
            ChargeOid = body.ChargeOid,
            Amount = body.Amount,
            Currency = body.Currency,
            Created = body.Created,
        };
        var (item, importProblem) = await ImportCall.RunAsync(importer, source.Id, operation, cancellationToken);
        if (item is null)
        {
            return importProblem!;
        }

        var refund = await RefundReads.FindAsync(db, source.Id, item.Oid, cancellationToken);
        return ImportCall.Written(item, new RefundEnvelope(refund!));
    }

    private static async Task<IResult> DeleteAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, DashboardDbContext db, BillingImporter importer, CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

        var refund = await RefundReads.FindAsync(db, source.Id, oid, cancellationToken);
        if (refund is null)
        {
            return ApiProblems.NotFound("oid", $"no refund '{oid}' in source {source.Id}");
        }

        var (item, importProblem) = await ImportCall.RunAsync(
            importer, source.Id, new Deletion { Target = ImportObjectKind.Refund, Oid = oid }, cancellationToken);
        return item is null ? importProblem! : ApiJson.Ok(new RefundEnvelope(refund));
    }
}
