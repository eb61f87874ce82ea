using Dashboard.Core.Money;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Api.ChartNotes;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Dashboard.Web.Services.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Account;

/// <summary>
/// <c>GET /account</c> (read key) and <c>GET /users</c>, <c>GET /users/{id}</c>: the dashboard's accounts, read-only.
/// Users carry emails, so they need a read-write key (a read-only key, e.g. a spreadsheet's, gets 403).
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccount(this RouteGroupBuilder api)
    {
        api.MapGet("/account", AccountAsync).WithTags("Account");
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        users.MapGet("/", UsersAsync);
        users.MapGet("/{id}", UserAsync);
    }

    private static async Task<Results<ApiOk<AccountEnvelope>, ConflictProblem>> AccountAsync(
        MetricQueryService metrics, DashboardDbContext db, CancellationToken cancellationToken)
    {
        string currency;
        try
        {
            currency = (await metrics.EngineAsync(cancellationToken)).ReportingCurrency;
        }
        catch (Dashboard.Core.Timelines.MissingFxRateException ex)
        {
            return ApiProblems.Conflict("fx_rates", ex.Message);
        }

        var created = await db.Sources.AsNoTracking().OrderBy(s => s.CreatedAt).Select(s => (DateTimeOffset?)s.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var money = new CurrencyDto(currency.ToLowerInvariant(), currency, MoneyFormat.Symbol(currency).Trim(), true,
            (int)Currency.MinorPerMajor(currency), ".", ",");
        return new ApiOk<AccountEnvelope>(new AccountEnvelope(new AccountDto("default", null, money, created)));
    }

    private static async Task<ApiOk<UserList>> UsersAsync(DashboardDbContext db, CancellationToken cancellationToken) =>
        new(new UserList(await Accounts.QueryAsync(db, null, cancellationToken)));

    private static async Task<Results<ApiOk<UserEnvelope>, NotFoundProblem>> UserAsync(string id, DashboardDbContext db, CancellationToken cancellationToken) =>
        await Accounts.FindAsync(db, id, cancellationToken) is { } user
            ? new ApiOk<UserEnvelope>(new UserEnvelope(user))
            : ApiProblems.NotFound("id", $"no user has the id '{id}'");
}
