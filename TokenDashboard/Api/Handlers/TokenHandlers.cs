using TokenDashboard.Tokens;

namespace TokenDashboard.Api.Handlers;

/// <summary>
/// users.Authentication.* token methods. They go through the same <see cref="TokenService"/> as the dashboard —
/// same validation, password check, lockout and audit trail. Checks run in the documented order: parameters
/// (a token id that is not the caller's is a bad <c>id</c>/<c>ids</c>, result 4), then the password, then the change.
/// </summary>
public sealed class TokenHandlers(TokenService tokens) : IApiHandlerGroup
{
    private const string Group = "users.Authentication.";

    public IEnumerable<KeyValuePair<string, ApiHandler>> Handlers =>
    [
        new(Group + "GetTokens", GetTokensAsync),
        new(Group + "CreateToken", CreateTokenAsync),
        new(Group + "EditToken", EditTokenAsync),
        new(Group + "RegenerateToken", RegenerateTokenAsync),
        new(Group + "DeleteTokens", DeleteTokensAsync),
        new(Group + "GetTokenApiList", _ => Task.FromResult(ApiResult.Ok("apiList", ApiCatalog.Grantable.Select(MethodView.From).ToList()))),
        new(Group + "GetTokenTemplates", _ => Task.FromResult(ApiResult.Ok("tokenTemplates", ApiCatalog.Presets.Select(TemplateView.From).ToList()))),
    ];

    private async Task<ApiResult> GetTokensAsync(ApiCall call)
    {
        var list = await tokens.ListAsync(call.UserId, call.Aborted);
        return ApiResult.Ok("tokens", list.Select(t => TokenView.From(t)).ToList());
    }

    private async Task<ApiResult> CreateTokenAsync(ApiCall call)
    {
        var description = call.Optional("description");
        var (preset, methods) = ReadPermissions(call);
        var draft = new TokenDraft(description, call.OptionalDate("expiresAt"), preset, methods);
        var issued = await tokens.GenerateAsync(call.Actor, draft, call.Optional("password"), call.Aborted);
        return issued.ToApi(t => ApiResult.Ok("token", TokenView.From(t)));
    }

    private async Task<ApiResult> EditTokenAsync(ApiCall call)
    {
        var id = call.RequiredId("id");
        var description = call.Optional("description");
        var (preset, methods) = ReadPermissions(call);
        var expiresAt = call.OptionalExpiry("expiresAt");
        var existing = await tokens.GetAsync(call.UserId, id, call.Aborted) ?? throw NoSuchToken("id", id);

        // What is not given stays as it is; "never" clears the expiry date.
        var keepPermissions = preset is null && methods is null;
        var draft = new TokenDraft(
            description ?? existing.Description,
            expiresAt is null ? existing.ExpiresOn : expiresAt.ExpiresOn,
            keepPermissions ? existing.Preset?.Key : preset,
            keepPermissions ? (existing.Preset is null ? existing.Methods : null) : methods);
        var edited = await tokens.EditAsync(call.Actor, id, draft, call.Optional("password"), call.Aborted);
        return edited.ToApi(t => ApiResult.Ok("token", TokenView.From(t)));
    }

    private async Task<ApiResult> RegenerateTokenAsync(ApiCall call)
    {
        var id = call.RequiredId("id");
        _ = await tokens.GetAsync(call.UserId, id, call.Aborted) ?? throw NoSuchToken("id", id);
        var regenerated = await tokens.RegenerateAsync(call.Actor, id, call.Optional("password"), call.Aborted);
        return regenerated.ToApi(t => ApiResult.Ok("token", TokenView.From(t)));
    }

    private async Task<ApiResult> DeleteTokensAsync(ApiCall call)
    {
        var ids = call.Required("ids")
            .Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(text => ApiCall.ParseId("ids", text))
            .ToList();
        if (ids.Count == 0)
        {
            throw new ApiParameterException("ids");
        }
        var owned = (await tokens.ListAsync(call.UserId, call.Aborted)).Select(t => t.Id).ToHashSet();
        if (ids.FirstOrDefault(id => !owned.Contains(id)) is var missing and > 0)
        {
            throw NoSuchToken("ids", missing);
        }
        var removed = await tokens.RemoveAsync(call.Actor, ids, call.Optional("password"), call.Aborted);
        return removed.ToApi(count => ApiResult.Ok("removed", count));
    }

    /// <summary>
    /// tokenTemplate (a preset's name or key) or apiList (method names separated by ',' or ';', in any case, with the
    /// platform's <c>env.</c> for <c>environment.</c>), not both.
    /// </summary>
    private static (string? Preset, IReadOnlyCollection<string>? Methods) ReadPermissions(ApiCall call)
    {
        var template = call.Optional("tokenTemplate");
        var apiList = call.Optional("apiList");
        if (template is not null && apiList is not null)
        {
            throw new ApiParameterException("tokenTemplate", "Give tokenTemplate or apiList, not both.");
        }
        var methods = apiList?.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(ApiFormats.MethodName).ToArray();
        return (template?.Trim(), methods);
    }

    private static ApiParameterException NoSuchToken(string parameter, int id) =>
        new(parameter, $"There is no token {id} on this account. Nothing was changed.");
}
