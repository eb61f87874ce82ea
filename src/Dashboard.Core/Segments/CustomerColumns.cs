using Dashboard.Core.Timelines;

namespace Dashboard.Core.Segments;

/// <summary>
/// Dictionary-encoded columns of the customer-level fields, one int code per customer ordinal (0 = absent), plus a
/// bit set of the plans each customer ever had. Segment selection then tests each distinct value once and scans
/// arrays instead of visiting a million customer objects. Built lazily, once per <see cref="TimelineSet"/>.
/// </summary>
internal sealed class CustomerColumns
{
    private CustomerColumns(int fieldCount, int customerCount)
    {
        Attributes = new Column[fieldCount];
        for (var f = 0; f < fieldCount; f++)
        {
            Attributes[f] = new Column(customerCount);
        }

        Country = new Column(customerCount);
        Currency = new Column(customerCount);
        Source = new Column(customerCount);
        PlanBits = new ulong[customerCount];
    }

    public Column[] Attributes { get; }

    public Column Country { get; }

    public Column Currency { get; }

    public Column Source { get; }

    /// <summary>Bit p set when plan index p appears in the customer's history; bit 63 stands for every index from 63 on.</summary>
    public ulong[] PlanBits { get; }

    public static ulong PlanBit(int planIndex) => 1UL << Math.Min(planIndex, 63);

    public static CustomerColumns Build(TimelineSet set)
    {
        var customers = set.CustomerArray;
        var columns = new CustomerColumns(set.Fields.Count, customers.Length);
        for (var i = 0; i < customers.Length; i++)
        {
            var c = customers[i];
            for (var f = 0; f < columns.Attributes.Length; f++)
            {
                columns.Attributes[f].Set(i, c.Attribute(f));
            }

            columns.Country.Set(i, c.Country);
            columns.Currency.Set(i, c.Currency);
            columns.Source.Set(i, c.SourceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            ulong bits = 0;
            foreach (var sub in c.Subscriptions)
            {
                foreach (var p in sub.Points)
                {
                    if (p.Plan >= 0)
                    {
                        bits |= PlanBit(p.Plan);
                    }
                }

                if (sub.StartsWithTrial)
                {
                    bits |= PlanBit(sub.PlanAtStart) | PlanBit(sub.PlanAtTrialEnd);
                }
            }

            columns.PlanBits[i] = bits;
        }

        return columns;
    }

    internal sealed class Column(int customerCount)
    {
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);

        public int[] Codes { get; } = new int[customerCount];

        /// <summary>Distinct values by code; index 0 is the absent value.</summary>
        public List<string?> Values { get; } = [null];

        public void Set(int ordinal, string? value)
        {
            if (value is null)
            {
                return;
            }

            if (!_codes.TryGetValue(value, out var code))
            {
                code = Values.Count;
                _codes[value] = code;
                Values.Add(value);
            }

            Codes[ordinal] = code;
        }

        /// <summary>The test's answer for every distinct value, by code.</summary>
        public bool[] Accepting(Func<string?, bool> test)
        {
            var accept = new bool[Values.Count];
            for (var code = 0; code < accept.Length; code++)
            {
                accept[code] = test(Values[code]);
            }

            return accept;
        }
    }
}
