using Dashboard.Web.Services.Filters;
using Dashboard.Web.Services.Segments;

namespace Dashboard.Web.Tests.Components;

/// <summary>
/// The filter builder's services with a fixed vocabulary (plans, a source, the attribute "UTM source"), a fixed count
/// of matching customers and a fixed answer to "may this user save segments"; saved segments are kept in a list.
/// </summary>
public sealed class FixedFilterChoices(int? matches = 3, bool canSave = true) : IFilterChoices
{
    public static readonly FilterVocabulary Vocabulary = new(
    [
        .. FilterVocabulary.BuiltInFields(
            [new("2", "Stripe live")],
            [new("EUR", "EUR"), new("USD", "USD")],
            [new("DE", "DE"), new("FR", "FR")],
            [new("Basic", "Basic"), new("Pro", "Pro"), new("price_pro_eur", "Pro (EUR)")],
            []),
        new FilterFieldOption("utm_source", "UTM source", [new("google", "google"), new("newsletter", "newsletter")]),
        new FilterFieldOption("seats_used", "Seats used", [new("3", "3")], Comparable: true),
    ]);

    public List<(string? Name, long? SegmentId, IReadOnlyList<string> Filters)> Saved { get; } = [];

    public Task<FilterVocabulary> VocabularyAsync(CancellationToken cancellationToken) => Task.FromResult(Vocabulary);

    public Task<int?> MatchingCustomersAsync(long? segmentId, IReadOnlyList<string> filters, CancellationToken cancellationToken) =>
        Task.FromResult(segmentId is null && filters.Count == 0 ? null : matches);

    public Task<bool> CanSaveSegmentsAsync() => Task.FromResult(canSave);

    public Task<SegmentSaveResult> SaveSegmentAsync(string? name, long? segmentId, IReadOnlyList<string> filters, CancellationToken cancellationToken)
    {
        Saved.Add((name, segmentId, filters));
        var segment = new SavedSegment(Saved.Count, name ?? string.Empty, filters.Select(f => f.Split(':', 3)).Select(p => new SavedFilter(p[0], p[1], p[2])).ToList());
        return Task.FromResult(new SegmentSaveResult(segment, new Dictionary<string, string[]>()));
    }
}
