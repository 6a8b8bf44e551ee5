namespace TokenDashboard.Tokens;

/// <summary>A parameter of an API method, as the docs page and the router describe it.</summary>
public sealed record ApiParameter(string Name, string Type, bool Required, string Description);

/// <summary>
/// One method of the platform API, e.g. <c>environment.Control.StopEnv</c>, served at
/// <c>/1.0/environment/control/rest/stopenv</c>. <paramref name="Grantable"/>: a token can be given it (false for the
/// session-based Signin/Signout). <paramref name="AlwaysAllowed"/>: every valid token may call it whatever its methods
/// (a token checking or revoking itself), so it is never granted and never refused with 8.
/// </summary>
public sealed record ApiMethod(string FullName, string Summary, IReadOnlyList<ApiParameter> Parameters, bool Grantable = true, bool AlwaysAllowed = false)
{
    /// <summary>"environment.Control" — the group the permission picker and the docs list it under.</summary>
    public string Group => FullName[..FullName.LastIndexOf('.')];

    /// <summary>"StopEnv".</summary>
    public string Name => FullName[(FullName.LastIndexOf('.') + 1)..];

    /// <summary>"environment/control/rest/stopenv" (lower case; routing is case-insensitive).</summary>
    public string Route => $"{Group.Replace('.', '/')}/rest/{Name}".ToLowerInvariant();

    /// <summary>The API Docs page's anchor for this method.</summary>
    public string DocsHref => $"/api-docs#{FullName}";
}

/// <summary>A named set of methods the user can pick instead of checking methods one by one.</summary>
public sealed record ApiPreset(string Key, string Name, string Description, IReadOnlySet<string> Methods);
