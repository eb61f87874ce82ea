using System.Runtime.CompilerServices;
namespace Dashboard.Core.Metrics;

/// <summary>
/// Churn runs as recorded during a walk: one histogram cell index per run, with a sign (removed customers and
/// subtracted totals count negatively). Appending is sequential, so walks never touch the large histogram; it is
/// built only if a window churn count is asked for.
/// </summary>
internal sealed class ChurnRunList
{
    private int[] cells = new int[256];
    private int[] signs = new int[256];

    public int Count { get; private set; }

    public void Add(int cell, int sign)
    {
        if (Count == cells.Length)
        {
            Array.Resize(ref cells, Count * 2);
            Array.Resize(ref signs, Count * 2);
        }

        cells[Count] = cell;
        signs[Count++] = sign;
    }

    public void AddFrom(ChurnRunList other)
    {
        for (var i = 0; i < other.Count; i++)
        {
            Add(other.cells[i], other.signs[i]);
        }
    }

    /// <summary>Adds every run, times <paramref name="sign"/>, to <paramref name="histogram"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ApplyTo(int[] histogram, int sign)
    {
        for (var i = 0; i < Count; i++)
        {
            histogram[cells[i]] += sign * signs[i];
        }
    }
}
