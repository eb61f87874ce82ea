using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;

namespace Dashboard.Web.Api.Charges;

/// <summary>Charge writes: POST (upsert on oid), DELETE /{oid} (takes its refunds).</summary>
public static class ChargeWriteEndpoints
{
    public static void MapChargeWrites(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/charges").WithTags("Charges").RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPost("/", ([AsParameters] SourceWriteRequest request) => Writes.UpsertAsync(request, Create()))
            .Accepts<ChargeRequest>("application/json");
        group.MapDelete("/{oid}", (string oid, [AsParameters] SourceWriteRequest request) => Writes.DeleteAsync(oid, request));
    }

    private static readonly ResourceWrites<ChargeDto, ChargeEnvelope> Writes =
        new(ImportObjectKind.Charge, ChargeReads.FindAsync, charge => new ChargeEnvelope(charge), ChargeReads.FindCreatedAsync);

    private static Func<ChargeRequest, FieldErrors, ImportOperation> Create() => (body, errors) =>
        {
            var oid = OidRules.Resolve(null, body.Oid, errors);
            var status = errors.Enum<ChargeStatus>("status", body.Status, required: false);
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
        };
}
