namespace Dashboard.Core.Timelines;

/// <summary>
/// Packs customers, in id order, into a <see cref="CustomerChunk"/>: freshly compiled timelines (<see cref="Add"/>)
/// or customers copied as they are from another chunk (<see cref="Copy"/>, used when an update rebuilds a chunk).
/// </summary>
internal sealed class ChunkWriter(ColumnDictionary dictionary)
{
    private readonly List<long> _ids = [];
    private readonly List<long> _sourceIds = [];
    private readonly List<string> _externalIds = [];
    private readonly List<string?> _names = [];
    private readonly List<string?> _emails = [];
    private readonly List<int> _firstDays = [];
    private readonly List<int> _lastDays = [];
    private readonly List<List<int>> _codes = [[], [], []];
    private readonly List<ulong> _planBits = [];
    private readonly List<int> _pointStart = [0];
    private readonly List<CustomerPoint> _points = [];
    private readonly List<int> _subStart = [0];
    private readonly List<SubscriptionSlot> _subs = [];
    private readonly List<SubscriptionPoint> _subPoints = [];
    private readonly List<int> _cashStart = [0];
    private readonly List<int> _cashDays = [];
    private readonly List<byte> _cashKinds = [];
    private readonly List<long> _cashAmounts = [];
    private readonly List<long> _cashFees = [];
    private readonly List<CustomerTimeline?> _objects = [];

    // Values repeat across customers, so a local cache keeps most lookups off the shared table's lock.
    private readonly List<Dictionary<string, int>> _localCodes = [];
    private readonly Dictionary<long, int> _sourceCodes = [];

    public int Count => _ids.Count;

    public long LastId => _ids[^1];

    /// <param name="keep">Keep <paramref name="c"/> as the chunk's object for it (updates); a full build drops the
    /// objects to save memory and materializes them on request.</param>
    public void Add(CustomerTimeline c, bool keep)
    {
        AddFields(c.Id, c.SourceId, c.ExternalId, c.Name, c.Email, c.FirstDay, c.LastDay, keep ? c : null);
        SetCode(ColumnDictionary.Country, Code(ColumnDictionary.Country, c.Country));
        SetCode(ColumnDictionary.Currency, Code(ColumnDictionary.Currency, c.Currency));
        if (!_sourceCodes.TryGetValue(c.SourceId, out var source))
        {
            source = dictionary.Table(ColumnDictionary.Source).CodeOf(ColumnDictionary.SourceText(c.SourceId));
            _sourceCodes[c.SourceId] = source;
        }

        SetCode(ColumnDictionary.Source, source);
        for (var f = 0; f < c.Attributes.Length; f++)
        {
            var column = ColumnDictionary.AttributeColumn(f);
            SetCode(column, Code(column, c.Attributes[f]));
        }

        _points.AddRange(c.Points);
        _pointStart.Add(_points.Count);
        ulong bits = 0;
        foreach (var sub in c.Subscriptions)
        {
            _subs.Add(new SubscriptionSlot(sub.Id, sub.ExternalId, _subPoints.Count, sub.Points.Length, sub.StartDay,
                sub.PlanAtStart, sub.TrialEndDay, sub.PlanAtTrialEnd, sub.StartsWithTrial, sub.ConvertsTrial));
            _subPoints.AddRange(sub.Points);
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

        _planBits.Add(bits);
        _subStart.Add(_subs.Count);
        foreach (var e in c.Cash)
        {
            _cashDays.Add(e.Day);
            _cashKinds.Add((byte)((int)e.Kind | ((int)e.ChargeKind << 4)));
            _cashAmounts.Add(e.Amount);
            _cashFees.Add(e.Fee);
        }

        _cashStart.Add(_cashDays.Count);
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

        _points.AddRange(from.PointsOf(i));
        _pointStart.Add(_points.Count);
        for (var s = from.SubStart[i]; s < from.SubStart[i + 1]; s++)
        {
            var slot = from.Subs[s];
            _subs.Add(slot with { PointStart = _subPoints.Count });
            _subPoints.AddRange(from.SubPoints.AsSpan(slot.PointStart, slot.PointCount));
        }

        _subStart.Add(_subs.Count);
        _planBits.Add(from.PlanBits[i]);
        var (start, end) = (from.CashStart[i], from.CashStart[i + 1]);
        _cashDays.AddRange(from.CashDays.AsSpan(start, end - start));
        _cashKinds.AddRange(from.CashKinds.AsSpan(start, end - start));
        _cashAmounts.AddRange(from.CashAmounts.AsSpan(start, end - start));
        _cashFees.AddRange(from.CashFees.AsSpan(start, end - start));
        _cashStart.Add(_cashDays.Count);
        EndCustomer();
    }

    public CustomerChunk Pack() => new()
    {
        Count = _ids.Count,
        Ids = [.. _ids],
        SourceIds = [.. _sourceIds],
        ExternalIds = [.. _externalIds],
        Names = [.. _names],
        Emails = [.. _emails],
        FirstDays = [.. _firstDays],
        LastDays = [.. _lastDays],
        Codes = [.. _codes.Select(c => c.ToArray())],
        PlanBits = [.. _planBits],
        PointStart = [.. _pointStart],
        Points = [.. _points],
        SubStart = [.. _subStart],
        Subs = [.. _subs],
        SubPoints = [.. _subPoints],
        CashStart = [.. _cashStart],
        CashDays = [.. _cashDays],
        CashKinds = [.. _cashKinds],
        CashAmounts = [.. _cashAmounts],
        CashFees = [.. _cashFees],
        Objects = [.. _objects],
    };

    private void AddFields(long id, long sourceId, string externalId, string? name, string? email, int firstDay, int lastDay, CustomerTimeline? obj)
    {
        if (_ids.Count > 0 && _ids[^1] >= id)
        {
            throw new InvalidOperationException($"Customers must be packed in increasing id order ({_ids[^1]} then {id}).");
        }

        _ids.Add(id);
        _sourceIds.Add(sourceId);
        _externalIds.Add(externalId);
        _names.Add(name);
        _emails.Add(email);
        _firstDays.Add(firstDay);
        _lastDays.Add(lastDay);
        _objects.Add(obj);
    }

    private int Code(int column, string? value)
    {
        if (value is null)
        {
            return 0;
        }

        while (_localCodes.Count <= column)
        {
            _localCodes.Add(new Dictionary<string, int>(StringComparer.Ordinal));
        }

        if (!_localCodes[column].TryGetValue(value, out var code))
        {
            code = dictionary.Table(column).CodeOf(value);
            _localCodes[column][value] = code;
        }

        return code;
    }

    private void SetCode(int column, int code)
    {
        // A column first seen at this customer (an attribute field added by an update) is absent for the earlier ones.
        while (_codes.Count <= column)
        {
            _codes.Add([.. new int[_ids.Count - 1]]);
        }

        _codes[column].Add(code);
    }

    private void EndCustomer()
    {
        // Columns this customer has no value for (fewer attribute fields) are absent.
        foreach (var column in _codes)
        {
            if (column.Count < _ids.Count)
            {
                column.Add(0);
            }
        }
    }
}
