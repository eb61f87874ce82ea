using Dashboard.Core.Metrics;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.Customers;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services;
using Dashboard.Web.Services.Customers;
using Dashboard.Web.Services.Segments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Segments;

/// <summary>
/// <c>GET /segments/fields</c>: the fields a segment can test, by category (<c>baremetrics</c> for the built-in ones,
/// <c>attributes</c> for attribute keys); <c>POST /segments/search</c>: the customers a segment would hold, without
/// saving it (read key: it changes nothing), in the customer list's order (MRR, highest first).
/// </summary>
public static class SegmentSearchEndpoints
{
    public static void MapSegmentSearch(this RouteGroupBuilder api)
    {
        api.MapGet("/segments/fields", FieldsAsync).WithTags("Segments");
        api.MapPost("/segments/search", SearchAsync).WithTags("Segments").AcceptsBody<SegmentSearchRequest>().AllowListQuery("sort", "order")
            .RequireAuthorization(ApiKeyAuthentication.ReadPolicy);
    }

    private static readonly Dictionary<string, string> BuiltInTitles = new(StringComparer.Ordinal)
    {
        ["source"] = "Source id", ["email"] = "Email address", ["currency"] = "Billing currency", ["country"] = "Country", ["plan"] = "Plan (oid or name)",
    };

    private static async Task<ApiOk<Dictionary<string, List<SegmentFieldDto>>>> FieldsAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var builtIn = SegmentRules.BuiltInFields.Order(StringComparer.Ordinal)
            .Select(f => new SegmentFieldDto(f, BuiltInTitles.GetValueOrDefault(f, f), "string", SegmentMethods.For("string")))
            .ToList();
        var attributes = (await db.AttributeFields.AsNoTracking().OrderBy(f => f.Key).ToListAsync(cancellationToken))
            .Select(f => new SegmentFieldDto(f.Key, f.Title, ApiEnums.Name(f.Type), SegmentMethods.For(ApiEnums.Name(f.Type))))
            .ToList();
        return new ApiOk<Dictionary<string, List<SegmentFieldDto>>>(new() { ["baremetrics"] = builtIn, ["attributes"] = attributes });
    }

    private static async Task<Results<ApiOk<CustomerList>, InvalidProblem, ConflictProblem, TooLargeProblem>> SearchAsync(
        HttpRequest request, DashboardDbContext db, CustomerQueryService customers, CustomerNumbers numbers, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = Paging.From(request, errors);
        var sort = ListQuery.Choice(request, "sort", "mrr", errors, "mrr", "ltv", "name");
        var descending = ListQuery.Descending(request, errors, descendingByDefault: sort == "mrr" || sort == "ltv");
        if (paging is null || errors.Any)
        {
            return errors.ToProblem();
        }

        var (body, problem) = await ApiBody.ReadAsync<SegmentSearchRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem switch
            {
                TooLargeProblem tooLarge => tooLarge,
                _ => (InvalidProblem)problem!,
            };
        }

        errors.Required("query", body.Query is null ? null : "sent");
        var filters = new List<string>();
        for (var i = 0; i < (body.Query?.Count ?? 0); i++)
        {
            if (body.Query![i] is not { } condition)
            {
                errors.Add($"query[{i}]", "must be an object {category, field, method, value}");
                continue;
            }

            var filter = condition.ToFilter();
            errors.Required($"query[{i}].field", filter.Field);
            errors.Required($"query[{i}].method", filter.Op);
            if (filter.Op is { } op && !SegmentRules.Operators.Contains(op))
            {
                errors.Add($"query[{i}].method", $"'{condition.Method}' is not a method; use one of {string.Join(", ", SegmentRules.Operators.Select(SegmentMethods.FromOperator))}");
            }

            filters.Add($"{filter.Field}:{filter.Op}:{filter.ValueText()}");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        CustomerListResult result;
        try
        {
            result = await customers.ListAsync(
                new CustomerListRequest(null, filters, null, SortField(sort!), descending!.Value, paging.Skip, paging.PerPage, null), cancellationToken);
        }
        catch (MetricQueryException ex)
        {
            return ApiProblems.Validation("query", ex.Message);
        }
        catch (Core.Timelines.MissingFxRateException ex)
        {
            return ApiProblems.Conflict("fx_rates", ex.Message);
        }

        var rows = result.Page?.Rows ?? [];
        var ids = rows.Select(r => r.Id).ToList();
        var stored = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var ordered = ids.Where(stored.ContainsKey).Select(id => stored[id]).ToList();
        var dtos = await CustomerReads.ToDtosAsync(db, ordered, await numbers.ForReadAsync(cancellationToken), clock.GetUtcNow(), cancellationToken);
        var hasMore = result.Page is { } page && page.Offset + page.Rows.Count < page.Total;
        return new ApiOk<CustomerList>(new CustomerList(dtos, new PaginationMeta(new Pagination(paging.Page, paging.PerPage, hasMore))));
    }

    /// <summary><c>sort</c>: <c>mrr</c> (default), <c>ltv</c> (net revenue to date) or <c>name</c>.</summary>
    private static Core.Customers.CustomerSortField SortField(string sort) => sort switch
    {
        "ltv" => Core.Customers.CustomerSortField.NetRevenue,
        "name" => Core.Customers.CustomerSortField.Name,
        _ => Core.Customers.CustomerSortField.Mrr,
    };
}
