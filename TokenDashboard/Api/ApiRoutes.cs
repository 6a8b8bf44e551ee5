using System.Collections.Frozen;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api;

/// <summary>
/// Finds the catalog's method served at a path: <c>environment.Control.StopEnv</c> at
/// <c>/1.0/environment/control/rest/stopenv</c>, in any case (<see cref="ApiMethod.Path"/>).
/// </summary>
internal static class ApiRoutes
{
    private static readonly FrozenDictionary<string, ApiMethod> ByPath =
        ApiCatalog.All.ToFrozenDictionary(method => method.Path, StringComparer.OrdinalIgnoreCase);

    /// <summary>The method served at "environment/control/rest/stopenv" (any case), or null.</summary>
    public static ApiMethod? Find(string path) => ByPath.GetValueOrDefault(path);
}
