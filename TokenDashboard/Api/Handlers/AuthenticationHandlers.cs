using TokenDashboard.Accounts;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api.Handlers;

/// <summary>
/// users.Authentication.Signin and Signout: the session-based method. Signin needs no credentials; its session may
/// call every method until Signout or 24 hours without use. Tokens can hold neither method.
/// </summary>
internal sealed class AuthenticationHandlers(ApiSessionStore sessions, AccountDirectory accounts) : IApiHandlerGroup
{
    public const string Signin = "users.Authentication.Signin";
    public const string Signout = "users.Authentication.Signout";

    /// <summary>No real login is longer (Identity's user names and emails are far shorter).</summary>
    private const int MaxLoginLength = 256;

    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new(Signin, SigninAsync),
        new(Signout, SignoutAsync),
    ];

    private async Task<ApiResult> SigninAsync(ApiCall call)
    {
        var login = call.Required("login");
        if (login.Length > MaxLoginLength)
        {
            throw new ApiParameterException("login", $"At most {MaxLoginLength} characters.");
        }
        var password = call.Required("password");
        var signedIn = await sessions.OpenAsync(login, password, call.ClientIp, call.Aborted);
        if (!signedIn.Succeeded)
        {
            return ApiErrors.From(signedIn.Error!);
        }
        // The platform answers the account beside the session; its clients read uid and email from here.
        var (session, userId) = signedIn.Value!;
        return await accounts.GetByIdAsync(userId, call.Aborted) is { } profile
            ? ApiResult.Ok(AccountFields.Of(profile, ApiResult.Field("session", session)))
            : ApiResult.Ok("session", session);
    }

    private async Task<ApiResult> SignoutAsync(ApiCall call)
    {
        if (call.Caller.SessionId is not { } sessionId)
        {
            // Unreachable through the router (no token holds Signout), kept as a guard.
            return ApiErrors.From(Error.PermissionDenied("Permission denied: Signout closes a session, not a token."));
        }
        await sessions.SignoutAsync(new ApiSessionIdentity(sessionId, call.UserId), call.ClientIp, call.Aborted);
        return ApiResult.Ok();
    }
}
