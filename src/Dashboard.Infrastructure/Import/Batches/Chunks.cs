namespace Dashboard.Infrastructure.Import.Batches;

/// <summary>Runs a lookup by key list in chunks, so a large batch needs few queries and no query has thousands of parameters.</summary>
internal static class Chunks
{
    public const int Size = 500;

    public static async Task<List<T>> LoadAsync<TKey, T>(
        IEnumerable<TKey> keys, Func<List<TKey>, Task<List<T>>> load)
    {
        var result = new List<T>();
        foreach (var chunk in keys.Distinct().Chunk(Size))
        {
            result.AddRange(await load([.. chunk]));
        }

        return result;
    }
}
