using System.Collections.Frozen;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api;

/// <summary>
/// Where the catalog's methods live on the wire: <c>environment.Control.StopEnv</c> is served at
/// <c>/1.0/environment/control/rest/stopenv</c> (any case) and documented at <c>/api-docs#environment.Control.StopEnv</c>.
/// </summary>
public static class ApiRoutes
{
    private static readonly FrozenDictionary<string, ApiMethod> ByPath =
        ApiCatalog.All.ToFrozenDictionary(PathOf, StringComparer.OrdinalIgnoreCase);

    /// <summary>"environment/control/rest/stopenv": the path below <c>/1.0/</c>, in lower case.</summary>
    public static string PathOf(ApiMethod method) => $"{method.Group.Replace('.', '/')}/rest/{method.Name}".ToLowerInvariant();

    /// <summary>The method served at "environment/control/rest/stopenv" (any case), or null.</summary>
    public static ApiMethod? Find(string path) => ByPath.GetValueOrDefault(path);

    /// <summary>The method's anchor on the API Docs page.</summary>
    public static string DocsHref(ApiMethod method) => $"/api-docs#{method.FullName}";
}
