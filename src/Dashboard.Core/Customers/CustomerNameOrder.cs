using Dashboard.Core.Timelines;

namespace Dashboard.Core.Customers;

/// <summary>
/// Every customer of a snapshot as ordinals (chunk start + index) in name order: display name (else external id)
/// ignoring case, then id. Built once per snapshot on the first deep name-sorted page and dropped with it, so a page
/// is a walk through this order that skips customers outside the filters instead of a sort of all of them.
/// </summary>
internal sealed class CustomerNameOrder
{
    private CustomerNameOrder(int[] order, bool[] sameNameAsPrevious)
    {
        Order = order;
        SameNameAsPrevious = sameNameAsPrevious;
    }

    /// <summary>Ordinals in ascending name order.</summary>
    public int[] Order { get; }

    /// <summary>True where the entry's name equals (ignoring case) the previous entry's.</summary>
    public bool[] SameNameAsPrevious { get; }

    public static CustomerNameOrder Build(TimelineSet set)
    {
        var chunks = set.Chunks;
        var order = new int[set.Count];
        var keys = new long[set.Count];
        var names = new string[set.Count];
        var upper = new string?[set.Count];
        var ids = new long[set.Count];
        var ordinal = 0;
        foreach (var chunk in chunks)
        {
            for (var i = 0; i < chunk.Count; i++, ordinal++)
            {
                order[ordinal] = ordinal;
                names[ordinal] = NameOf(chunk, i);
                keys[ordinal] = NamePrefix(names[ordinal]);
                upper[ordinal] = System.Text.Ascii.IsValid(names[ordinal]) ? names[ordinal].ToUpperInvariant() : null;
                ids[ordinal] = chunk.Ids[i];
            }
        }

        // For two ASCII names an ordinal comparison of the upper-cased copies is exactly the case-insensitive one, and faster.
        Comparison<int> compare = (a, b) =>
        {
            var byName = keys[a] != keys[b] ? keys[a].CompareTo(keys[b])
                : upper[a] is { } ua && upper[b] is { } ub ? string.CompareOrdinal(ua, ub)
                : StringComparer.OrdinalIgnoreCase.Compare(names[a], names[b]);
            return byName != 0 ? byName : ids[a].CompareTo(ids[b]);
        };
        order = SortOnBothCores(order, compare);
        var same = new bool[order.Length];
        for (var r = 1; r < order.Length; r++)
        {
            same[r] = Compare(keys, names, order[r - 1], order[r]) == 0;
        }

        return new CustomerNameOrder(order, same);
    }

    /// <summary>Sorts the two halves in parallel, then merges them (the order is total: ids break every tie).</summary>
    private static int[] SortOnBothCores(int[] order, Comparison<int> compare)
    {
        var comparer = Comparer<int>.Create(compare);
        var half = order.Length / 2;
        if (half < 10_000 || Environment.ProcessorCount < 2)
        {
            Array.Sort(order, comparer);
            return order;
        }

        Parallel.Invoke(() => Array.Sort(order, 0, half, comparer), () => Array.Sort(order, half, order.Length - half, comparer));
        var merged = new int[order.Length];
        int left = 0, right = half, to = 0;
        while (left < half && right < order.Length)
        {
            merged[to++] = compare(order[left], order[right]) <= 0 ? order[left++] : order[right++];
        }

        Array.Copy(order, left, merged, to, half - left);
        to += half - left;
        Array.Copy(order, right, merged, to, order.Length - right);
        return merged;
    }

    /// <summary>Case-insensitive name comparison of two ordinals, the prefix numbers first.</summary>
    public static int Compare(long[] keys, string[] names, int a, int b) =>
        keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : StringComparer.OrdinalIgnoreCase.Compare(names[a], names[b]);

    public static string NameOf(CustomerChunk chunk, int i) => chunk.Names[i] is { Length: > 0 } name ? name : chunk.ExternalIds[i];

    /// <summary>
    /// The first four characters, upper-cased, packed into a number that orders like an ordinal case-insensitive
    /// comparison of those characters, so a name sort compares numbers and reads the strings only on equal prefixes.
    /// </summary>
    public static long NamePrefix(string name)
    {
        long key = Math.Min(Upper(name, 0), (char)0x7FFF);
        for (var c = 1; c < 4; c++)
        {
            key = (key << 16) | Upper(name, c);
        }

        return key;

        static char Upper(string text, int at) => at < text.Length ? char.ToUpperInvariant(text[at]) : '\0';
    }

    /// <summary>
    /// The <paramref name="offset"/>..+<paramref name="limit"/> slice of the kept customers in name order (descending
    /// reverses names but keeps equal names by ascending id, as the comparer does).
    /// </summary>
    public List<(int Chunk, int Index)> Page(TimelineSet set, bool[] kept, bool descending, int offset, int limit)
    {
        var order = Order;
        var page = new List<(int, int)>(limit);
        var seen = 0;
        if (!descending)
        {
            foreach (var ordinal in order)
            {
                if (kept[ordinal] && seen++ >= offset && Add(set, page, ordinal, limit))
                {
                    break;
                }
            }

            return page;
        }

        var end = order.Length;
        while (end > 0)
        {
            // A run of equal names keeps ascending ids: find its start, then emit it forwards.
            var start = end - 1;
            while (SameNameAsPrevious[start])
            {
                start--;
            }

            for (var r = start; r < end; r++)
            {
                if (kept[order[r]] && seen++ >= offset && Add(set, page, order[r], limit))
                {
                    return page;
                }
            }

            end = start;
        }

        return page;
    }

    private static bool Add(TimelineSet set, List<(int, int)> page, int ordinal, int limit)
    {
        page.Add(set.ChunkIndexOfOrdinal(ordinal));
        return page.Count == limit;
    }
}
