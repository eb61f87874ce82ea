using Dashboard.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Features.Account;

/// <summary>
/// <c>/signin</c>: a statically rendered form (the response must set the cookie, which an interactive circuit cannot).
/// Wrong passwords count towards the lockout; the ReturnUrl is followed only when it is local.
/// </summary>
public partial class SignInPage : ComponentBase
{
    private string? error;

    [SupplyParameterFromForm(FormName = "signin")]
    private SignInForm? Input { get; set; }

    [SupplyParameterFromQuery]
    public string? ReturnUrl { get; set; }

    [Inject]
    public required SignInManager<IdentityUser> SignInManager { get; init; }

    [Inject]
    public required UserAccounts Accounts { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (!await Accounts.AnyUsersAsync())
        {
            Navigation.NavigateTo(AuthServiceCollectionExtensions.SetupPath);
        }
    }

    private async Task SignInAsync()
    {
        var result = await SignInManager.PasswordSignInAsync(Input!.Email.Trim(), Input!.Password, isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            Navigation.NavigateTo(LocalUrl.OrRoot(ReturnUrl));
            return;
        }

        error = result.IsLockedOut
            ? $"Too many failed attempts: this account is locked for {SignInRules.LockoutDuration.TotalMinutes:0} minutes. Try again later or ask an owner or admin."
            : "The email or password is wrong.";
    }
}
