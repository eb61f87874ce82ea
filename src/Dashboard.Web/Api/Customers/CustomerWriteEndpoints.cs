using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;

namespace Dashboard.Web.Api.Customers;

/// <summary>
/// Customer writes: POST (upsert on oid), PUT /{oid} (changes only the fields it is sent), DELETE /{oid} (takes its
/// subscriptions, charges and refunds).
/// </summary>
public static class CustomerWriteEndpoints
{
    public static void MapCustomerWrites(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/customers").WithTags("Customers").RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPost("/", ([AsParameters] SourceWriteRequest request) => Writes(request).UpsertAsync(request, Map(null, request)))
            .Accepts<CustomerRequest>("application/json");
        group.MapPut("/{oid}", (string oid, [AsParameters] SourceWriteRequest request) => Writes(request).UpsertAsync(request, Map(oid, request)))
            .Accepts<CustomerRequest>("application/json");
        group.MapDelete("/{oid}", (string oid, [AsParameters] SourceWriteRequest request) => Writes(request).DeleteAsync(oid, request));
    }

    /// <summary>The answer carries the engine's numbers when the engine is built (see <see cref="CustomerNumbers"/>).</summary>
    private static ResourceWrites<CustomerDto, CustomerEnvelope> Writes(SourceWriteRequest request)
    {
        var services = request.Http.HttpContext.RequestServices;
        var numbers = services.GetRequiredService<CustomerNumbers>().ForWrite();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return new(ImportObjectKind.Customer, (db, source, oid, ct) => CustomerReads.FindAsync(db, source, oid, numbers, now, ct),
            customer => new CustomerEnvelope(customer), CustomerReads.FindCreatedAsync);
    }

    /// <summary>POST replaces the customer; PUT changes only the fields it names. Values are checked by the importer.</summary>
    private static Func<CustomerRequest, FieldErrors, long, CancellationToken, Task<ImportOperation>> Map(string? routeOid, SourceWriteRequest request) =>
        async (body, errors, source, ct) =>
        {
            var oid = OidRules.Resolve(routeOid, body.Oid, errors);
            var stored = routeOid is null ? null : await CustomerReads.FindStoredAsync(request.Db, source, routeOid, ct);
            return body.ToImport(oid, stored);
        };
}
