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
        group.MapPost("/", ([AsParameters] SourceWriteRequest request) => Writes.UpsertAsync(request, Map(null, request)))
            .AcceptsBody<CustomerRequest>();
        group.MapPut("/{oid}", (string oid, [AsParameters] SourceWriteRequest request) => Writes.UpsertAsync(request, Map(oid, request)))
            .AcceptsBody<CustomerRequest>();
        group.MapDelete("/{oid}", (string oid, [AsParameters] SourceWriteRequest request) => Writes.DeleteAsync(oid, request));
    }

    private static readonly ResourceWrites<CustomerDto, CustomerEnvelope> Writes =
        new(ImportObjectKind.Customer, CustomerReads.FindAsync, customer => new CustomerEnvelope(customer), CustomerReads.FindCreatedAsync);

    /// <summary>POST replaces the customer; PUT changes only the fields it names. Values are checked by the importer.</summary>
    private static Func<CustomerRequest, FieldErrors, long, CancellationToken, Task<ImportOperation>> Map(string? routeOid, SourceWriteRequest request) =>
        async (body, errors, source, ct) =>
        {
            var oid = OidRules.Resolve(routeOid, body.Oid, errors);
            var stored = routeOid is null ? null : await CustomerReads.FindStoredAsync(request.Db, source, routeOid, ct);
            return body.ToImport(oid, stored);
        };
}
