using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api.Customers;

/// <summary>Customer writes: POST (upsert on oid), PUT /{oid}, DELETE /{oid} (takes its subscriptions, charges and refunds).</summary>
public static class CustomerWriteEndpoints
{
    public static void MapCustomerWrites(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/customers").WithTags("Customers").RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPost("/", ([FromRoute(Name = "source_id")] string sourceId, HttpRequest request, DashboardDbContext db, BillingImporter importer,
                    CancellationToken ct) => UpsertAsync(sourceId, null, request, db, importer, ct))
            .Accepts<CustomerRequest>("application/json")
            .Produces<CustomerEnvelope>(StatusCodes.Status201Created)
            .Produces<CustomerEnvelope>()
            .ProducesValidationProblem();
        group.MapPut("/{oid}", ([FromRoute(Name = "source_id")] string sourceId, string oid, HttpRequest request, DashboardDbContext db,
                    BillingImporter importer, CancellationToken ct) => UpsertAsync(sourceId, oid, request, db, importer, ct))
            .Accepts<CustomerRequest>("application/json")
            .Produces<CustomerEnvelope>(StatusCodes.Status201Created)
            .Produces<CustomerEnvelope>()
            .ProducesValidationProblem();
        group.MapDelete("/{oid}", DeleteAsync)
            .Produces<CustomerEnvelope>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
    }

    private static readonly ResourceWrites<CustomerDto, CustomerEnvelope> Writes =
        new(ImportObjectKind.Customer, CustomerReads.FindAsync, customer => new CustomerEnvelope(customer), CustomerReads.FindCreatedAsync);

    private static Task<IResult> UpsertAsync(
        string sourceId, string? routeOid, HttpRequest request, DashboardDbContext db, BillingImporter importer, CancellationToken cancellationToken) =>
        Writes.UpsertAsync<CustomerRequest>(sourceId, request, db, importer, (body, errors) =>
        {
            var oid = OidRules.Resolve(routeOid, body.Oid, errors);
            errors.MaxLength("name", body.Name, 500);
            errors.MaxLength("email", body.Email, 320);
            errors.Currency("currency", body.Currency, required: false);
            return new CustomerImport
            {
                Oid = oid,
                Name = body.Name,
                Email = body.Email,
                Notes = body.Notes,
                Country = body.Country,
                Currency = body.Currency,
                Created = body.Created,
            };
        }, cancellationToken);

    private static Task<IResult> DeleteAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, DashboardDbContext db, BillingImporter importer, CancellationToken cancellationToken) =>
        Writes.DeleteAsync(sourceId, oid, db, importer, cancellationToken);
}
