using System.Runtime.ExceptionServices;

namespace Dashboard.Core.Metrics;

/// <summary>
/// Runs a body over every chunk of a set with one worker per core, each with its own state (partial totals, scratch
/// buffers), handed to <c>done</c> one at a time at the end. Workers take chunks from a shared counter, so a slow or
/// busy core simply takes fewer.
/// </summary>
internal static class ChunkParallel
{
    /// <summary>Below this many customers the thread hand-off costs more than it saves.</summary>
    private const int MinParallelCustomers = 20_000;

    public static void For<TState>(int chunkCount, int customers, Func<TState> init, Action<int, TState> body, Action<TState> done)
    {
        var workers = customers >= MinParallelCustomers ? Math.Min(Environment.ProcessorCount, chunkCount) : 1;
        if (workers <= 1)
        {
            var state = init();
            for (var c = 0; c < chunkCount; c++)
            {
                body(c, state);
            }

            done(state);
            return;
        }

        var next = -1;
        var gate = new object();
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
            {
                var state = init();
                int c;
                while ((c = Interlocked.Increment(ref next)) < chunkCount)
                {
                    body(c, state);
                }

                lock (gate)
                {
                    done(state);
                }
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
