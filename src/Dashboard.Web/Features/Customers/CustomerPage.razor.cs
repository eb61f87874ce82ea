using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Customers;

/// <summary>One customer: header numbers and MRR history from the engine, subscriptions, charges and attributes from the store.</summary>
public partial class CustomerPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource disposed = new();
    private CustomerPageModel? view;
    private bool notFound;
    private string? error;

    [Parameter]
    public required string Id { get; set; }

    [Inject]
    public required CustomersQuery Query { get; init; }

    [Inject]
    public required ILogger<CustomerPage> Logger { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        view = null;
        error = null;
        notFound = !long.TryParse(Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id);
        if (notFound)
        {
            return;
        }

        try
        {
            view = await Query.CustomerAsync(id, disposed.Token);
            notFound = view is null;
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
            // The user left the page.
        }
        catch (Exception exception) when (exception is MetricQueryException or MissingFxRateException)
        {
            Logger.LogWarning(exception, "Customer {Id} could not be shown", Id);
            error = exception.Message;
        }
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}
