namespace Dashboard.Core.Timelines;

/// <summary>
/// Dictionary encoding of one customer-level field: each distinct value gets a small int code (0 = absent). Shared,
/// append-only, by every snapshot derived from one build, so an update only adds the values it brings and never
/// renumbers the codes older snapshots hold. Writers lock; readers see a code's value as soon as a snapshot holding
/// that code was published (the array is replaced before the count grows).
/// </summary>
internal sealed class ValueTable
{
    private readonly Dictionary<string, int> codes = new(StringComparer.Ordinal);
    private volatile string?[] values = new string?[16];
    private volatile int count = 1;

    /// <summary>Number of codes handed out so far, the absent value included.</summary>
    public int Count => count;

    public string? ValueOf(int code) => values[code];

    public int CodeOf(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        lock (codes)
        {
            if (codes.TryGetValue(value, out var code))
            {
                return code;
            }

            code = count;
            var values = this.values;
            if (code == values.Length)
            {
                var grown = new string?[values.Length * 2];
                Array.Copy(values, grown, values.Length);
                this.values = values = grown;
            }

            values[code] = value;
            codes[value] = code;
            count = code + 1;
            return code;
        }
    }

    /// <summary>Every value handed a code so far, in the order they came (the absent value left out).</summary>
    public IReadOnlyList<string> Values()
    {
        var count = this.count;
        var values = this.values;
        var list = new List<string>(count - 1);
        for (var code = 1; code < count; code++)
        {
            list.Add(values[code]!);
        }

        return list;
    }

    /// <summary>The test's answer for every code handed out so far (every code a published snapshot can hold).</summary>
    public bool[] Accepting(Func<string?, bool> test)
    {
        var count = this.count;
        var values = this.values;
        var accept = new bool[count];
        for (var code = 0; code < count; code++)
        {
            accept[code] = test(values[code]);
        }

        return accept;
    }
}
