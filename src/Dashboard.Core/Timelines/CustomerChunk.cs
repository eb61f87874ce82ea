using Dashboard.Core.Billing;

namespace Dashboard.Core.Timelines;

/// <summary>
/// A run of consecutive customers (by id) stored as flat arrays: per-customer fields and encoded columns indexed by
/// the customer's position in the chunk, and MRR points, subscriptions and cash entries concatenated with start
/// offsets per customer. Segment walks therefore read a few sequential arrays instead of one object graph per
/// customer, and an update rebuilds only the chunks it touches. Immutable once packed (see <see cref="ChunkWriter"/>),
/// except for the cache of materialized <see cref="CustomerTimeline"/> objects, which is filled atomically.
/// </summary>
internal sealed class CustomerChunk
{
    private Customers.CustomerSearchText? searchText;

    public required int Count { get; init; }
    public required long[] Ids { get; init; }
    public required long[] SourceIds { get; init; }
    public required string[] ExternalIds { get; init; }
    public required string?[] Names { get; init; }
    public required string?[] Emails { get; init; }
    public required int[] FirstDays { get; init; }
    public required int[] LastDays { get; init; }

    /// <summary>Codes per column (see <see cref="ColumnDictionary"/>); a column missing here is absent (code 0) for all.</summary>
    public required int[][] Codes { get; init; }

    /// <summary>Bit p set when plan index p appears in the customer's history; bit 63 stands for every index from 63 on.</summary>
    public required ulong[] PlanBits { get; init; }

    public required int[] PointStart { get; init; }
    public required CustomerPoint[] Points { get; init; }
    public required int[] SubStart { get; init; }
    public required SubscriptionSlot[] Subs { get; init; }
    public required SubscriptionPoint[] SubPoints { get; init; }
    public required int[] CashStart { get; init; }
    public required int[] CashDays { get; init; }

    /// <summary><see cref="CashEntryKind"/> in the low nibble, <see cref="ChargeKind"/> in the high one.</summary>
    public required byte[] CashKinds { get; init; }

    public required long[] CashAmounts { get; init; }
    public required long[] CashFees { get; init; }

    /// <summary>Objects handed out by <see cref="Customer"/>, kept so a customer stays the same object until it changes.</summary>
    public required CustomerTimeline?[] Objects { get; init; }

    /// <summary>The chunk's search buffer, built on the first search (a cache like <see cref="Objects"/>).</summary>
    public Customers.CustomerSearchText SearchText => LazyInitializer.EnsureInitialized(ref searchText, () => Customers.CustomerSearchText.Build(this));

    public long FirstId => Ids[0];

    public long LastId => Ids[Count - 1];

    public static ulong PlanBit(int planIndex) => 1UL << Math.Min(planIndex, 63);

    public ReadOnlySpan<CustomerPoint> PointsOf(int i) => Points.AsSpan(PointStart[i], PointStart[i + 1] - PointStart[i]);

    public int[]? Column(int column) => column < Codes.Length ? Codes[column] : null;

    public int IndexOf(long customerId) => Array.BinarySearch(Ids, 0, Count, customerId);

    /// <summary>The customer as a <see cref="CustomerTimeline"/>, built on first request and then kept.</summary>
    public CustomerTimeline Customer(int i, ColumnDictionary dictionary)
    {
        var existing = Volatile.Read(ref Objects[i]);
        return existing ?? Interlocked.CompareExchange(ref Objects[i], Materialize(i, dictionary), null) ?? Objects[i]!;
    }

    private CustomerTimeline Materialize(int i, ColumnDictionary dictionary)
    {
        var attributes = new string?[Math.Max(0, Codes.Length - ColumnDictionary.FirstAttribute)];
        for (var f = 0; f < attributes.Length; f++)
        {
            attributes[f] = dictionary.Table(ColumnDictionary.AttributeColumn(f)).ValueOf(Codes[ColumnDictionary.AttributeColumn(f)][i]);
        }

        var subs = new SubscriptionTimeline[SubStart[i + 1] - SubStart[i]];
        for (var s = 0; s < subs.Length; s++)
        {
            var slot = Subs[SubStart[i] + s];
            subs[s] = new SubscriptionTimeline
            {
                Id = slot.Id,
                ExternalId = slot.ExternalId,
                Points = SubPoints.AsSpan(slot.PointStart, slot.PointCount).ToArray(),
                StartDay = slot.StartDay,
                StartsWithTrial = slot.StartsWithTrial,
                PlanAtStart = slot.PlanAtStart,
                TrialEndDay = slot.TrialEndDay,
                ConvertsTrial = slot.ConvertsTrial,
                PlanAtTrialEnd = slot.PlanAtTrialEnd,
            };
        }

        var cash = new CashEntry[CashStart[i + 1] - CashStart[i]];
        for (var e = 0; e < cash.Length; e++)
        {
            var at = CashStart[i] + e;
            cash[e] = new CashEntry(CashDays[at], (CashEntryKind)(CashKinds[at] & 0xF), (ChargeKind)(CashKinds[at] >> 4), CashAmounts[at], CashFees[at]);
        }

        return new CustomerTimeline
        {
            Id = Ids[i],
            SourceId = SourceIds[i],
            ExternalId = ExternalIds[i],
            Name = Names[i],
            Email = Emails[i],
            Country = dictionary.Table(ColumnDictionary.Country).ValueOf(Codes[ColumnDictionary.Country][i]),
            Currency = dictionary.Table(ColumnDictionary.Currency).ValueOf(Codes[ColumnDictionary.Currency][i]),
            Attributes = attributes,
            Points = PointsOf(i).ToArray(),
            Subscriptions = subs,
            Cash = cash,
            FirstDay = FirstDays[i],
            LastDay = LastDays[i],
        };
    }
}
