using TokenDashboard.Accounts;

namespace TokenDashboard.Api.Handlers;

/// <summary>users.Account.*: who the credential belongs to.</summary>
public sealed class AccountHandlers : IApiHandlerGroup
{
    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new("users.Account.GetUserInfo", GetUserInfoAsync),
    ];

    private static async Task<ApiResult> GetUserInfoAsync(ApiCall call)
    {
        // AccountProfileService sits on Identity's scoped user manager: take it from the request's scope.
        var profiles = call.Services.GetRequiredService<AccountProfileService>();
        return await profiles.GetByIdAsync(call.UserId) is { } profile
            ? ApiResult.Ok(ApiResult.Field("email", profile.Email), ApiResult.Field("createdAt", profile.CreatedAt))
            : ApiResult.Fail(ResultCodes.NotAuthenticated, "Not authenticated: the account no longer exists.");
    }
}
