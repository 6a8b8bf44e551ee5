namespace TokenDashboard.Tokens;

/// <summary>A parameter of an API method, as the docs page and the router describe it.</summary>
public sealed record ApiParameter(string Name, string Type, bool Required, string Description);

/// <summary>
/// One method of the platform API, e.g. <c>environment.Control.StopEnv</c>. <paramref name="Grantable"/>: a token can be
/// given it (false for the session-based Signin/Signout). <paramref name="AlwaysAllowed"/>: every valid token may call
/// it whatever its methods (a token checking or revoking itself), so it is never granted and never refused with 8.
/// <paramref name="Anonymous"/>: it runs without credentials (Signin). <paramref name="RequiresPassword"/>: it takes the
/// account password (last among its <see cref="Parameters"/>), so clients send it in a form body, never in a URL.
/// <paramref name="AnyAddress"/>: a token may call it from outside its IP allow-list (revoking itself: that only
/// removes access, and whoever found a leaked token must be able to kill it wherever they are).
/// <paramref name="Administrative"/>: only an administrator may call it — with a session from Signin, or with a token
/// that holds it as a Custom method; it is in no preset, and anyone else gets 8 whatever their token holds.
/// </summary>
public sealed record ApiMethod(
    string FullName,
    string Summary,
    IReadOnlyList<ApiParameter> DeclaredParameters,
    bool Grantable = true,
    bool AlwaysAllowed = false,
    bool Anonymous = false,
    bool RequiresPassword = false,
    bool AnyAddress = false,
    bool Administrative = false)
{
    /// <summary>The account password, as every method that <see cref="RequiresPassword"/> takes it.</summary>
    public static readonly ApiParameter Password = new("password", "string", true, "The account password, to confirm the change.");

    /// <summary>Everything the method takes, the password last where it needs one.</summary>
    public IReadOnlyList<ApiParameter> Parameters { get; } = RequiresPassword ? [.. DeclaredParameters, Password] : DeclaredParameters;

    /// <summary>"environment.Control" — the group the permission picker and the docs list it under.</summary>
    public string Group => FullName[..FullName.LastIndexOf('.')];

    /// <summary>"StopEnv".</summary>
    public string Name => FullName[(FullName.LastIndexOf('.') + 1)..];

    /// <summary>"environment/control/rest/stopenv": where it is served below <c>/1.0/</c>, in lower case.</summary>
    public string Path => $"{Group.Replace('.', '/')}/rest/{Name}".ToLowerInvariant();

    /// <summary>Its anchor on the API Docs page, which the picker links to.</summary>
    public string DocsHref => $"/api-docs#{FullName}";
}

/// <summary>A named set of methods the user can pick instead of checking methods one by one.</summary>
public sealed record ApiPreset(string Key, string Name, string Description, IReadOnlySet<string> Methods);
