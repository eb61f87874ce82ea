using System.Text.Json.Serialization;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;

namespace Dashboard.Web.Api.Customers;

public sealed record CustomerRequest(
    string? Oid, string? Name, string? Email, string? Notes, DateTimeOffset? Created, string? Country, string? Currency) : IPartialRequest
{
    [JsonIgnore]
    public SentFields Sent { get; set; } = SentFields.None;

    /// <summary>
    /// The import of this body: a field the body did not name keeps <paramref name="stored"/>'s value (null on a create,
    /// so a POST replaces the whole customer). The importer validates the result.
    /// </summary>
    public CustomerImport ToImport(string? oid, CustomerImport? stored) => new()
    {
        Oid = oid,
        Name = Sent.Pick("name", Name, stored?.Name),
        Email = Sent.Pick("email", Email, stored?.Email),
        Notes = Sent.Pick("notes", Notes, stored?.Notes),
        Country = Sent.Pick("country", Country, stored?.Country),
        Currency = Sent.Pick("currency", Currency, stored?.Currency),
        Created = Sent.Pick("created", Created, stored?.Created),
    };
}

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
