using System.Text.Json;

namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>A change in the account; <see cref="Data"/> holds the object as it was right after the change.</summary>
public sealed record StripeEvent : IStripeObject
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public long Created { get; init; }
    public string? ApiVersion { get; init; }
    public required StripeEventData Data { get; init; }

    public T ObjectAs<T>() =>
        Data.Object.Deserialize<T>(StripeJson.Options)
        ?? throw new JsonException($"Event {Id} ({Type}) carries no {typeof(T).Name}.");

    public string? ObjectId =>
        Data.Object.ValueKind == JsonValueKind.Object && Data.Object.TryGetProperty("id", out var id) ? id.GetString() : null;
}

public sealed record StripeEventData
{
    public JsonElement Object { get; init; }
    public JsonElement? PreviousAttributes { get; init; }
}
