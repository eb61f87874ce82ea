using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;

namespace Dashboard.Core.Segments;

/// <summary>Filters resolved against one <see cref="TimelineSet"/>: a customer predicate plus a plan mask.</summary>
internal sealed class CompiledSegment
{
    private static readonly string[] BuiltInFields = ["source", "email", "currency", "country", SegmentFilter.PlanField];
    private readonly List<Func<CustomerTimeline, bool>> _customerTests = [];
    private readonly List<(int[] Codes, bool[] Accept)> _columnTests = [];
    private readonly List<Func<CustomerTimeline, bool>> _objectTests = [];

    private CompiledSegment(string key) => Key = key;

    /// <summary>Canonical text of the filters, used as a cache key.</summary>
    public string Key { get; }

    /// <summary>Plans whose subscriptions contribute, by <see cref="PlanInfo.Index"/>; null = every plan.</summary>
    public bool[]? PlanMask { get; private set; }

    public bool IsEverything => _customerTests.Count == 0 && PlanMask is null;

    /// <summary>The plan mask as plan bits (see <see cref="CustomerColumns.PlanBits"/>).</summary>
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

    public bool Matches(CustomerTimeline customer)
    {
        foreach (var test in _customerTests)
        {
            if (!test(customer))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Ordinals of the customers kept by the customer-level filters (null = all), and for each whether the plan mask
    /// must be applied to it (false when all its plans match). With <paramref name="planAware"/>, customers that never
    /// had a matching plan are left out, as they contribute nothing to MRR and subscription metrics.
    /// </summary>
    public (int[]? Ordinals, bool[]? ApplyMask) Select(TimelineSet set, bool planAware)
    {
        var usePlans = planAware && PlanMask is not null;
        if (_customerTests.Count == 0 && !usePlans)
        {
            return (null, null);
        }

        var columns = set.Columns;
        var count = set.CustomerArray.Length;
        var ordinals = new List<int>();
        var apply = new List<bool>();
        var maskBits = PlanMaskBits;
        var customers = set.CustomerArray;
        for (var i = 0; i < count; i++)
        {
            var keep = true;
            foreach (var (codes, accept) in _columnTests)
            {
                if (!accept[codes[i]])
                {
                    keep = false;
                    break;
                }
            }

            if (!keep)
            {
                continue;
            }

            var bits = columns.PlanBits[i];
            if (usePlans && (bits & maskBits) == 0)
            {
                continue;
            }

            foreach (var test in _objectTests)
            {
                if (!test(customers[i]))
                {
                    keep = false;
                    break;
                }
            }

            if (keep)
            {
                ordinals.Add(i);
                apply.Add(usePlans && ((bits & ~maskBits) != 0 || (bits & (1UL << 63)) != 0));
            }
        }

        return ([.. ordinals], usePlans ? [.. apply] : null);
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
                var sourceTest = ValueTest(filter, AttributeType.Number);
                _customerTests.Add(c => sourceTest(c.SourceId.ToString(CultureInfo.InvariantCulture)));
                _columnTests.Add((set.Columns.Source.Codes, set.Columns.Source.Accepting(sourceTest)));
                return;
            case "email":
                var emailTest = ValueTest(filter, AttributeType.String);
                _customerTests.Add(c => emailTest(c.Email));
                _objectTests.Add(c => emailTest(c.Email));
                return;
            case "currency":
                var currencyTest = Memo(ValueTest(filter, AttributeType.String));
                _customerTests.Add(c => currencyTest(c.Currency));
                _columnTests.Add((set.Columns.Currency.Codes, set.Columns.Currency.Accepting(currencyTest)));
                return;
            case "country":
                var countryTest = Memo(ValueTest(filter, AttributeType.String));
                _customerTests.Add(c => countryTest(c.Country));
                _columnTests.Add((set.Columns.Country.Codes, set.Columns.Country.Accepting(countryTest)));
                return;
        }

        var info = set.Fields.FirstOrDefault(f => string.Equals(f.Key, field, StringComparison.OrdinalIgnoreCase))
                   ?? throw new MetricQueryException("filter",
                       $"Unknown filter field '{field}'. Use {string.Join(", ", BuiltInFields)} or an attribute key ({string.Join(", ", set.Fields.Select(f => f.Key))}).");
        var ordinal = info.Ordinal;
        var test = Memo(ValueTest(filter, info.Type));
        _customerTests.Add(c => test(c.Attribute(ordinal)));
        var column = set.Columns.Attributes[ordinal];
        _columnTests.Add((column.Codes, column.Accepting(test)));
    }

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
                PlanMaskBits |= CustomerColumns.PlanBit(i);
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

    /// <summary>Caches results per distinct value; stored values are pooled strings, so the cache stays small.</summary>
    private static Func<string?, bool> Memo(Func<string?, bool> test)
    {
        var cache = new Dictionary<string, bool>(StringComparer.Ordinal);
        var whenNull = test(null);
        return v =>
        {
            if (v is null)
            {
                return whenNull;
            }

            lock (cache)
            {
                if (!cache.TryGetValue(v, out var result))
                {
                    result = test(v);
                    cache[v] = result;
                }

                return result;
            }
        };
    }
}
