using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Core.Trials;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Services.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api.Metrics;

/// <summary><c>GET /api/v1/metrics/trial_funnel</c>: the trials started in a range and where each stands at its end, over <see cref="TrialFunnelService"/>.</summary>
public static class TrialFunnelEndpoints
{
    public static void MapTrialFunnel(this RouteGroupBuilder api) =>
        api.MapGroup("/metrics").WithTags("Metrics")
            .MapGet("/trial_funnel", FunnelAsync)
            .AllowQuery("start_date", "end_date", "segment_id", "filter");

    private static async Task<Results<ApiOk<TrialFunnelResponse>, InvalidProblem, ConflictProblem>> FunnelAsync(
        HttpRequest request, MetricQueryService metrics, TrialFunnelService trials, CancellationToken cancellationToken)
    {
        try
        {
            var range = await MetricRequest.ReadAsync(request, metrics, cancellationToken);
            var data = await trials.FunnelAsync(range.Start, range.End, range.Filters, cancellationToken);
            return new ApiOk<TrialFunnelResponse>(TrialFunnelResponse.From(data.Funnel));
        }
        catch (MetricQueryException ex)
        {
            return ApiProblems.Validation(ex.Parameter, ex.Message);
        }
        catch (MissingFxRateException ex)
        {
            return ApiProblems.Conflict("fx_rates", ex.Message);
        }
    }
}

/// <summary>The trial funnel of start_date..end_date (docs/metrics.md "Trial funnel"); rates in percent, null when undefined.</summary>
public sealed record TrialFunnelResponse(
    string StartDate,
    string EndDate,
    int Started,
    int Converted,
    int Lost,
    int Trialing,
    decimal? ConversionRate,
    decimal? MedianDaysToConvert,
    decimal? AverageDaysToConvert,
    IReadOnlyList<TrialDto> Trials)
{
    public static TrialFunnelResponse From(TrialFunnel f) => new(
        MetricDtos.Day(f.Start),
        MetricDtos.Day(f.End),
        f.Started,
        f.Converted,
        f.Lost,
        f.Trialing,
        Round(f.ConversionRate),
        Round(f.MedianDaysToConvert),
        Round(f.AverageDaysToConvert),
        f.Trials.Select(t => new TrialDto(t.CustomerId, t.CustomerExternalId, t.Name, t.Email, t.SubscriptionExternalId, t.Plan, MetricDtos.Day(t.Started),
            t.Outcome.ToString().ToLowerInvariant(), t.Ended is { } e ? MetricDtos.Day(e) : null, t.DaysToConvert)).ToList());

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero) : null;
}

/// <summary>One trial: its customer, subscription, plan at the start, and outcome (converted, lost or trialing) at the range's end.</summary>
public sealed record TrialDto(long CustomerId, string Oid, string? Name, string? Email, string SubscriptionOid, string Plan, string Started,
    string Outcome, string? Ended, int? DaysToConvert);
