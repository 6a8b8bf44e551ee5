using TokenDashboard.Accounts;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api;

/// <summary>
/// Who is calling, from a validated credential: the user and either a token (limited to
/// <see cref="AllowedMethods"/>) or a session from Signin (which may call every method).
/// </summary>
internal sealed record ApiCaller(string UserId, int? TokenId, IReadOnlySet<string>? AllowedMethods, int? SessionId)
{
    public static ApiCaller ForToken(ValidatedToken token) => new(token.UserId, token.TokenId, token.Methods, null);

    public static ApiCaller ForSession(ApiSessionIdentity session) => new(session.UserId, null, null, session.SessionId);

    public bool MayCall(ApiMethod method) => AllowedMethods is null || method.AlwaysAllowed || AllowedMethods.Contains(method.FullName);
}
