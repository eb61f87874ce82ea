using Dashboard.Core.Billing;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Customers;

public sealed record CustomerRequest(
    string? Oid, string? Name, string? Email, string? Notes, DateTimeOffset? Created, string? Country, string? Currency);

public sealed record CustomerDto(
    string Oid, long SourceId, string? Name, string? Email, string? Notes, string? Country, string? Currency, DateTimeOffset Created,
    IReadOnlyDictionary<string, string> Attributes)
{
    public static CustomerDto From(Customer customer, IReadOnlyDictionary<string, string>? attributes = null) =>
        new(customer.ExternalId, customer.SourceId, customer.Name, customer.Email, customer.Notes, customer.Country, customer.Currency,
            customer.CreatedAt, attributes ?? new Dictionary<string, string>());
}

public sealed record CustomerEnvelope(CustomerDto Customer);

public sealed record CustomerList(IReadOnlyList<CustomerDto> Customers, PaginationMeta Meta);
