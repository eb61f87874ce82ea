using System.Globalization;
using Dashboard.Core.Money;
using Dashboard.Web.Components.Controls;

namespace Dashboard.Web.Features.Overview;

/// <summary>What the Overview page renders, built from an <see cref="OverviewModel"/> without any rendering.</summary>
public sealed class OverviewViewModel
{
    private OverviewViewModel(OverviewModel model, IReadOnlyList<KpiCardModel> cards, IReadOnlyList<MrrChartPoint> chart)
    {
        Model = model;
        Cards = cards;
        Chart = chart;
    }

    public OverviewModel Model { get; }

    public bool HasData => Model.HasData;

    public string Currency => Model.Currency;

    /// <summary>"As of 22 Nov 2026 (UTC) · USD".</summary>
    public string Subtitle { get; private init; } = string.Empty;

    public IReadOnlyList<KpiCardModel> Cards { get; }

    public IReadOnlyList<MrrChartPoint> Chart { get; }

    /// <summary>The chart's points for scripts and tests: "2026-01-01=600000;2026-02-01=612000".</summary>
    public string ChartSeries => string.Join(';', Model.MrrSeries.Select(p =>
        p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "=" + p.MrrMinor.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The chart's latest value (this month so far), in minor units.</summary>
    public string ChartValue => Model.MrrSeries.Count == 0
        ? string.Empty
        : Model.MrrSeries[^1].MrrMinor.ToString(CultureInfo.InvariantCulture);

    /// <summary>"Change over the last 12 months: ▲ 8.1 %", or empty when the range starts at zero.</summary>
    public string ChartChange
    {
        get
        {
            if (Model.MrrSeries.Count < 2 || Model.MrrSeries[0].MrrMinor == 0)
            {
                return string.Empty;
            }

            var delta = Change(Model.MrrSeries[^1].MrrMinor, Model.MrrSeries[0].MrrMinor, KpiTone.Good, string.Empty)!;
            return $"{delta.Arrow} {delta.Text} since {Model.MrrSeries[0].Date.ToString("MMM yyyy", CultureInfo.InvariantCulture)}";
        }
    }

    public static OverviewViewModel From(OverviewModel model)
    {
        var today = model.Today;
        var before = model.ThirtyDaysAgo;
        const string Caption = "vs 30 days ago";

        var cards = new List<KpiCardModel>
        {
            new(
                "mrr",
                "MRR",
                MoneyFormat.Compact(today.MrrMinor, model.Currency),
                Raw(today.MrrMinor),
                "Monthly recurring revenue: the sum of every active subscription's monthly-normalised price, after discounts.",
                "Monthly recurring revenue",
                Change(today.MrrMinor, before.MrrMinor, KpiTone.Good, Caption)),
            new(
                "active_customers",
                "Active customers",
                MoneyFormat.Count(today.ActiveCustomers),
                Raw(today.ActiveCustomers),
                "Customers with MRR above zero (trials and fully discounted subscriptions do not count).",
                "Customers paying now",
                Change(today.ActiveCustomers, before.ActiveCustomers, KpiTone.Good, Caption)),
            new(
                "arpu",
                "ARPU",
                today.ArpuMinor is { } arpu ? MoneyFormat.Compact(arpu, model.Currency) : "–",
                today.ArpuMinor is { } rawArpu ? Raw(rawArpu) : string.Empty,
                "Average revenue per user: MRR divided by active customers.",
                "Average MRR per customer",
                today.ArpuMinor is { } now && before.ArpuMinor is { } then ? Change(now, then, KpiTone.Good, Caption) : null),
            new(
                "customer_churn_rate",
                "Customer churn",
                MoneyFormat.Percent(model.CustomerChurnRate),
                model.CustomerChurnRate is { } rate ? Raw(rate) : string.Empty,
                "Customers active 30 days ago who churned since, as a share of those customers.",
                "Last 30 days"),
        };

        var chart = model.MrrSeries
            .Select(p => new MrrChartPoint(
                p.Date,
                p.Date.ToString("MMM yyyy", CultureInfo.InvariantCulture),
                (double)((decimal)p.MrrMinor / Dashboard.Core.Money.Currency.MinorPerMajor(model.Currency)),
                p.MrrMinor))
            .ToList();

        return new OverviewViewModel(model, cards, chart)
        {
            Subtitle = $"As of {model.AsOf.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} ({model.TimeZone}) · {model.Currency}",
        };
    }

    /// <summary>Relative change in percent; null when the earlier value is zero (no meaningful percentage).</summary>
    public static KpiDelta? Change(decimal now, decimal then, KpiTone upIs, string caption)
    {
        if (then == 0)
        {
            return null;
        }

        var percent = (now - then) / Math.Abs(then) * 100m;
        var tone = percent == 0 ? KpiTone.Neutral : (percent > 0) == (upIs == KpiTone.Good) ? KpiTone.Good : KpiTone.Bad;
        return new KpiDelta(percent, tone, caption);
    }

    private static string Raw(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Raw(decimal percent) =>
        Math.Round(percent, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>A chart point: the month, its label ("Nov 2026"), MRR in major units for the axis, and the exact minor units.</summary>
public sealed record MrrChartPoint(DateOnly Date, string Label, double Major, long Minor);
