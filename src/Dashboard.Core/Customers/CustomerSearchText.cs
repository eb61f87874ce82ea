using System.Text;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Customers;

/// <summary>
/// A chunk's searchable text in one contiguous upper-cased ASCII buffer: name, email and external id of each customer,
/// separated by 0 bytes, with each customer's start. A search is then a vectorized scan of one buffer per chunk instead
/// of three case-insensitive comparisons per customer. Customers with any non-ASCII character in these fields are left
/// out of the buffer and compared one by one, so results stay exactly those of an ordinal case-insensitive match.
/// Built on the first search and kept with the chunk (chunks are immutable and shared by the snapshots holding them).
/// </summary>
internal sealed class CustomerSearchText
{
    private readonly byte[] text;
    private readonly int[] start;
    private readonly int[] others;

    private CustomerSearchText(byte[] text, int[] start, int[] others)
    {
        this.text = text;
        this.start = start;
        this.others = others;
    }

    public static CustomerSearchText Build(CustomerChunk chunk)
    {
        var text = new List<byte>(chunk.Count * 48);
        var start = new int[chunk.Count + 1];
        var others = new List<int>();
        for (var i = 0; i < chunk.Count; i++)
        {
            start[i] = text.Count;
            if (IsAscii(chunk.Names[i]) && IsAscii(chunk.Emails[i]) && IsAscii(chunk.ExternalIds[i]))
            {
                Append(text, chunk.Names[i]);
                Append(text, chunk.Emails[i]);
                Append(text, chunk.ExternalIds[i]);
            }
            else
            {
                others.Add(i);
            }
        }

        start[chunk.Count] = text.Count;
        return new CustomerSearchText(text.ToArray(), start, others.ToArray());
    }

    /// <summary>Which customers of the chunk have a name, email or external id containing <paramref name="search"/>, ignoring case.</summary>
    public bool[] Find(CustomerChunk chunk, string search)
    {
        var hits = new bool[chunk.Count];
        if (!IsAscii(search) || search.Contains('\0'))
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                hits[i] = SlowMatch(chunk, i, search);
            }

            return hits;
        }

        var needle = Encoding.ASCII.GetBytes(search.ToUpperInvariant());
        var text = this.text.AsSpan();
        var from = 0;
        while (from < text.Length)
        {
            var at = text[from..].IndexOf(needle);
            if (at < 0)
            {
                break;
            }

            var customer = Array.BinarySearch(start, from + at);
            customer = customer >= 0 ? customer : ~customer - 1;
            // Equal starts belong to customers kept out of the buffer: the match is in the last of them.
            while (start[customer + 1] <= from + at)
            {
                customer++;
            }

            hits[customer] = true;
            from = start[customer + 1];
        }

        foreach (var i in others)
        {
            hits[i] = SlowMatch(chunk, i, search);
        }

        return hits;
    }

    private static bool SlowMatch(CustomerChunk chunk, int i, string search) =>
        Contains(chunk.Names[i], search) || Contains(chunk.Emails[i], search) || Contains(chunk.ExternalIds[i], search);

    private static bool Contains(string? text, string search) => text is not null && text.Contains(search, StringComparison.OrdinalIgnoreCase);

    private static bool IsAscii(string? text) => text is null || Ascii.IsValid(text);

    private static void Append(List<byte> text, string? field)
    {
        foreach (var c in field ?? "")
        {
            text.Add((byte)char.ToUpperInvariant(c));
        }

        text.Add(0);
    }
}
