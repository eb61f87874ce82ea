using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Charges;

/// <summary>Charge writes: POST (upsert on oid), DELETE /{oid} (takes its refunds).</summary>
public static class ChargeWriteEndpoints
{
    public static void MapChargeWrites(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/charges").WithTags("Charges").RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPost("/", ([AsParameters] SourceWriteRequest request) => Writes(request).UpsertAsync(request, Create(request)))
            .AcceptsBody<ChargeRequest>();
        group.MapDelete("/{oid}", (string oid, [AsParameters] SourceWriteRequest request) => Writes(request).DeleteAsync(oid, request));
    }

    /// <summary>The nested customer's <c>ltv</c> comes from the engine when it is built (see <see cref="CustomerNumbers"/>).</summary>
    private static ResourceWrites<ChargeDto, ChargeEnvelope> Writes(SourceWriteRequest request)
    {
        var numbers = request.Http.HttpContext.RequestServices.GetRequiredService<CustomerNumbers>().ForWrite();
        return new(ImportObjectKind.Charge, (db, source, oid, ct) => ChargeReads.FindAsync(db, source, oid, numbers, ct), charge => new ChargeEnvelope(charge),
            (db, source, oid, ct) => ChargeReads.FindCreatedAsync(db, source, oid, numbers, ct));
    }

    /// <summary>
    /// Baremetrics' defaults for what the body leaves out: <c>created</c> now and <c>status</c> paid for a new charge; a
    /// charge posted again keeps its stored values.
    /// </summary>
    private static Func<ChargeRequest, FieldErrors, long, CancellationToken, Task<ImportOperation>> Create(SourceWriteRequest request) =>
        async (body, errors, source, ct) =>
        {
            var oid = OidRules.Resolve(null, body.Oid, errors);
            var status = errors.Enum<ChargeStatus>("status", body.Status, required: false);
            var kind = errors.Enum<ChargeKind>("kind", body.Kind, required: false);
            if ((body.Created is null || status is null) && oid is not null)
            {
                var stored = await request.Db.Charges.AsNoTracking()
                    .Where(c => c.SourceId == source && c.ExternalId == oid)
                    .Select(c => new { c.CreatedAt, c.Status })
                    .FirstOrDefaultAsync(ct);
                body = body with { Created = body.Created ?? stored?.CreatedAt ?? request.Clock.GetUtcNow() };
                status ??= stored?.Status ?? ChargeStatus.Paid;
            }

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
