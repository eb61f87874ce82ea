using System.Collections;

namespace Dashboard.Core.Timelines;

/// <summary>The customers of a <see cref="TimelineSet"/> in id order, materialized from its chunks on access.</summary>
internal sealed class CustomerList(TimelineSet set) : IReadOnlyList<CustomerTimeline>
{
    public int Count => set.Count;

    public CustomerTimeline this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, set.Count);
            var (chunk, i) = set.ChunkOfOrdinal(index);
            return chunk.Customer(i, set.Dictionary);
        }
    }

    public IEnumerator<CustomerTimeline> GetEnumerator()
    {
        foreach (var chunk in set.Chunks)
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                yield return chunk.Customer(i, set.Dictionary);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
