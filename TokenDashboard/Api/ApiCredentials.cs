using TokenDashboard.Accounts;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api;

/// <summary>
/// Resolves the credential of a call — <c>Authorization: Bearer</c>, else the <c>session</c> parameter (query, then
/// form) — into a caller. A token goes through <see cref="TokenValidator"/> (malformed ones never reach the
/// database); a <c>tds_</c> value through <see cref="ApiSessionStore"/>. The value itself is never logged or echoed.
/// A valid token with an IP allow-list is refused (result 30) from any other client address — the address as the
/// connection sees it, which the forwarded-headers middleware rewrites only for configured proxies — except for the
/// methods the catalog lets through from any address (a token revoking itself; the revocation records the address).
/// </summary>
internal sealed class ApiCredentials(TokenValidator tokens, ApiSessionStore sessions, AddressRefusals refusals, TokenMetrics metrics)
{
    private const string BearerScheme = "Bearer ";

    /// <summary>The caller, or why its credential is refused (702, or 30 from outside a token's allow-list).</summary>
    public async Task<Result<ApiCaller>> ResolveAsync(HttpRequest http, ApiRequest request, CancellationToken cancellationToken, string? method = null)
    {
        var value = Read(http, request, out var problem);
        if (value is null)
        {
            return Error.NotAuthenticated(problem!);
        }

        if (value.StartsWith(TokenFormat.Prefix, StringComparison.Ordinal))
        {
            var validation = await tokens.ValidateAsync(value, cancellationToken);
            if (validation.Token is { } limited && !limited.AllowsAddress(http.HttpContext.Connection.RemoteIpAddress)
                && ApiCatalog.Find(method ?? "") is not { AnyAddress: true })
            {
                var ip = ClientAddress.Of(http.HttpContext);
                metrics.Checked(TokenMetrics.Outcome.AddressRefused, TokenMetrics.Source.AllowList);
                await refusals.RecordAsync(limited, ip, method, cancellationToken);
                // Which addresses are allowed stays unsaid: the list would be a map for whoever holds a stolen token.
                return new Error(ErrorKind.AddressNotAllowed, null, $"Address not allowed: this token cannot be used from {ip ?? "an unknown address"}.");
            }
            return validation.Token is { } token
                ? ApiCaller.ForToken(token)
                : Error.NotAuthenticated(validation.Rejection switch
                {
                    TokenRejection.Expired => "Not authenticated: the token has expired, and its value never works again. Regenerate it (in the dashboard, or RegenerateToken with expiresAt) for a new value.",
                    TokenRejection.Unknown => "Not authenticated: the token is unknown, or was regenerated or removed.",
                    TokenRejection.AccountDisabled => "Not authenticated: the token's account is disabled.",
                    _ => "Not authenticated: the token is malformed (wrong length, characters or checksum).",
                });
        }
        if (value.StartsWith(ApiSessionStore.Prefix, StringComparison.Ordinal))
        {
            return await sessions.ValidateAsync(value, cancellationToken) is { } session
                ? ApiCaller.ForSession(session)
                : Error.NotAuthenticated("Not authenticated: the session is unknown, was signed out, or expired after 24 hours without use.");
        }
        return Error.NotAuthenticated("Not authenticated: the credential is neither a token (tdt_…) nor a session (tds_…).");
    }

    /// <summary>The value of a single, non-empty <c>Authorization: Bearer</c> header, or null.</summary>
    internal static string? BearerOf(HttpRequest http) =>
        http.Headers.Authorization is { Count: 1 } authorization
        && authorization[0] is { } header
        && header.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase)
        && header[BearerScheme.Length..].Trim() is { Length: > 0 } bearer
            ? bearer
            : null;

    private static string? Read(HttpRequest http, ApiRequest request, out string? problem)
    {
        problem = null;
        var authorization = http.Headers.Authorization;
        if (authorization.Count > 1)
        {
            problem = "Not authenticated: give one Authorization header.";
            return null;
        }
        if (BearerOf(http) is { } bearer)
        {
            return bearer;
        }

        var session = request.GetAll("session");
        switch (session.Count)
        {
            case 1 when !string.IsNullOrWhiteSpace(session[0]):
                return session[0]!.Trim();
            case > 1:
                problem = "Not authenticated: give session only once.";
                return null;
            default:
                problem = authorization.Count == 1
                    ? "Not authenticated: use 'Authorization: Bearer TOKEN' or the session parameter."
                    : "Not authenticated: give a token or session as the session parameter or as 'Authorization: Bearer TOKEN'.";
                return null;
        }
    }
}
