using TokenDashboard.Accounts;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api.Handlers;

/// <summary>users.Account.*: who the credential belongs to.</summary>
internal sealed class AccountHandlers(AccountDirectory accounts) : IApiHandlerGroup
{
    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new("users.Account.GetUserInfo", GetUserInfoAsync),
    ];

    private async Task<ApiResult> GetUserInfoAsync(ApiCall call) =>
        await accounts.GetByIdAsync(call.UserId, call.Aborted) is { } profile
            ? ApiResult.Ok(AccountFields.Of(profile))
            : ApiErrors.From(Error.NotAuthenticated("Not authenticated: the account no longer exists."));
}
