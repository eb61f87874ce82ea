using System.Globalization;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Services.Customers;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Customers;

/// <summary>One customer: header numbers and MRR history from the engine, subscriptions, charges and attributes from the store.</summary>
public partial class CustomerPage : DataPage
{
    private CustomerPageModel? view;
    private bool notFound;
    private bool canEditNotes;

    [Parameter]
    public required string Id { get; set; }

    [Inject]
    public required CustomersQuery Query { get; init; }

    [Inject]
    public required ILogger<CustomerPage> Logger { get; init; }

    [Inject]
    public required CustomerNoteService Notes { get; init; }

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
                canEditNotes = await Notes.CanEditAsync();
            });
        }

        if (notFound)
        {
            // Status 404 and the not-found page, which names the id (the page's own message stands in where no router listens).
            Navigation.NotFound();
        }
    }

    private async Task<IReadOnlyDictionary<string, string[]>> AddNoteAsync(DateOnly? date, string? text)
    {
        if (view is not { } shown)
        {
            return new Dictionary<string, string[]>();
        }

        var result = await Notes.AddAsync(shown.Id, date, text, Leaving);
        if (result.Succeeded)
        {
            await ReloadAsync(shown.Id);
        }

        return result.Errors;
    }

    private async Task DeleteNoteAsync(long noteId)
    {
        if (view is { } shown && await Notes.DeleteAsync(shown.Id, noteId, Leaving))
        {
            await ReloadAsync(shown.Id);
        }
    }

    /// <summary>Reloads the customer after a note changed; the form calls back through a delegate, so the page asks to render.</summary>
    private async Task ReloadAsync(long id)
    {
        await LoadAsync(async () => view = await Query.CustomerAsync(id, Leaving) ?? view);
        StateHasChanged();
    }
}
