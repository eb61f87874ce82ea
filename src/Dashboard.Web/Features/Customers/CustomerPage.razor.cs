using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Customers;

/// <summary>One customer: header numbers and MRR history from the engine, subscriptions, charges and attributes from the store.</summary>
public partial class CustomerPage : DataPage
{
    private CustomerPageModel? view;
    private bool notFound;

    [Parameter]
    public required string Id { get; set; }

    [Inject]
    public required CustomersQuery Query { get; init; }

    [Inject]
    public required ILogger<CustomerPage> Logger { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        view = null;
        Error = null;
        notFound = !long.TryParse(Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id);
        if (!notFound)
        {
            await LoadAsync(async () =>
            {
                view = await Query.CustomerAsync(id, Leaving);
                notFound = view is null;
            });
        }

        if (notFound)
        {
            // Status 404 and the not-found page, which names the id (the page's own message stands in where no router listens).
            Navigation.NotFound();
        }
    }
}
