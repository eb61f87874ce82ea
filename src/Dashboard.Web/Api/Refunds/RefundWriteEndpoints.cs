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

    private static readonly ResourceWrites<RefundDto, RefundEnvelope> Writes =
        new(ImportObjectKind.Refund, RefundReads.FindAsync, refund => new RefundEnvelope(refund));

    private static Task<IResult> CreateAsync(
        [FromRoute(Name = "source_id")] string sourceId, HttpRequest request, DashboardDbContext db, BillingImporter importer,
        CancellationToken cancellationToken) =>
        Writes.UpsertAsync<RefundRequest>(sourceId, request, db, importer, (body, errors) =>
        {
            var oid = OidRules.Resolve(null, body.Oid, errors);
            errors.Required("charge_oid", body.ChargeOid);
            errors.Required("amount", body.Amount);
            errors.NonNegative("amount", body.Amount);
            errors.Currency("currency", body.Currency);
            errors.Required("created", body.Created);
            return new RefundImport
            {
                Oid = oid,
                ChargeOid = body.ChargeOid,
                Amount = body.Amount,
                Currency = body.Currency,
                Created = body.Created,
            };
        }, cancellationToken);

    private static Task<IResult> DeleteAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, DashboardDbContext db, BillingImporter importer, CancellationToken cancellationToken) =>
        Writes.DeleteAsync(sourceId, oid, db, importer, cancellationToken);
}
