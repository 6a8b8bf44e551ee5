using TokenDashboard.Tokens;

namespace TokenDashboard.Api.Handlers;

/// <summary>
/// users.Authentication.* token methods. They go through the same <see cref="TokenService"/> as the dashboard —
/// same validation, lifecycle rules, password check, lockout and audit trail. The service keeps the documented order
/// (a token id that is not the caller's is a bad <c>id</c>/<c>ids</c>, result 4, before the password); handlers
/// only read the wire: the platform's date forms, id lists with ',' ';' and '*', and its method spellings.
/// </summary>
internal sealed class TokenHandlers(TokenService tokens) : IApiHandlerGroup
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

    /// <summary>All the caller's tokens, or only those in <c>ids</c> (ids that are not the caller's are simply not listed).</summary>
    private async Task<ApiResult> GetTokensAsync(ApiCall call)
    {
        var list = await tokens.ListAsync(call.UserId, call.OptionalIds(), call.Aborted);
        return ApiResult.Ok("tokens", list.Select(t => TokenView.From(t)).ToList());
    }

    private async Task<ApiResult> CreateTokenAsync(ApiCall call)
    {
        var description = call.Optional("description");
        var (preset, methods) = ReadPermissions(call);
        var addresses = ReadAddresses(call);
        var draft = new TokenDraft(description, call.OptionalDate("expiresAt"), preset, methods, addresses);
        var issued = await tokens.GenerateAsync(call.Actor, draft, call.Optional("password"), call.Aborted);
        return issued.ToApi(t => WithAddressWarning(call, t.Token, ApiResult.Field("token", TokenView.From(t))));
    }

    private async Task<ApiResult> EditTokenAsync(ApiCall call)
    {
        var id = call.RequiredId("id");
        var description = call.Optional("description");
        var (preset, methods) = ReadPermissions(call);
        var expiry = call.OptionalExpiry("expiresAt");
        var addresses = ReadAddresses(call);

        // What is not given stays as it is.
        var keepPermissions = preset is null && methods is null;
        var edited = await tokens.EditAsync(call.Actor, id, current => new TokenDraft(
                description ?? current.Description,
                expiry is null ? current.ExpiresOn : expiry.ExpiresOn,
                keepPermissions ? current.Preset : preset,
                keepPermissions ? current.Methods : methods,
                addresses ?? current.AllowedAddresses),
            call.Optional("password"), call.Aborted);
        return edited.ToApi(t => WithAddressWarning(call, t, ApiResult.Field("token", TokenView.From(t))));
    }

    /// <summary>
    /// New values for <c>ids</c> (or <c>id</c>), each answered once in <c>tokens</c>; with one id also as <c>token</c>,
    /// the answer's shape before lists were accepted. <c>notice</c> says which expired tokens got the default lifetime.
    /// </summary>
    private async Task<ApiResult> RegenerateTokenAsync(ApiCall call)
    {
        var scope = call.RequiredIds("ids", alias: "id");
        var regenerated = await tokens.RegenerateAsync(call.Actor, scope, call.OptionalExpiry("expiresAt"), call.Optional("password"), call.Aborted);
        return regenerated.ToApi(issued =>
        {
            var fields = new List<KeyValuePair<string, object?>>();
            if (!scope.All && scope.Ids.Count == 1 && issued.Count == 1)
            {
                fields.Add(ApiResult.Field("token", TokenView.From(issued[0])));
            }
            fields.Add(ApiResult.Field("tokens", issued.Select(TokenView.From).ToList()));
            if (issued.Where(i => i.ExpiryDefaulted).ToList() is { Count: > 0 } defaulted)
            {
                fields.Add(ApiResult.Field("notice", DefaultedNotice(defaulted)));
            }
            return ApiResult.Ok([.. fields]);
        });
    }

    private async Task<ApiResult> DeleteTokensAsync(ApiCall call)
    {
        var removed = await tokens.RemoveAsync(call.Actor, call.RequiredIds(), call.Optional("password"), call.Aborted);
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

    /// <summary>
    /// <c>ipList</c>: addresses and CIDR ranges separated by <c>,</c> or <c>;</c>; <c>*</c> clears the list (any
    /// address). Null when absent, so EditToken keeps the token's list. The rules are TokenDraftValidator's.
    /// </summary>
    private static IReadOnlyList<string>? ReadAddresses(ApiCall call) =>
        call.Optional("ipList") is not { } text ? null
            : text.Trim() == "*" ? []
            : AddressAllowList.Split(text);

    /// <summary>
    /// An allow-list that leaves out the very address this call came from is allowed (the script may run elsewhere),
    /// but the answer says so: a token that cannot be used from here is rarely what a person at this address meant.
    /// </summary>
    private static ApiResult WithAddressWarning(ApiCall call, TokenSummary token, KeyValuePair<string, object?> field) =>
        AddressAllowList.Allows(token.AllowedAddresses, call.ClientIp)
            ? ApiResult.Ok(field)
            : ApiResult.Ok(field, ApiResult.Field("warning",
                $"The token's ipList does not include your current address {call.ClientIp ?? "(unknown)"}: calls with it from here will be refused."));

    private static string DefaultedNotice(IReadOnlyList<IssuedToken> defaulted)
    {
        var expiresOn = ApiJson.Date(defaulted[0].Token.ExpiresOn);
        var which = defaulted.Count == 1 ? $"Token {defaulted[0].Token.Id} had expired; its new value expires"
            : $"Tokens {string.Join(", ", defaulted.Select(i => i.Token.Id))} had expired; their new values expire";
        var days = defaulted[0].Token.ExpiresOn!.Value.DayNumber - DateOnly.FromDateTime(defaulted[0].Token.UpdatedAt).DayNumber;
        return $"{which} on {expiresOn}, the default {days} days from today. Give expiresAt to choose another date.";
    }
}
