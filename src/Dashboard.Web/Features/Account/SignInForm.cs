using System.ComponentModel.DataAnnotations;

namespace Dashboard.Web.Features.Account;

public sealed class SignInForm
{
    [Required(ErrorMessage = "Enter your email.")]
    [EmailAddress(ErrorMessage = "Enter an email address.")]
    public string Email { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter your password.")]
    public string Password { get; set; } = string.Empty;
}

public sealed class SetupForm
{
    [Required(ErrorMessage = "Enter the set-up token the server printed at start.")]
    public string Token { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter an email.")]
    [EmailAddress(ErrorMessage = "Enter an email address.")]
    public string Email { get; set; } = string.Empty;

    [Required(ErrorMessage = "Choose a password.")]
    public string Password { get; set; } = string.Empty;

    [Required(ErrorMessage = "Repeat the password.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = string.Empty;
}
