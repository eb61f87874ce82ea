using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Reporting;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.FxRates;

public sealed record FxRateRow(DateOnly? Date, string? Currency, decimal? Rate);

public sealed record FxRatesRequest(IReadOnlyList<FxRateRow?>? Rates);

public sealed record FxRateDto(DateOnly Date, string Currency, decimal Rate);

public sealed record FxRateList(IReadOnlyList<FxRateDto> Rates, PaginationMeta Meta);

public sealed record FxRatesResponse(IReadOnlyList<FxRateDto> Rates);

/// <summary><c>/api/v1/fx_rates</c>: POST <c>{rates: [{date, currency, rate}]}</c> (1 currency = rate reporting-currency units), GET list.</summary>
public static class FxRateEndpoints
{
    public static void MapFxRates(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/fx_rates").WithTags("FX rates");
        group.MapGet("/", ListAsync).AllowListQuery("currency");
        group.MapPost("/", UpsertAsync)
            .AcceptsBody<FxRatesRequest>()
            .RequireAuthorization(ApiKeyAuthentication.WritePolicy);
    }

    private static async Task<Results<ApiOk<FxRateList>, InvalidProblem>> ListAsync(
        HttpRequest request, DashboardDbContext db, string? currency, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        if (paging is null)
        {
            return errors.ToProblem();
        }

        var query = db.FxRates.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(currency))
        {
            var code = currency.Trim().ToUpperInvariant();
            query = query.Where(r => r.Currency == code);
        }

        var (items, meta) = await paging.ApplyAsync(query.OrderBy(r => r.Currency).ThenBy(r => r.Date), cancellationToken);
        return new ApiOk<FxRateList>(new FxRateList(items.Select(r => new FxRateDto(r.Date, r.Currency, r.Rate)).ToList(), meta));
    }

    private static async Task<Results<ApiOk<FxRatesResponse>, InvalidProblem, NotFoundProblem, ConflictProblem, TooLargeProblem>> UpsertAsync(
        HttpRequest request, FxRateStore fxRates, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiBody.ReadAsync<FxRatesRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem switch
            {
                TooLargeProblem tooLarge => tooLarge,
                _ => (InvalidProblem)problem!,
            };
        }

        var errors = new FieldErrors();
        if (body.Rates is null || body.Rates.Count == 0)
        {
            errors.Add("rates", "is required (a non-empty array of {date, currency, rate})");
        }

        var rows = body.Rates ?? [];
        var imports = new List<FxRateImport>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row)
            {
                errors.Add($"rates[{i}]", "must be an object {date, currency, rate}");
                continue;
            }

            imports.Add(new FxRateImport(row.Date, row.Currency, row.Rate));
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        try
        {
            await fxRates.UpsertAsync(imports, cancellationToken);
        }
        catch (ImportValidationException ex)
        {
            return ImportCall.ToProblem(ex.Errors, "rates") switch
            {
                NotFoundProblem notFound => notFound,
                ConflictProblem conflict => conflict,
                var invalid => (InvalidProblem)invalid,
            };
        }

        return new ApiOk<FxRatesResponse>(new FxRatesResponse(imports
            .Select(r => new FxRateDto(r.Date!.Value, r.Currency!.Trim().ToUpperInvariant(), r.Rate!.Value))
            .ToList()));
    }
}
