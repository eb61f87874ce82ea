using Microsoft.Extensions.Logging;

namespace Dashboard.Infrastructure.Import;

/// <summary>
/// Runs a store write again when it lost a race with another writer; each try starts over with fresh reads. Writes
/// run read-committed so writers of different objects never block each other; the unique keys (source + external
/// id, subscription + state instant, setting key, field key) make two writes of the same object collide, and the
/// loser retries and finds the winner's row. SQLite lets only one writer in at a time anyway.
/// </summary>
internal static class ConflictRetry
{
    /// <summary>Tries of a write before it gives up with <see cref="ImportConflictException"/>.</summary>
    public const int Attempts = 8;

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, ILogger logger, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work(ct);
            }
            catch (Exception exception) when (WriteConflict.Is(exception))
            {
                if (attempt == Attempts)
                {
                    throw new ImportConflictException(
                        $"Another writer kept storing the same objects; gave up after {attempt} tries. Nothing was written; try again.", exception);
                }

                logger.LogInformation("A store write collided with a concurrent one (try {Attempt}); starting over", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), ct);
            }
        }
    }
}
