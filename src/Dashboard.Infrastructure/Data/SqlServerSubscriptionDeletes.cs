using Dashboard.Core.Billing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dashboard.Infrastructure.Data;

/// <summary>
/// On SQL Server a charge's link to its subscription cannot be SET NULL by the database (it would be a second cascading
/// path from customers to charges, see <see cref="SqlServerModel"/>), so the links to subscriptions being deleted are
/// cleared just before the deletes are saved, in the same transaction when the caller has one.
/// </summary>
internal sealed class SqlServerSubscriptionDeletes : SaveChangesInterceptor
{
    public static readonly SqlServerSubscriptionDeletes Instance = new();

    internal const string ClearLinksSql = "UPDATE charges SET \"SubscriptionId\" = NULL WHERE \"SubscriptionId\" = {0}";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        foreach (var id in DeletedSubscriptionIds(eventData.Context))
        {
            eventData.Context!.Database.ExecuteSqlRaw(ClearLinksSql, id);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        foreach (var id in DeletedSubscriptionIds(eventData.Context))
        {
            await eventData.Context!.Database.ExecuteSqlRawAsync(ClearLinksSql, [id], cancellationToken);
        }

        return result;
    }

    internal static List<long> DeletedSubscriptionIds(DbContext? context) =>
        context is null
            ? []
            : context.ChangeTracker.Entries<Subscription>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToList();
}
