using System.Globalization;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Audit;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Features.Account;

/// <summary>
/// <c>/signin</c> (anyone): a statically rendered form (the response must set the cookie, which an interactive circuit
/// cannot). <see cref="PasswordSignIn"/> decides; a wrong password, an unknown email and a locked account all get the
/// same message, and a throttled client gets 429 with Retry-After. The ReturnUrl is followed only when it is local.
/// </summary>
public partial class SignInPage : ComponentBase
{
    private string? error;

    [SupplyParameterFromForm(FormName = "signin")]
    private SignInForm? Input { get; set; }

    [SupplyParameterFromQuery]
    public string? ReturnUrl { get; set; }

    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [Inject]
    public required PasswordSignIn PasswordSignIn { get; init; }

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
        var attempt = await PasswordSignIn.SignInAsync(Input!.Email, Input!.Password, AuditActor.AddressOf(HttpContext));
        if (attempt.Succeeded)
        {
            Navigation.NavigateTo(LocalUrl.OrRoot(ReturnUrl));
            return;
        }

        if (attempt.RetryAfter is { } wait)
        {
            error = PasswordSignIn.ThrottledMessage(wait);
            if (HttpContext is { Response.HasStarted: false } context)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return;
        }

        error = PasswordSignIn.Refused;
    }
}
