using System.Globalization;

namespace Dashboard.Infrastructure.Sources.Stripe.Sync;

/// <summary>
/// A full-import pass's position, as stored in its checkpoint: the list segment (null for the account's own objects, else
/// the test clock whose objects are being read), the last object read and when it was created. The creation time is
/// where the list restarts (<c>created[lte]</c>) when Stripe no longer knows the object (it was deleted meanwhile).
/// </summary>
internal sealed record StripeListCursor(string? TestClock, string ObjectId, long? CreatedSeconds)
{
    private const char Separator = '~';

    public string Format() => string.Create(CultureInfo.InvariantCulture,
        $"{TestClock}{Separator}{ObjectId}{Separator}{CreatedSeconds}");

    /// <summary>A stored cursor; one written before test clocks and time checkpoints existed is a bare object id.</summary>
    public static StripeListCursor? Parse(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        var parts = stored.Split(Separator);
        if (parts.Length != 3)
        {
            return new StripeListCursor(null, stored, null);
        }

        return new StripeListCursor(
            parts[0].Length == 0 ? null : parts[0],
            parts[1],
            long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var created) ? created : null);
    }
}
