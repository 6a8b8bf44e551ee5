using TokenDashboard.Accounts.Admin;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Admin;

namespace TokenDashboard.Api.Handlers;

/// <summary>
/// admin.*: the administrators' methods. The dispatcher has already refused anyone who is not an administrator (8);
/// each service checks again on the acting user, as every admin page's does. Accounts are named by their number
/// (<c>uid</c>), never by the Identity id.
/// </summary>
internal sealed class AdminHandlers(AccountList accounts, AccountAdministration administration, TokenInventory inventory) : IApiHandlerGroup
{
    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new("admin.Accounts.GetAccounts", GetAccountsAsync),
        new("admin.Accounts.SetAccount", SetAccountAsync),
        new("admin.Tokens.GetTokens", GetTokensAsync),
        new("admin.Tokens.RevokeTokens", RevokeTokensAsync),
    ];

    private async Task<ApiResult> GetAccountsAsync(ApiCall call)
    {
        var page = await accounts.ListAsync(call.Actor, call.Optional("search"),
            call.OptionalCount("skip") ?? 0, call.OptionalCount("take") ?? AccountList.DefaultPageSize, call.Aborted);
        return page.ToApi(p => ApiResult.Ok(
            ApiResult.Field("total", p.Total),
            ApiResult.Field("accounts", p.Accounts.Select(AdminAccountView.From).ToList())));
    }

    private async Task<ApiResult> SetAccountAsync(ApiCall call)
    {
        var uid = call.RequiredId("uid");
        var actionText = call.Required("action").Trim();
        if (!Enum.TryParse<AccountAction>(actionText, ignoreCase: true, out var action) || !Enum.IsDefined(action) || int.TryParse(actionText, out _))
        {
            throw new ApiParameterException("action", "Give one of: " + string.Join(", ", Enum.GetNames<AccountAction>()) + ".");
        }
        var accountId = await accounts.IdOfAsync(call.Actor, uid, call.Aborted);
        var changed = await administration.ApplyAsync(call.Actor, accountId ?? "", action, call.Optional("password"), call.Aborted);
        return changed.ToApi(value => ApiResult.Ok("changed", value));
    }

    private async Task<ApiResult> GetTokensAsync(ApiCall call)
    {
        var filter = new InventoryFilter(
            call.Optional("owner"),
            Flag(call, "expired"),
            call.OptionalCount("expiringDays"),
            call.OptionalCount("unusedDays"),
            Flag(call, "neverExpires"),
            Flag(call, "broad"));
        var page = await inventory.ListAsync(call.Actor, filter, InventorySort.Owner, false,
            call.OptionalCount("skip") ?? 0, call.OptionalCount("take") ?? AccountList.DefaultPageSize, call.Aborted);
        return page.ToApi(p => ApiResult.Ok(
            ApiResult.Field("total", p.Total),
            ApiResult.Field("tokens", p.Tokens.Select(InventoryTokenView.From).ToList())));
    }

    private async Task<ApiResult> RevokeTokensAsync(ApiCall call)
    {
        var scope = call.RequiredIds();
        if (scope.All)
        {
            throw new ApiParameterException("ids", "List the token ids; '*' (all tokens) is not accepted here.");
        }
        var revoked = await inventory.RevokeAsync(call.Actor, scope.Ids, call.Optional("password"), call.Aborted);
        return revoked.ToApi(count => ApiResult.Ok("revoked", count));
    }

    private static bool Flag(ApiCall call, string name) => call.Optional(name)?.Trim().ToLowerInvariant() switch
    {
        null or "false" or "0" => false,
        "true" or "1" => true,
        var other => throw new ApiParameterException(name, $"'{ApiCall.Shorten(other)}' is not true or false."),
    };
}

/// <summary>An account in admin.Accounts.GetAccounts: its number (<c>uid</c>) names it, never the Identity id.</summary>
internal sealed record AdminAccountView(
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

/// <summary>A token in admin.Tokens.GetTokens: never its value or hash, only the hint the owner sees too.</summary>
internal sealed record InventoryTokenView(
    int Id,
    string Owner,
    string Description,
    string Hint,
    string? TokenTemplate,
    int Methods,
    int UsedMethods,
    DateTime CreatedAt,
    string? ExpiresAt,
    DateTime? LastUsed,
    string? LastUsedIp,
    string? LastUsedMethod,
    string Status)
{
    public static InventoryTokenView From(InventoryToken t) =>
        new(t.Id, t.Owner, t.Description, t.Hint, t.Preset, t.Methods, t.UsedMethods, t.CreatedAt, ApiJson.Date(t.ExpiresOn),
            t.LastUsedAt, t.LastUsedIp, t.LastUsedMethod, t.Status);
}
