using System.Runtime.CompilerServices;
using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Segments;

/// <summary>Filters resolved against one <see cref="TimelineSet"/>: a customer predicate plus a plan mask.</summary>
internal sealed class CompiledSegment
{
    private static readonly string[] BuiltInFields = ["source", "email", "currency", "country", SegmentFilter.PlanField];
    private readonly List<(int Column, bool[] Accept)> columnTests = [];
    private readonly List<Func<string?, bool>> emailTests = [];

    private CompiledSegment(string key) => Key = key;

    /// <summary>Canonical text of the filters, used as a cache key.</summary>
    public string Key { get; }

    /// <summary>Plans whose subscriptions contribute, by <see cref="PlanInfo.Index"/>; null = every plan.</summary>
    public bool[]? PlanMask { get; private set; }

    public bool IsEverything => !HasCustomerTests && PlanMask is null;

    /// <summary>True when customer-level filters (not only a plan filter) are present.</summary>
    public bool HasCustomerTests => columnTests.Count > 0 || emailTests.Count > 0;

    /// <summary>The plan mask as plan bits (see <see cref="CustomerChunk.PlanBits"/>).</summary>
    private ulong PlanMaskBits { get; set; }

    public static CompiledSegment Compile(IReadOnlyList<SegmentFilter>? filters, TimelineSet set)
    {
        filters ??= [];
        var segment = new CompiledSegment(string.Join('\n', filters.Select(f => f.ToString()).Order(StringComparer.Ordinal)));
        foreach (var filter in filters)
        {
            segment.Add(filter, set);
        }

        return segment;
    }

    /// <summary>
    /// How many customers the customer-level filters keep; with <paramref name="planAware"/>, only those that ever had a
    /// plan the plan filter accepts.
    /// </summary>
    public int CountKept(TimelineSet set, bool planAware = false)
    {
        var scratch = new WalkScratch();
        var kept = 0;
        foreach (var chunk in set.Chunks)
        {
            kept += Select(chunk, planAware, invert: false, scratch);
        }

        return kept;
    }

    /// <summary>
    /// Puts the positions of the chunk's customers kept by the customer-level filters into
    /// <see cref="WalkScratch.Selected"/> and returns how many there are; <see cref="WalkScratch.ApplyMask"/> tells for
    /// each whether the plan mask must be applied (false when every plan it ever had matches). With
    /// <paramref name="planAware"/>, customers that never had a matching plan are left out, as they contribute nothing
    /// to MRR and subscription metrics. With <paramref name="invert"/> (no plan filter only), the customers the
    /// filters drop are selected instead. Filters run one column at a time over the shrinking list.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Select(CustomerChunk chunk, bool planAware, bool invert, WalkScratch scratch)
    {
        var n = chunk.Count;
        scratch.EnsureSelection(n);
        var selected = scratch.Selected;
        var count = n;
        for (var i = 0; i < n; i++)
        {
            selected[i] = i;
        }

        foreach (var (column, accept) in columnTests)
        {
            var codes = chunk.Column(column);
            if (codes is null)
            {
                count = accept[0] ? count : 0;
                continue;
            }

            var kept = 0;
            for (var j = 0; j < count; j++)
            {
                var i = selected[j];
                if (accept[codes[i]])
                {
                    selected[kept++] = i;
                }
            }

            count = kept;
        }

        foreach (var test in emailTests)
        {
            var kept = 0;
            for (var j = 0; j < count; j++)
            {
                var i = selected[j];
                if (test(chunk.Emails[i]))
                {
                    selected[kept++] = i;
                }
            }

            count = kept;
        }

        var apply = scratch.ApplyMask;
        if (invert)
        {
            Array.Clear(apply, 0, n);
            for (var j = 0; j < count; j++)
            {
                apply[selected[j]] = true;
            }

            count = 0;
            for (var i = 0; i < n; i++)
            {
                if (!apply[i])
                {
                    selected[count++] = i;
                }
            }

            Array.Clear(apply, 0, count);
            return count;
        }

        if (PlanMask is null)
        {
            Array.Clear(apply, 0, count);
            return count;
        }

        var maskBits = PlanMaskBits;
        var withPlans = 0;
        for (var j = 0; j < count; j++)
        {
            var i = selected[j];
            var bits = chunk.PlanBits[i];
            if (planAware && (bits & maskBits) == 0)
            {
                continue;
            }

            apply[withPlans] = (bits & ~maskBits) != 0 || (bits & (1UL << 63)) != 0;
            selected[withPlans++] = i;
        }

        return withPlans;
    }

    private void Add(SegmentFilter filter, TimelineSet set)
    {
        var field = filter.Field.Trim();
        switch (field.ToLowerInvariant())
        {
            case SegmentFilter.PlanField:
                AddPlanFilter(filter, set);
                return;
            case "source":
                columnTests.Add((ColumnDictionary.Source, Accepting(set, ColumnDictionary.Source, ValueTest(filter, AttributeType.Number))));
                return;
            case "email":
                emailTests.Add(ValueTest(filter, AttributeType.String));
                return;
            case "currency":
                columnTests.Add((ColumnDictionary.Currency, Accepting(set, ColumnDictionary.Currency, ValueTest(filter, AttributeType.String))));
                return;
            case "country":
                columnTests.Add((ColumnDictionary.Country, Accepting(set, ColumnDictionary.Country, ValueTest(filter, AttributeType.String))));
                return;
        }

        var info = set.Fields.FirstOrDefault(f => string.Equals(f.Key, field, StringComparison.OrdinalIgnoreCase))
                   ?? throw new MetricQueryException("filter",
                       $"Unknown filter field '{field}'. Use {string.Join(", ", BuiltInFields)} or an attribute key ({string.Join(", ", set.Fields.Select(f => f.Key))}).");
        var column = ColumnDictionary.AttributeColumn(info.Ordinal);
        columnTests.Add((column, Accepting(set, column, ValueTest(filter, info.Type))));
    }

    /// <summary>The test's answer for every value code of the column (each distinct value is tested once).</summary>
    private static bool[] Accepting(TimelineSet set, int column, Func<string?, bool> test) =>
        set.Dictionary.Table(column).Accepting(test);

    private void AddPlanFilter(SegmentFilter filter, TimelineSet set)
    {
        var test = ValueTest(filter, AttributeType.String);
        var mask = new bool[set.Plans.Count];
        foreach (var plan in set.Plans)
        {
            // A plan matches when its external id or its name passes; for neq both must differ.
            mask[plan.Index] = filter.Operator == FilterOperator.Neq
                ? test(plan.ExternalId) && test(plan.Name)
                : test(plan.ExternalId) || test(plan.Name);
        }

        if (PlanMask is not null)
        {
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] &= PlanMask[i];
            }
        }

        PlanMask = mask;
        PlanMaskBits = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i])
            {
                PlanMaskBits |= CustomerChunk.PlanBit(i);
            }
        }
    }

    /// <summary>A test of one (possibly absent) stored value. Absent values pass only neq and not_exists.</summary>
    private static Func<string?, bool> ValueTest(SegmentFilter filter, AttributeType type)
    {
        var raw = filter.Value;
        switch (filter.Operator)
        {
            case FilterOperator.Exists:
                return v => !string.IsNullOrEmpty(v);
            case FilterOperator.NotExists:
                return string.IsNullOrEmpty;
            case FilterOperator.Contains:
                return v => v is not null && v.Contains(raw, StringComparison.OrdinalIgnoreCase);
            case FilterOperator.Eq:
                var equals = EqualityTest(raw, type, filter);
                return v => v is not null && equals(v);
            case FilterOperator.Neq:
                var same = EqualityTest(raw, type, filter);
                return v => v is null || !same(v);
            case FilterOperator.In:
                var tests = raw.Split('|').Select(part => EqualityTest(part, type, filter)).ToArray();
                return v => v is not null && tests.Any(t => t(v));
            default:
                return OrderTest(filter, type);
        }
    }

    private static Func<string, bool> EqualityTest(string wanted, AttributeType type, SegmentFilter filter)
    {
        wanted = wanted.Trim();
        switch (type)
        {
            case AttributeType.Number:
                var number = ParseNumber(wanted, filter);
                return v => AttributeValues.AsNumber(v) == number;
            case AttributeType.Boolean:
                if (!AttributeValues.TryNormalize(AttributeType.Boolean, wanted, out var flag))
                {
                    throw new MetricQueryException("filter", $"Filter '{filter}': '{wanted}' is not true or false.");
                }

                return v => v == flag;
            default:
                return v => string.Equals(v, wanted, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static Func<string?, bool> OrderTest(SegmentFilter filter, AttributeType type)
    {
        var raw = filter.Value.Trim();
        Func<int, bool> accept = filter.Operator switch
        {
            FilterOperator.Gt => c => c > 0,
            FilterOperator.Gte => c => c >= 0,
            FilterOperator.Lt => c => c < 0,
            _ => c => c <= 0,
        };

        var asDate = type == AttributeType.Date || (type == AttributeType.String && AttributeValues.AsDate(raw) is not null);
        if (asDate)
        {
            var date = AttributeValues.AsDate(raw)
                       ?? throw new MetricQueryException("filter", $"Filter '{filter}': '{raw}' is not a date (yyyy-MM-dd).");
            return v => v is not null && AttributeValues.AsDate(v) is { } d && accept(d.CompareTo(date));
        }

        if (type == AttributeType.Boolean)
        {
            throw new MetricQueryException("filter", $"Filter '{filter}': {SegmentFilter.OperatorName(filter.Operator)} needs a number or date field.");
        }

        var number = ParseNumber(raw, filter);
        return v => v is not null && AttributeValues.AsNumber(v) is { } n && accept(n.CompareTo(number));
    }

    private static decimal ParseNumber(string raw, SegmentFilter filter) =>
        AttributeValues.AsNumber(raw) ?? throw new MetricQueryException("filter", $"Filter '{filter}': '{raw}' is not a number.");
}
