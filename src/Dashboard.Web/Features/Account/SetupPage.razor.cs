using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Features.Account;

/// <summary>
/// <c>/setup</c>: creates the owner while no account exists, then signs them in. Once any account exists it only
/// redirects to the sign-in page.
/// </summary>
public partial class SetupPage : ComponentBase
{
    private IReadOnlyList<string> errors = [];

    [SupplyParameterFromForm(FormName = "setup")]
    private SetupForm? Input { get; set; }

    [Inject]
    public required UserAccounts Accounts { get; init; }

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
        var result = await Accounts.CreateFirstOwnerAsync(Input!.Email, Input!.Password);
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
