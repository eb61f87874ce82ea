using Dashboard.Web.Services.ApiKeys;
using Microsoft.AspNetCore.Components;
using Dashboard.Web.Services.Audit;

namespace Dashboard.Web.Features.Settings.ApiKeys;

/// <summary>Lists, creates and revokes REST API keys through <see cref="ApiKeyService"/> (the <c>apikey create</c> verb's service).</summary>
public partial class ApiKeysSection : ComponentBase
{
    public const int MaxNameLength = 100;

    private IReadOnlyList<ApiKeyInfo> keys = [];
    private CreatedApiKey? created;
    private string? name;
    private bool readOnly;
    private string? nameError;
    private string? message;
    private long? confirmingId;
    private bool busy;

    [Inject]
    public required AuditCaller Audit { get; init; }

    [Inject]
    public required ApiKeyService KeyService { get; init; }

    protected override async Task OnInitializedAsync() => keys = await KeyService.ListAsync();

    /// <summary>The name's problem, or null when a key may be created with it.</summary>
    public static string? ValidateName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Key name is required: say what will use the key (e.g. billing export)."
        : name.Trim().Length > MaxNameLength ? $"Key name is {name.Trim().Length} characters long; at most {MaxNameLength} are allowed."
        : null;

    private async Task CreateAsync()
    {
        nameError = ValidateName(name);
        if (nameError is not null)
        {
            return;
        }

        busy = true;
        try
        {
            created = await KeyService.CreateAsync(name!.Trim(), readOnly);
            await Audit.RecordAsync(AuditActions.ApiKeyCreated, $"{created.Key.Name} ({created.Key.Prefix}, {(created.Key.IsReadOnly ? "read-only" : "read-write")})");
            message = null;
            name = null;
            readOnly = false;
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
