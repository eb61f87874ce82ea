namespace Dashboard.Core.Timelines;

/// <summary>
/// Packs customers, in id order, into a <see cref="CustomerChunk"/>: freshly compiled timelines (<see cref="Add"/>)
/// or customers copied as they are from another chunk (<see cref="Copy"/>, used when an update rebuilds a chunk).
/// </summary>
internal sealed class ChunkWriter(ColumnDictionary dictionary)
{
    private readonly List<long> ids = [];
    private readonly List<long> sourceIds = [];
    private readonly List<string> externalIds = [];
    private readonly List<string?> names = [];
    private readonly List<string?> emails = [];
    private readonly List<int> firstDays = [];
    private readonly List<int> lastDays = [];
    private readonly List<List<int>> codes = [[], [], []];
    private readonly List<ulong> planBits = [];
    private readonly List<int> pointStart = [0];
    private readonly List<CustomerPoint> points = [];
    private readonly List<int> subStart = [0];
    private readonly List<SubscriptionSlot> subs = [];
    private readonly List<SubscriptionPoint> subPoints = [];
    private readonly List<int> cashStart = [0];
    private readonly List<int> cashDays = [];
    private readonly List<byte> cashKinds = [];
    private readonly List<long> cashAmounts = [];
    private readonly List<long> cashFees = [];
    private readonly List<CustomerTimeline?> objects = [];

    // Values repeat across customers, so a local cache keeps most lookups off the shared table's lock.
    private readonly List<Dictionary<string, int>> localCodes = [];
    private readonly Dictionary<long, int> sourceCodes = [];

    public int Count => ids.Count;

    public long LastId => ids[^1];

    /// <param name="keep">Keep <paramref name="c"/> as the chunk's object for it (updates); a full build drops the
    /// objects to save memory and materializes them on request.</param>
    public void Add(CustomerTimeline c, bool keep)
    {
        AddFields(c.Id, c.SourceId, c.ExternalId, c.Name, c.Email, c.FirstDay, c.LastDay, keep ? c : null);
        SetCode(ColumnDictionary.Country, Code(ColumnDictionary.Country, c.Country));
        SetCode(ColumnDictionary.Currency, Code(ColumnDictionary.Currency, c.Currency));
        if (!sourceCodes.TryGetValue(c.SourceId, out var source))
        {
            source = dictionary.Table(ColumnDictionary.Source).CodeOf(ColumnDictionary.SourceText(c.SourceId));
            sourceCodes[c.SourceId] = source;
        }

        SetCode(ColumnDictionary.Source, source);
        for (var f = 0; f < c.Attributes.Length; f++)
        {
            var column = ColumnDictionary.AttributeColumn(f);
            SetCode(column, Code(column, c.Attributes[f]));
        }

        points.AddRange(c.Points);
        pointStart.Add(points.Count);
        ulong bits = 0;
        foreach (var sub in c.Subscriptions)
        {
            subs.Add(new SubscriptionSlot(sub.Id, sub.ExternalId, subPoints.Count, sub.Points.Length, sub.StartDay,
                sub.PlanAtStart, sub.TrialEndDay, sub.PlanAtTrialEnd, sub.StartsWithTrial, sub.ConvertsTrial));
            subPoints.AddRange(sub.Points);
            foreach (var p in sub.Points)
            {
                if (p.Plan >= 0)
                {
                    bits |= CustomerChunk.PlanBit(p.Plan);
                }
            }

            if (sub.StartsWithTrial)
            {
                bits |= CustomerChunk.PlanBit(sub.PlanAtStart) | CustomerChunk.PlanBit(sub.PlanAtTrialEnd);
            }
        }

        planBits.Add(bits);
        subStart.Add(subs.Count);
        foreach (var e in c.Cash)
        {
            cashDays.Add(e.Day);
            cashKinds.Add((byte)((int)e.Kind | ((int)e.ChargeKind << 4)));
            cashAmounts.Add(e.Amount);
            cashFees.Add(e.Fee);
        }

        cashStart.Add(cashDays.Count);
        EndCustomer();
    }

    public void Copy(CustomerChunk from, int i)
    {
        AddFields(from.Ids[i], from.SourceIds[i], from.ExternalIds[i], from.Names[i], from.Emails[i], from.FirstDays[i],
            from.LastDays[i], Volatile.Read(ref from.Objects[i]));
        for (var column = 0; column < from.Codes.Length; column++)
        {
            SetCode(column, from.Codes[column][i]);
        }

        points.AddRange(from.PointsOf(i));
        pointStart.Add(points.Count);
        for (var s = from.SubStart[i]; s < from.SubStart[i + 1]; s++)
        {
            var slot = from.Subs[s];
            subs.Add(slot with { PointStart = subPoints.Count });
            subPoints.AddRange(from.SubPoints.AsSpan(slot.PointStart, slot.PointCount));
        }

        subStart.Add(subs.Count);
        planBits.Add(from.PlanBits[i]);
        var (start, end) = (from.CashStart[i], from.CashStart[i + 1]);
        cashDays.AddRange(from.CashDays.AsSpan(start, end - start));
        cashKinds.AddRange(from.CashKinds.AsSpan(start, end - start));
        cashAmounts.AddRange(from.CashAmounts.AsSpan(start, end - start));
        cashFees.AddRange(from.CashFees.AsSpan(start, end - start));
        cashStart.Add(cashDays.Count);
        EndCustomer();
    }

    public CustomerChunk Pack() => new()
    {
        Count = ids.Count,
        Ids = [.. ids],
        SourceIds = [.. sourceIds],
        ExternalIds = [.. externalIds],
        Names = [.. names],
        Emails = [.. emails],
        FirstDays = [.. firstDays],
        LastDays = [.. lastDays],
        Codes = [.. codes.Select(c => c.ToArray())],
        PlanBits = [.. planBits],
        PointStart = [.. pointStart],
        Points = [.. points],
        SubStart = [.. subStart],
        Subs = [.. subs],
        SubPoints = [.. subPoints],
        CashStart = [.. cashStart],
        CashDays = [.. cashDays],
        CashKinds = [.. cashKinds],
        CashAmounts = [.. cashAmounts],
        CashFees = [.. cashFees],
        Objects = [.. objects],
    };

    private void AddFields(long id, long sourceId, string externalId, string? name, string? email, int firstDay, int lastDay, CustomerTimeline? obj)
    {
        if (ids.Count > 0 && ids[^1] >= id)
        {
            throw new InvalidOperationException($"Customers must be packed in increasing id order ({ids[^1]} then {id}).");
        }

        ids.Add(id);
        sourceIds.Add(sourceId);
        externalIds.Add(externalId);
        names.Add(name);
        emails.Add(email);
        firstDays.Add(firstDay);
        lastDays.Add(lastDay);
        objects.Add(obj);
    }

    private int Code(int column, string? value)
    {
        if (value is null)
        {
            return 0;
        }

        while (localCodes.Count <= column)
        {
            localCodes.Add(new Dictionary<string, int>(StringComparer.Ordinal));
        }

        if (!localCodes[column].TryGetValue(value, out var code))
        {
            code = dictionary.Table(column).CodeOf(value);
            localCodes[column][value] = code;
        }

        return code;
    }

    private void SetCode(int column, int code)
    {
        // A column first seen at this customer (an attribute field added by an update) is absent for the earlier ones.
        while (codes.Count <= column)
        {
            codes.Add([.. new int[ids.Count - 1]]);
        }

        codes[column].Add(code);
    }

    private void EndCustomer()
    {
        // Columns this customer has no value for (fewer attribute fields) are absent.
        foreach (var column in codes)
        {
            if (column.Count < ids.Count)
            {
                column.Add(0);
            }
        }
    }
}
