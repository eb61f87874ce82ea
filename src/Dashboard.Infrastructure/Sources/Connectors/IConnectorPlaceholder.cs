namespace Dashboard.Infrastructure.Sources.Connectors;

/// <summary>
/// Marks a stand-in part of a connector (a synchronizer, say) that only says what is missing. When a real part of the
/// same provider is registered too, <see cref="ConnectorParts"/> uses the real one.
/// </summary>
public interface IConnectorPlaceholder;

public static class ConnectorParts
{
    /// <summary>The part for <paramref name="matches"/>: a real one if any is registered, else a placeholder, else null.</summary>
    public static T? Pick<T>(IEnumerable<T> parts, Func<T, bool> matches)
        where T : class
    {
        T? placeholder = null;
        foreach (var part in parts.Where(matches))
        {
            if (part is not IConnectorPlaceholder)
            {
                return part;
            }

            placeholder ??= part;
        }

        return placeholder;
    }
}
