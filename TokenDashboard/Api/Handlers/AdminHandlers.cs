using TokenDashboard.Accounts.Admin;

namespace TokenDashboard.Api.Handlers;

/// <summary>
/// admin.*: the administrators' methods. The dispatcher has already refused anyone who is not an administrator (8);
/// each service checks again on the acting user, as every admin page's does.
/// </summary>
public sealed class AdminHandlers(AccountList accounts) : IApiHandlerGroup
{
    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new("admin.Accounts.GetAccounts", GetAccountsAsync),
    ];

    private async Task<ApiResult> GetAccountsAsync(ApiCall call)
    {
        var page = await accounts.ListAsync(call.Actor, call.Optional("search"),
            call.OptionalCount("skip") ?? 0, call.OptionalCount("take") ?? AccountList.DefaultPageSize, call.Aborted);
        return page.ToApi(p => ApiResult.Ok(
            ApiResult.Field("total", p.Total),
            ApiResult.Field("accounts", p.Accounts.Select(AdminAccountView.From).ToList())));
    }
}

/// <summary>An account in admin.Accounts.GetAccounts: its number (<c>uid</c>) names it, never the Identity id.</summary>
public sealed record AdminAccountView(
    int Uid,
    string Email,
    bool EmailConfirmed,
    bool TwoFactorEnabled,
    DateTime CreatedAt,
    DateTime? LastSignIn,
    int Tokens,
    int Sessions,
    DateTime? LockedOutUntil,
    bool Disabled,
    bool Administrator)
{
    public static AdminAccountView From(AdminAccount a) =>
        new(a.Uid, a.Email, a.EmailConfirmed, a.TwoFactorEnabled, a.CreatedAt, a.LastSignInAt, a.Tokens, a.Sessions,
            a.LockedOutUntil, a.Disabled, a.IsAdministrator);
}
