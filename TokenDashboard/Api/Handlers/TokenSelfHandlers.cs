using TokenDashboard.Tokens;

namespace TokenDashboard.Api.Handlers;

/// <summary>
/// users.Authentication.GetTokenInfo and RevokeToken: a token checking or killing itself. The catalog marks both
/// "always allowed", so any valid token reaches them whatever its methods; they act only on the presenting token.
/// </summary>
internal sealed class TokenSelfHandlers(TokenService tokens) : IApiHandlerGroup
{
    public const string GetTokenInfo = "users.Authentication.GetTokenInfo";
    public const string RevokeToken = "users.Authentication.RevokeToken";

    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new(GetTokenInfo, GetTokenInfoAsync),
        new(RevokeToken, RevokeTokenAsync),
    ];

    private async Task<ApiResult> GetTokenInfoAsync(ApiCall call)
    {
        if (call.Caller.TokenId is not { } tokenId)
        {
            return NotAToken(GetTokenInfo);
        }
        return await tokens.GetAsync(call.UserId, tokenId, call.Aborted) is { } token
            ? ApiResult.Ok("token", TokenView.From(token))
            : Gone();
    }

    private async Task<ApiResult> RevokeTokenAsync(ApiCall call)
    {
        if (call.Caller.TokenId is not { } tokenId)
        {
            return NotAToken(RevokeToken);
        }
        return await tokens.RevokeByHolderAsync(call.UserId, tokenId, call.ClientIp, call.Aborted)
            ? ApiResult.Ok("revoked", tokenId)
            : Gone();
    }

    private static ApiResult NotAToken(string method) =>
        ApiErrors.From(Error.PermissionDenied($"Permission denied: {method} acts on the token that calls it; this call carries a session, not a token."));

    /// <summary>Revoked or removed between the credential check and here (two revokes racing).</summary>
    private static ApiResult Gone() =>
        ApiErrors.From(Error.NotAuthenticated("Not authenticated: the token is unknown, or was regenerated or removed."));
}
