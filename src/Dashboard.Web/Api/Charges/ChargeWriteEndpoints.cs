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
        group.MapPost("/", ([AsParameters] SourceWriteRequest request) => Writes(request).UpsertAsync(request, Create()))
            .Accepts<ChargeRequest>("application/json");
        group.MapDelete("/{oid}", (string oid, [AsParameters] SourceWriteRequest request) => Writes(request).DeleteAsync(oid, request));
    }

    /// <summary>The nested customer's <c>ltv</c> comes from the engine when it is built (see <see cref="CustomerNumbers"/>).</summary>
    private static ResourceWrites<ChargeDto, ChargeEnvelope> Writes(SourceWriteRequest request)
    {
        var numbers = request.Http.HttpContext.RequestServices.GetRequiredService<CustomerNumbers>().ForWrite();
        return new(ImportObjectKind.Charge, (db, source, oid, ct) => ChargeReads.FindAsync(db, source, oid, numbers, ct), charge => new ChargeEnvelope(charge),
            (db, source, oid, ct) => ChargeReads.FindCreatedAsync(db, source, oid, numbers, ct));
    }

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
