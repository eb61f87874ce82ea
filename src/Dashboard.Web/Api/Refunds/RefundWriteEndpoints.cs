using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Refunds;

/// <summary>Refund writes: POST (upsert on oid; the refunds of a charge may not exceed it), DELETE /{oid}.</summary>
public static class RefundWriteEndpoints
{
    public static void MapRefundWrites(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/refunds").WithTags("Refunds").RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPost("/", ([AsParameters] SourceWriteRequest request) => Writes(request).UpsertAsync(request, Create(request)))
            .AcceptsBody<RefundRequest>();
        group.MapDelete("/{oid}", (string oid, [AsParameters] SourceWriteRequest request) => Writes(request).DeleteAsync(oid, request));
    }

    private static ResourceWrites<RefundDto, RefundEnvelope> Writes(SourceWriteRequest request)
    {
        var numbers = request.Http.HttpContext.RequestServices.GetRequiredService<CustomerNumbers>().ForWrite();
        return new(ImportObjectKind.Refund, (db, source, oid, ct) => RefundReads.FindAsync(db, source, oid, numbers, ct), refund => new RefundEnvelope(refund));
    }

    /// <summary>Baremetrics' default for a refund without <c>created</c>: now (a refund posted again keeps its stored time).</summary>
    private static Func<RefundRequest, FieldErrors, long, CancellationToken, Task<ImportOperation>> Create(SourceWriteRequest request) =>
        async (body, errors, source, ct) =>
        {
            var oid = OidRules.Resolve(null, body.Oid, errors);
            var created = body.Created;
            if (created is null && oid is not null)
            {
                created = await request.Db.Refunds.AsNoTracking()
                    .Where(r => r.SourceId == source && r.ExternalId == oid)
                    .Select(r => (DateTimeOffset?)r.CreatedAt)
                    .FirstOrDefaultAsync(ct) ?? request.Clock.GetUtcNow();
            }

            return new RefundImport
            {
                Oid = oid,
                ChargeOid = body.ChargeOid,
                Amount = body.Amount,
                Currency = body.Currency,
                Created = created,
            };
        };
}
