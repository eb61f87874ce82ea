using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Infrastructure.Sources.Braintree.Api;

namespace Dashboard.Infrastructure.Sources.Braintree.Mapping;

/// <summary>Plans (and their per-price variants) and customers.</summary>
public static class BraintreeCatalogMapper
{
    /// <summary>A plan in its own currency, else the merchant's default account's: price, months between bills, trial.</summary>
    public static PlanImport Plan(BraintreePlan plan, string defaultCurrency)
    {
        var currency = plan.CurrencyIsoCode ?? defaultCurrency;
        return Plan(plan, plan.Id, plan.Name, currency, BraintreeMoney.ToMinor(plan.Price, currency, $"Plan {plan.Id} price"));
    }

    /// <summary>
    /// The store's plan for a subscription billed <paramref name="price"/> in <paramref name="currency"/>: the plan itself
    /// when both match it, else a variant "plan_id:CUR:minor" (same name, frequency and trial) created for that price.
    /// </summary>
    public static PlanImport PlanFor(BraintreePlan plan, string defaultCurrency, decimal price, string currency)
    {
        var own = Plan(plan, defaultCurrency);
        var minor = BraintreeMoney.ToMinor(price, currency, $"Plan {plan.Id} price");
        if (own.Currency == currency && own.Amount == minor)
        {
            return own;
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"{plan.Id}:{currency}:{minor}");
        var label = string.Create(CultureInfo.InvariantCulture, $"{plan.Name} ({currency} {price:0.00##})");
        return Plan(plan, id, label, currency, minor);
    }

    public static CustomerImport Customer(BraintreeCustomer customer) => new()
    {
        Oid = customer.Id,
        Name = NameOf(customer),
        Email = customer.Email,
        Country = customer.Country,
        Created = customer.CreatedAt,
    };

    /// <summary>Each custom field as a string attribute with the field's API name (dashes as underscores).</summary>
    public static IReadOnlyList<ImportOperation> Attributes(BraintreeCustomer customer) =>
        customer.CustomFields.Select(f => (ImportOperation)new CustomerAttributeImport
        {
            Oid = customer.Id,
            CustomerOid = customer.Id,
            Key = f.Key,
            Value = f.Value,
        }).ToList();

    /// <summary>"First Last", else the company, else none.</summary>
    public static string? NameOf(BraintreeCustomer customer)
    {
        var person = string.Join(' ', new[] { customer.FirstName, customer.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))).Trim();
        return person.Length > 0 ? person : string.IsNullOrWhiteSpace(customer.Company) ? null : customer.Company;
    }

    private static PlanImport Plan(BraintreePlan plan, string id, string name, string currency, long amount) => new()
    {
        Oid = id,
        Name = name,
        Currency = currency,
        Amount = amount,
        Interval = BillingInterval.Month,
        IntervalCount = plan.BillingFrequency,
        TrialDuration = plan.TrialPeriod ? plan.TrialDuration : null,
        TrialDurationUnit = plan.TrialPeriod && plan.TrialDuration is not null
            ? plan.TrialDurationUnit == "month" ? BillingInterval.Month : BillingInterval.Day
            : null,
    };
}
