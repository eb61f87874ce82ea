using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api.Charges;

/// <summary>Charge writes: POST (upsert on oid), DELETE /{oid} (takes its refunds).</summary>
public static class ChargeWriteEndpoints
{
    public static void MapChargeWrites(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/charges").WithTags("Charges").RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPost("/", CreateAsync)
            .Accepts<ChargeRequest>("application/json")
            .Produces<ChargeEnvelope>(StatusCodes.Status201Created)
            .Produces<ChargeEnvelope>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{oid}", DeleteAsync)
            .Produces<ChargeEnvelope>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
    }

    private static readonly ResourceWrites<ChargeDto, ChargeEnvelope> Writes =
        new(ImportObjectKind.Charge, ChargeReads.FindAsync, charge => new ChargeEnvelope(charge), ChargeReads.FindCreatedAsync);

    private static Task<IResult> CreateAsync(
        [FromRoute(Name = "source_id")] string sourceId, HttpRequest request, DashboardDbContext db, BillingImporter importer,
        CancellationToken cancellationToken) =>
        Writes.UpsertAsync<ChargeRequest>(sourceId, request, db, importer, (body, errors) =>
        {
            var oid = OidRules.Resolve(null, body.Oid, errors);
            errors.Required("customer_oid", body.CustomerOid);
            errors.Required("amount", body.Amount);
            errors.NonNegative("amount", body.Amount);
            errors.NonNegative("fee", body.Fee);
            errors.Currency("currency", body.Currency);
            errors.Required("created", body.Created);
            var status = errors.Enum<ChargeStatus>("status", body.Status);
            var kind = errors.Enum<ChargeKind>("kind", body.Kind, required: false);
            return new ChargeImport
            {
                Oid = oid,
                CustomerOid = body.CustomerOid,
                SubscriptionOid = string.IsNullOrWhiteSpace(body.SubscriptionOid) ? null : body.SubscriptionOid,
                Amount = body.Amount,
                Fee = body.Fee,
                Currency = body.Currency,
                Created = body.Created,
                Status = status,
                Kind = kind,
            };
        }, cancellationToken);

    private static Task<IResult> DeleteAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, DashboardDbContext db, BillingImporter importer, CancellationToken cancellationToken) =>
        Writes.DeleteAsync(sourceId, oid, db, importer, cancellationToken);
}
