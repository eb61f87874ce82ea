using Dashboard.Core.Timelines;

namespace Dashboard.Core.Metrics;

/// <summary>Per-thread buffers of a walk, so plan-filtered merges and drill-down ledgers allocate nothing per customer.</summary>
internal sealed class WalkScratch
{
    public CustomerPoint[] Points = new CustomerPoint[64];

    public int[] Cursors = new int[8];

    public int[] Selected = [];

    public bool[] ApplyMask = [];

    /// <summary>Makes <see cref="Selected"/> and <see cref="ApplyMask"/> hold at least <paramref name="count"/> customers.</summary>
    public void EnsureSelection(int count)
    {
        if (Selected.Length < count)
        {
            Selected = new int[count];
            ApplyMask = new bool[count];
        }
    }
}
