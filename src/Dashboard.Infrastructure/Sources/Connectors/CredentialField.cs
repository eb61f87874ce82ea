namespace Dashboard.Infrastructure.Sources.Connectors;

/// <summary>How a credential field is entered and checked.</summary>
public enum CredentialFieldKind
{
    /// <summary>Plain text, shown as typed.</summary>
    Text,

    /// <summary>A secret: a password input in the form, never printed, stored encrypted.</summary>
    Secret,

    /// <summary>An absolute http(s) URL.</summary>
    Url,

    /// <summary>One of <see cref="CredentialField.Choices"/>.</summary>
    Choice,
}

/// <summary>
/// One setting a connector needs to reach its provider. <see cref="Key"/> is both the command-line option
/// (<c>--merchant-id</c>) and the form input's name; <see cref="Label"/> names it in the form and in every error.
/// </summary>
public sealed record CredentialField(string Key, string Label, CredentialFieldKind Kind)
{
    public bool Required { get; init; }

    /// <summary>A sentence under the input: where to find the value.</summary>
    public string? Help { get; init; }

    public string? Placeholder { get; init; }

    /// <summary>The allowed values of a <see cref="CredentialFieldKind.Choice"/>, the first being the default unless <see cref="Default"/> says otherwise.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The value used when none is given (choices only).</summary>
    public string? Default { get; init; }

    /// <summary>
    /// A secret that the command line takes only as <c>--{key}-stdin</c> (the first unread line of standard input),
    /// never as an argument, which would show in the process list and the shell history.
    /// </summary>
    public bool StdinOnly { get; init; }

    /// <summary>A provider's own rule on a non-empty value: the problem, or null when the value is fine.</summary>
    public Func<string, string?>? Check { get; init; }

    public bool IsSecret => Kind == CredentialFieldKind.Secret;

    /// <summary>The command-line flag that reads this secret from standard input.</summary>
    public string StdinFlag => Key + "-stdin";

    /// <summary>The problem with <paramref name="value"/> (already trimmed, null when empty), or null when it is fine.</summary>
    public string? Problem(string? value)
    {
        if (value is null)
        {
            return Required ? "is required." : null;
        }

        return Kind switch
        {
            CredentialFieldKind.Url when !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") =>
                $"'{value}' is not an absolute http(s) URL.",
            // Keys travel to this URL, so plain http is only for a server on this machine (a local fake or proxy).
            CredentialFieldKind.Url when Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == "http" && !uri.IsLoopback =>
                $"'{value}' must use https (plain http only to this machine).",
            CredentialFieldKind.Choice when !Choices.Contains(value, StringComparer.Ordinal) =>
                $"'{value}' is not one of {string.Join(", ", Choices)}.",
            _ => Check?.Invoke(value),
        };
    }
}
