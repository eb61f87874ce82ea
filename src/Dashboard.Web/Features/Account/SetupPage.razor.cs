using Dashboard.Web.Auth;
using Dashboard.Web.Services.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Features.Account;

/// <summary>
/// <c>/setup</c> (anyone, while no account exists): creates the owner, with the one-time set-up token the server prints
/// at start (<see cref="SetupToken"/>), then signs them in. Once any account exists it only redirects to the sign-in page.
/// </summary>
public partial class SetupPage : ComponentBase
{
    private IReadOnlyList<string> errors = [];

    [SupplyParameterFromForm(FormName = "setup")]
    private SetupForm? Input { get; set; }

    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [Inject]
    public required UserAccounts Accounts { get; init; }

    [Inject]
    public required OwnerSetup OwnerSetup { get; init; }

    [Inject]
    public required SignInManager<IdentityUser> SignInManager { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (await Accounts.AnyUsersAsync())
        {
            Navigation.NavigateTo(AuthServiceCollectionExtensions.SignInPath);
        }
    }

    private async Task CreateOwnerAsync()
    {
        var (result, retryAfter) = await OwnerSetup.CreateOwnerAsync(Input!.Email, Input!.Password, Input!.Token, AuditActor.AddressOf(HttpContext));
        if (retryAfter is { } wait && HttpContext is { Response.HasStarted: false } context)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!result.Succeeded)
        {
            if (result.Errors is [UserAccounts.SetupClosed])
            {
                Navigation.NavigateTo(AuthServiceCollectionExtensions.SignInPath);
                return;
            }

            errors = result.Errors;
            return;
        }

        var owner = await SignInManager.UserManager.FindByEmailAsync(Input!.Email.Trim());
        if (owner is not null)
        {
            await SignInManager.SignInAsync(owner, isPersistent: true);
        }

        Navigation.NavigateTo("/");
    }
}
