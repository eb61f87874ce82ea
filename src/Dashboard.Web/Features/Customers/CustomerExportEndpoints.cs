using Dashboard.Core.Customers;
using Dashboard.Core.Metrics;
using Dashboard.Core.Timelines;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Customers;

namespace Dashboard.Web.Features.Customers;

/// <summary>
/// <c>GET /export/customers.csv</c> with the customer list's own query string (<c>q</c>, <c>sort</c>, <c>dir</c>,
/// <c>attribute</c>, <c>filter</c>, <c>segment_id</c>; <c>page</c> is ignored): every customer the list shows on all its
/// pages, as <see cref="CustomerListCsv"/>. Read policy like the list; the same <see cref="CustomerQueryService"/> answers both.
/// </summary>
public static class CustomerExportEndpoints
{
    public const string Path = "/export/customers.csv";

    public static IEndpointRouteBuilder MapCustomerExports(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ExportAsync).RequireAuthorization(DashboardPolicies.Read).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpRequest request, CustomerQueryService customers, CancellationToken cancellationToken)
    {
        var q = request.Query;
        var state = CustomerListState.Parse(q["q"], q["sort"], q["dir"], null, q["attribute"], q["filter"].Where(f => f is not null)!, q["segment_id"]);
        try
        {
            var result = await customers.AllAsync(CustomersQuery.Request(state), cancellationToken);
            var page = result.Page ?? new CustomerListPage(result.Currency, result.Today, 0, 0, 0, []);
            var csv = CustomerListCsv.Write(page, state.Attribute, result.SourceNames);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", CustomerListCsv.FileName(result.Today));
        }
        catch (Exception exception) when (exception is MetricQueryException or MissingFxRateException)
        {
            return Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
