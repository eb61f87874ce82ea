namespace Dashboard.Infrastructure.Sources.Stripe.Api;

/// <summary>Stripe.net gives instants as UTC <see cref="DateTime"/>s; the mapping works in Unix seconds and offsets.</summary>
public static class StripeTime
{
    public static DateTimeOffset ToInstant(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static DateTimeOffset? ToInstant(DateTime? utc) => utc is { } value ? ToInstant(value) : null;

    public static long Seconds(DateTime utc) => ToInstant(utc).ToUnixTimeSeconds();

    public static long? Seconds(DateTime? utc) => utc is { } value ? Seconds(value) : null;

    public static DateTimeOffset ToInstant(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
}
