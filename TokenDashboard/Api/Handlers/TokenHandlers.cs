using TokenDashboard.Tokens;

namespace TokenDashboard.Api.Handlers;

/// <summary>
/// users.Authentication.* token methods. They go through the same <see cref="TokenService"/> as the dashboard —
/// same validation, password check, lockout and audit trail. The service keeps the documented order (a token id
/// that is not the caller's is a bad <c>id</c>/<c>ids</c>, result 4, before the password); handlers only read the wire.
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

        // What is not given stays as it is.
        var keepPermissions = preset is null && methods is null;
        var edited = await tokens.EditAsync(call.Actor, id, current => new TokenDraft(
                description ?? current.Description,
                expiresAt is null ? current.ExpiresOn : expiresAt.ExpiresOn,
                keepPermissions ? current.Preset : preset,
                keepPermissions ? current.Methods : methods),
            call.Optional("password"), call.Aborted);
        return edited.ToApi(t => ApiResult.Ok("token", TokenView.From(t)));
    }

    private async Task<ApiResult> RegenerateTokenAsync(ApiCall call)
    {
        var regenerated = await tokens.RegenerateAsync(call.Actor, call.RequiredId("id"), call.Optional("password"), call.Aborted);
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
}
