using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Import;

internal static class ChangeNotification
{
    /// <summary>Tells <paramref name="notifier"/> of a committed change; a change of nothing is not told.</summary>
    public static async Task SendAsync(this IBillingChangeNotifier notifier, BillingChange change, ILogger logger, CancellationToken ct)
    {
        if (change.Kinds == BillingChangeKinds.None)
        {
            return;
        }

        try
        {
            await notifier.BillingChangedAsync(change, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The data is committed; a failing listener must not make the write look failed and be retried.
            logger.LogError(exception, "A billing change listener failed after a committed write");
        }
    }
}
