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
        group.MapPost("/", ([AsParameters] SourceWriteRequest request) => Writes(request, isPut: false).UpsertAsync(request, Map(null, request)))
            .AcceptsBody<CustomerRequest>();
        group.MapPut("/{oid}", (string oid, [AsParameters] SourceWriteRequest request) => Writes(request, isPut: true).UpsertAsync(request, Map(oid, request)))
            .AcceptsBody<CustomerRequest>();
        group.MapDelete("/{oid}", (string oid, [AsParameters] SourceWriteRequest request) => Writes(request, isPut: false).DeleteAsync(oid, request));
    }

    /// <summary>
    /// The answer carries the engine's numbers (see <see cref="CustomerNumbers"/>). A PUT, which edits a customer that
    /// exists, reads them like a GET; a POST uses them only when the engine is built, so bulk imports never wait for a
    /// full load (a new customer's numbers are known without it).
    /// </summary>
    private static ResourceWrites<CustomerDto, CustomerEnvelope> Writes(SourceWriteRequest request, bool isPut)
    {
        var services = request.Http.HttpContext.RequestServices;
        var numbers = services.GetRequiredService<CustomerNumbers>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return new(ImportObjectKind.Customer,
            async (db, source, oid, ct) => await CustomerReads.FindAsync(db, source, oid, isPut ? await numbers.ForReadAsync(ct) : numbers.ForWrite(), now, ct),
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
