namespace Dashboard.Web.Services.Audit;

/// <summary>The actions the audit log records (stored as these names; the Settings page and the API filter on them).</summary>
public static class AuditActions
{
    public const string SignIn = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SignInLockedOut = "signin.locked_out";
    public const string SignInThrottled = "signin.throttled";
    public const string Setup = "setup.owner_created";
    public const string SetupRefused = "setup.refused";
    public const string UserCreated = "user.created";
    public const string UserDeleted = "user.deleted";
    public const string UserRoleChanged = "user.role_changed";
    public const string UserPasswordChanged = "user.password_changed";
    public const string ApiKeyCreated = "apikey.created";
    public const string ApiKeyRevoked = "apikey.revoked";
    public const string SourceAdded = "source.added";
    public const string SourceRemoved = "source.removed";
    public const string DemoLoaded = "demo.loaded";
    public const string DemoLoadFailed = "demo.load_failed";
    public const string SourceCredentialsChanged = "source.credentials_changed";
    public const string SourceIntervalChanged = "source.interval_changed";
    public const string SettingsChanged = "settings.changed";
    public const string CsvImported = "import.csv";
    public const string ApiDeleted = "api.deleted";
    public const string CustomerNoteAdded = "customer_note.added";
    public const string CustomerNoteDeleted = "customer_note.deleted";

    public static IReadOnlyList<string> All { get; } =
    [
        SignIn, SignInFailed, SignInLockedOut, SignInThrottled, Setup, SetupRefused,
        UserCreated, UserDeleted, UserRoleChanged, UserPasswordChanged,
        ApiKeyCreated, ApiKeyRevoked,
        SourceAdded, SourceRemoved, DemoLoaded, DemoLoadFailed, SourceCredentialsChanged, SourceIntervalChanged,
        SettingsChanged, CsvImported, ApiDeleted,
        CustomerNoteAdded, CustomerNoteDeleted,
    ];
}
