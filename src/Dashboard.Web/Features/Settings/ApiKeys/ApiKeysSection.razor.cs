using Dashboard.Core.Billing;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.ApiKeys;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Features.Settings.ApiKeys;

/// <summary>
/// Lists, creates and revokes REST API keys through <see cref="ApiKeyService"/> (the <c>apikey</c> verbs' service). Keys
/// are read-only, read-write (the default) or admin; only owners create admin keys, which can read the audit log.
/// </summary>
public partial class ApiKeysSection : ComponentBase
{
    public const int MaxNameLength = 100;

    private IReadOnlyList<ApiKeyInfo> keys = [];
    private CreatedApiKey? created;
    private string? name;
    private ApiKeyScope scope = ApiKeyScope.ReadWrite;
    private bool isOwner;
    private string? nameError;
    private string? scopeError;
    private string? message;
    private long? confirmingId;
    private bool busy;

    [Inject]
    public required AuditCaller Audit { get; init; }

    [Inject]
    public required ApiKeyService KeyService { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        isOwner = AuthenticationState is not null && (await AuthenticationState).User.IsInRole(DashboardRoles.Owner);
        keys = await KeyService.ListAsync();
    }

    /// <summary>The scopes this user may choose: admin keys for owners only.</summary>
    private IReadOnlyList<ScopeChoice> ScopeChoices =>
    [
        new(ApiKeyScope.ReadOnly, "read-only: reads; 403 on writes"),
        new(ApiKeyScope.ReadWrite, "read-write: reads and writes billing data"),
        .. isOwner ? [new ScopeChoice(ApiKeyScope.Admin, "admin: also keys and the audit log")] : Array.Empty<ScopeChoice>(),
    ];

    private sealed record ScopeChoice(ApiKeyScope Value, string Text);

    /// <summary>The scope's problem for this user, or null when they may create a key of it.</summary>
    public static string? ValidateScope(ApiKeyScope scope, bool isOwner) =>
        !Enum.IsDefined(scope) ? "Choose read-only, read-write or admin."
        : scope == ApiKeyScope.Admin && !isOwner ? "Only an owner may create an admin key (it can read the audit log)."
        : null;

    /// <summary>The name's problem, or null when a key may be created with it.</summary>
    public static string? ValidateName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Key name is required: say what will use the key (e.g. billing export)."
        : name.Trim().Length > MaxNameLength ? $"Key name is {name.Trim().Length} characters long; at most {MaxNameLength} are allowed."
        : null;

    private async Task CreateAsync()
    {
        nameError = ValidateName(name);
        scopeError = ValidateScope(scope, isOwner);
        if (nameError is not null || scopeError is not null)
        {
            return;
        }

        busy = true;
        try
        {
            created = await KeyService.CreateAsync(name!.Trim(), scope);
            await Audit.RecordAsync(AuditActions.ApiKeyCreated, $"{created.Key.Name} ({created.Key.Prefix}, {ApiKeyScopes.Label(created.Key.Scope)})");
            message = null;
            name = null;
            scope = ApiKeyScope.ReadWrite;
            keys = await KeyService.ListAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RevokeAsync(long id)
    {
        busy = true;
        try
        {
            var revoked = await KeyService.RevokeAsync(id);
            var key = keys.FirstOrDefault(k => k.Id == id);
            if (revoked)
            {
                await Audit.RecordAsync(AuditActions.ApiKeyRevoked, $"{key?.Name} ({key?.Prefix})");
            }

            message = revoked ? $"Revoked “{key?.Name}”: calls with it now get 401." : "That key no longer exists.";
            confirmingId = null;
            if (created?.Key.Id == id)
            {
                created = null;
            }

            keys = await KeyService.ListAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
