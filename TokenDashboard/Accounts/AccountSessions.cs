namespace TokenDashboard.Accounts;

public enum SessionKind
{
    Browser,
    Api,
}

/// <summary>
/// One sign-in as the Sessions tab and users.Authentication.GetSessions show it. <see cref="Id"/> is the browser
/// session's id, or "api-" + the API session's number; <see cref="Client"/> is the browser's user agent or "API session".
/// </summary>
public sealed record AccountSession(string Id, SessionKind Kind, DateTime CreatedAt, DateTime LastSeenAt, string? Ip, string Client, bool Current);

/// <summary>Which session is asking: the browser's (its cookie's session id) or the API session's; null for a token.</summary>
public sealed record CurrentSession(string? BrowserSessionId, int? ApiSessionId)
{
    public bool Is(AccountSession session) => session.Kind == SessionKind.Browser
        ? session.Id == BrowserSessionId
        : ApiSessionId is { } id && session.Id == AccountSessions.ApiId(id);
}

/// <summary>
/// Every browser sign-in and API session of an account, and ending them. Ending needs the password (a stolen
/// cookie must not be able to lock the owner out); a browser session ended here is refused at its next request and
/// its circuit within a minute (<see cref="BrowserSessions"/>), an API session at once.
/// </summary>
public sealed class AccountSessions(BrowserSessions browsers, ApiSessionStore apis, PasswordConfirmation passwords)
{
    private const string ApiPrefix = "api-";

    public static string ApiId(int id) => ApiPrefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<AccountSession>> ListAsync(string userId, CurrentSession current, CancellationToken cancellationToken = default)
    {
        var browserRows = await browsers.ListAsync(userId, cancellationToken);
        var apiRows = await apis.ListAsync(userId, cancellationToken);
        var all = browserRows.Select(b => new AccountSession(b.Id, SessionKind.Browser, b.CreatedAt, b.LastSeenAt, b.Ip,
                string.IsNullOrWhiteSpace(b.UserAgent) ? "Unknown browser" : b.UserAgent, false))
            .Concat(apiRows.Select(a => new AccountSession(ApiId(a.Id), SessionKind.Api, a.CreatedAt, a.LastUsedAt, a.Ip, "API session", false)))
            .Select(s => s with { Current = current.Is(s) })
            .OrderByDescending(s => s.Current).ThenByDescending(s => s.LastSeenAt)
            .ToList();
        return all;
    }

    /// <summary>
    /// Ends the sessions named by <paramref name="ids"/> ("*": every session but the current one), all or nothing:
    /// an id that is not one of the account's live sessions is refused before the password is asked for.
    /// </summary>
    public async Task<Result<int>> EndAsync(Actor actor, IReadOnlyCollection<string> ids, CurrentSession current, string? password,
        CancellationToken cancellationToken = default)
    {
        var sessions = await ListAsync(actor.UserId, current, cancellationToken);
        List<AccountSession> chosen;
        if (ids.Count == 1 && ids.First() == "*")
        {
            chosen = [.. sessions.Where(s => !s.Current)];
        }
        else
        {
            if (ids.Count == 0)
            {
                return Error.Invalid("ids", "Name at least one session, or * for all but this one.");
            }
            chosen = [];
            foreach (var id in ids)
            {
                if (sessions.FirstOrDefault(s => s.Id == id) is not { } session)
                {
                    return Error.Invalid("ids", $"There is no session {(id.Length > 40 ? id[..40] + "…" : id)} on this account (it may have ended). Nothing was changed.");
                }
                if (!chosen.Contains(session))
                {
                    chosen.Add(session);
                }
            }
        }
        if (await passwords.ConfirmAsync(actor, password, cancellationToken) is { } refused)
        {
            return refused.ToError();
        }

        var ended = 0;
        foreach (var browser in chosen.Where(s => s.Kind == SessionKind.Browser))
        {
            ended += await browsers.EndAsync(actor.UserId, browser.Id, actor.Ip, cancellationToken: cancellationToken) ? 1 : 0;
        }
        var apiIds = chosen.Where(s => s.Kind == SessionKind.Api).Select(s => int.Parse(s.Id[ApiPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (apiIds.Count > 0)
        {
            ended += await apis.EndAsync(actor.UserId, apiIds, actor.Ip, cancellationToken);
        }
        return ended;
    }
}
