namespace Dashboard.Core.Timelines;

/// <summary>
/// Applies replaced, added and removed customers to the chunks of a set: only the chunks whose id range holds a
/// changed customer are rebuilt (the others are shared with the old set), so an update costs in proportion to the
/// change, not to the number of customers.
/// </summary>
internal static class ChunkUpdate
{
    public static (CustomerChunk[] Chunks, List<(CustomerRef? Old, CustomerRef? New)> Pairs) Apply(
        TimelineSet set, IReadOnlyList<CustomerTimeline> replacements, IReadOnlyCollection<long> removals)
    {
        var changed = new Dictionary<long, CustomerTimeline?>();
        foreach (var id in removals)
        {
            changed[id] = null;
        }

        foreach (var c in replacements)
        {
            changed[c.Id] = c;
        }

        var old = set.Chunks;
        var byChunk = new SortedDictionary<int, List<(long Id, CustomerTimeline? New)>>();
        foreach (var (id, replacement) in changed)
        {
            var k = Math.Max(set.ChunkFor(id), 0);
            if (!byChunk.TryGetValue(k, out var list))
            {
                byChunk[k] = list = [];
            }

            list.Add((id, replacement));
        }

        var chunks = new List<CustomerChunk>(old.Length + 1);
        var pairs = new List<(CustomerRef? Old, CustomerRef? New)>();
        var next = 0;
        foreach (var (k, changes) in byChunk)
        {
            while (next < k)
            {
                chunks.Add(old[next++]);
            }

            changes.Sort(static (a, b) => a.Id.CompareTo(b.Id));
            Rebuild(set.Dictionary, k < old.Length ? old[k] : null, changes, chunks, pairs);
            next = k + 1;
        }

        while (next < old.Length)
        {
            chunks.Add(old[next++]);
        }

        return ([.. chunks], pairs);
    }

    private static void Rebuild(ColumnDictionary dictionary, CustomerChunk? chunk, List<(long Id, CustomerTimeline? New)> changes,
        List<CustomerChunk> chunks, List<(CustomerRef? Old, CustomerRef? New)> pairs)
    {
        var writer = new ChunkWriter(dictionary);
        var pending = new List<(CustomerRef? Old, long? NewId)>();
        int i = 0, j = 0, oldCount = chunk?.Count ?? 0;
        while (i < oldCount || j < changes.Count)
        {
            var oldId = i < oldCount ? chunk!.Ids[i] : long.MaxValue;
            var changeId = j < changes.Count ? changes[j].Id : long.MaxValue;
            if (oldId < changeId)
            {
                writer.Copy(chunk!, i++);
                continue;
            }

            CustomerRef? before = oldId == changeId ? new CustomerRef(chunk!, i++) : null;
            var replacement = changes[j++].New;
            if (replacement is not null)
            {
                writer.Add(replacement, keep: true);
            }

            if (before is not null || replacement is not null)
            {
                pending.Add((before, replacement?.Id));
            }
        }

        if (writer.Count == 0)
        {
            foreach (var (before, _) in pending)
            {
                pairs.Add((before, null));
            }

            return;
        }

        var packed = writer.Pack();
        var pieces = new List<CustomerChunk>();
        if (packed.Count <= 2 * TimelineSet.ChunkSize)
        {
            pieces.Add(packed);
        }
        else
        {
            for (var start = 0; start < packed.Count; start += TimelineSet.ChunkSize)
            {
                var piece = new ChunkWriter(dictionary);
                for (var p = start; p < Math.Min(packed.Count, start + TimelineSet.ChunkSize); p++)
                {
                    piece.Copy(packed, p);
                }

                pieces.Add(piece.Pack());
            }
        }

        chunks.AddRange(pieces);
        foreach (var (before, newId) in pending)
        {
            pairs.Add((before, newId is { } id ? Find(pieces, id) : null));
        }
    }

    private static CustomerRef Find(List<CustomerChunk> pieces, long id)
    {
        foreach (var piece in pieces)
        {
            if (id <= piece.LastId)
            {
                return new CustomerRef(piece, piece.IndexOf(id));
            }
        }

        throw new InvalidOperationException($"Customer {id} was packed but cannot be found.");
    }
}
