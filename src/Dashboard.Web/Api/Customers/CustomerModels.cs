using System.Text.Json.Serialization;
using Dashboard.Core.Billing;
using Dashboard.Core.Customers;
using Dashboard.Web.Api.Plans;
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

/// <summary>
/// A customer in Baremetrics' shape. <c>ltv</c> (net revenue to date: paid charges minus refunds), <c>current_mrr</c>,
/// <c>is_active</c> (MRR above zero) and <c>is_canceled</c> (paid before, nothing now) are the metrics engine's numbers
/// in the reporting currency's minor units, as the customer pages show them; <c>current_plans</c> are the plans of the
/// subscriptions running now. <c>country</c>, <c>currency</c> and <c>attributes</c> are our additions.
/// </summary>
public sealed record CustomerDto(
    string Oid, string SourceId, string Source, DateTimeOffset Created, string? Email, string? Name, string? DisplayImage, string DisplayName,
    string? Notes, long? Ltv, bool? IsActive, bool? IsCanceled, long? CurrentMrr, IReadOnlyList<PlanDto> CurrentPlans,
    string? Country, string? Currency, IReadOnlyDictionary<string, string> Attributes)
{
    public static CustomerDto From(
        Customer customer, SourceProvider provider, CustomerMetrics? numbers, IReadOnlyList<PlanDto> currentPlans,
        IReadOnlyDictionary<string, string>? attributes = null) =>
        new(customer.ExternalId, ApiSources.Id(customer.SourceId), ApiSources.Provider(provider), customer.CreatedAt, customer.Email, customer.Name,
            null, CustomerBriefDto.DisplayNameOf(customer), customer.Notes, numbers?.NetRevenue, CustomerNumbers.IsActive(numbers),
            CustomerNumbers.IsCanceled(numbers), numbers?.Mrr, currentPlans, customer.Country, customer.Currency,
            attributes ?? new Dictionary<string, string>());
}

/// <summary>The customer as Baremetrics nests it in subscriptions, charges, refunds and events.</summary>
public sealed record CustomerBriefDto(
    string Oid, string SourceId, string Source, DateTimeOffset Created, string? Email, string? Name, string? DisplayImage, string DisplayName,
    string? Notes, long? Ltv)
{
    public static CustomerBriefDto From(Customer customer, SourceProvider provider, CustomerMetrics? numbers) =>
        new(customer.ExternalId, ApiSources.Id(customer.SourceId), ApiSources.Provider(provider), customer.CreatedAt, customer.Email, customer.Name,
            null, DisplayNameOf(customer), customer.Notes, numbers?.NetRevenue);

    /// <summary>The name, else the email, else the oid: what the customer pages show.</summary>
    public static string DisplayNameOf(Customer customer) =>
        !string.IsNullOrWhiteSpace(customer.Name) ? customer.Name : !string.IsNullOrWhiteSpace(customer.Email) ? customer.Email : customer.ExternalId;
}

public sealed record CustomerEnvelope(CustomerDto Customer);

public sealed record CustomerList(IReadOnlyList<CustomerDto> Customers, PaginationMeta Meta);
