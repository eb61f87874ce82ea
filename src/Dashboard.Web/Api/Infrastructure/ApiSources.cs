using System.Globalization;
using Dashboard.Core.Billing;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>How objects name their source, as Baremetrics does: the id as a string and the provider's name.</summary>
public static class ApiSources
{
    /// <summary>Baremetrics calls the source that holds pushed data <c>baremetrics</c>; ours is the <c>api</c> provider.</summary>
    public const string PushedDataProvider = "baremetrics";

    public static string Id(long sourceId) => sourceId.ToString(CultureInfo.InvariantCulture);

    public static string Provider(SourceProvider provider) =>
        provider == SourceProvider.Api ? PushedDataProvider : ApiEnums.Name(provider);
}
