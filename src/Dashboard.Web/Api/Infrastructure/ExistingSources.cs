using System.Collections.Concurrent;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// Source ids this app has already found in the store, so a single-object write skips asking again. Only existence is
/// remembered; the importer checks the source again inside its transaction, so a source removed behind the app's back
/// still gets its writes refused (404 naming source_id).
/// </summary>
public sealed class ExistingSources
{
    private readonly ConcurrentDictionary<long, bool> known = new();

    public bool Contains(long id) => known.ContainsKey(id);

    public void Add(long id) => known.TryAdd(id, true);
}
