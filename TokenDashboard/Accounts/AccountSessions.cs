using System.Globalization;

namespace TokenDashboard.Accounts;

internal enum SessionKind
{
    Browser,
    Api,
}

/// <summary>
/// One sign-in as the Sessions tab and users.Authentication.GetSessions show it. <see cref="Id"/> is the browser
/// session's id, or "api-" + the API session's number; <see cref="Client"/> is the browser's user agent or "API session".
/// </summary>
internal sealed record AccountSession(string Id, SessionKind Kind, DateTime CreatedAt, DateTime LastSeenAt, string? Ip, string Client, bool Current);

/// <summary>Which session is asking: the browser's (its cookie's session id) or the API session's; neither for a token.</summary>
internal sealed record CurrentSession(string? BrowserSessionId, int? ApiSessionId)
{
    public bool Is(AccountSession session) => session.Kind == SessionKind.Browser
        ? session.Id == BrowserSessionId
        : ApiSessionId is { } id && session.Id == AccountSessions.ApiId(id);
}

/// <summary>
/// Every browser sign-in and API session of an account, and ending them. Each method takes the owner's user id (from
/// the principal) and sees only that owner's sessions. Ending needs the password through the one guarded path (a stolen
/// cookie must not be able to throw the owner out); a browser session ended here is refused at its next request and
/// its open circuit at the next revalidation, within a minute (<see cref="BrowserSessions"/>); an API session at once.
/// </summary>
internal sealed class AccountSessions(BrowserSessions browsers, ApiSessionStore apis, PasswordConfirmation passwords)
{
    /// <summary>"Sign out all others": every session of the account but the one asking.</summary>
    public const string AllOthers = "*";

    private const string ApiPrefix = "api-";

    public static string ApiId(int id) => ApiPrefix + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The account's sessions, the asking one first, then the most recently seen.</summary>
    public async Task<IReadOnlyList<AccountSession>> ListAsync(string userId, CurrentSession current, CancellationToken cancellationToken = default)
    {
        var browserRows = await browsers.ListAsync(userId, cancellationToken);
        var apiRows = await apis.ListAsync(userId, cancellationToken);
        return browserRows
            .Select(b => new AccountSession(b.Id, SessionKind.Browser, b.CreatedAt, b.LastSeenAt, b.Ip,
                string.IsNullOrWhiteSpace(b.UserAgent) ? "Unknown browser" : b.UserAgent, false))
            .Concat(apiRows.Select(a => new AccountSession(ApiId(a.Id), SessionKind.Api, a.CreatedAt, a.LastUsedAt, a.Ip, "API session", false)))
            .Select(s => s with { Current = current.Is(s) })
            .OrderByDescending(s => s.Current).ThenByDescending(s => s.LastSeenAt)
            .ToList();
    }

    /// <summary>
    /// Ends the sessions named by <paramref name="ids"/> (<see cref="AllOthers"/>: every session but the current one), all
    /// or nothing: an id that is not one of the account's live sessions — another account's included, which looks the
    /// same — is refused before the password is asked for, so a guess costs no attempt and learns nothing.
    /// Returns how many ended.
    /// </summary>
    public async Task<Result<int>> EndAsync(Actor actor, IReadOnlyCollection<string> ids, CurrentSession current, string? password,
        CancellationToken cancellationToken = default)
    {
        var sessions = await ListAsync(actor.UserId, current, cancellationToken);
        if (Choose(sessions, ids) is not { } chosen)
        {
            return ids.Count == 0
                ? Error.Invalid("ids", "Name at least one session, or * for all but this one.")
                : Error.Invalid("ids", $"There is no session {Shorten(ids.First(id => sessions.All(s => s.Id != id)), 40)} on this account (it may have ended). Nothing was changed.");
        }
        if (await passwords.ConfirmAsync(actor, password, cancellationToken) is { } refused)
        {
            return refused;
        }

        var ended = 0;
        foreach (var browser in chosen.Where(s => s.Kind == SessionKind.Browser))
        {
            var detail = $"browser from {browser.Ip ?? "an unknown address"}: {UserAgentSummary.Describe(browser.Client)}";
            ended += await browsers.EndAsync(actor.UserId, browser.Id, actor.Ip, detail: detail, cancellationToken: cancellationToken) ? 1 : 0;
        }
        var apiIds = chosen.Where(s => s.Kind == SessionKind.Api)
            .Select(s => int.Parse(s.Id[ApiPrefix.Length..], CultureInfo.InvariantCulture)).ToList();
        if (apiIds.Count > 0)
        {
            ended += await apis.EndAsync(actor.UserId, apiIds, actor.Ip, cancellationToken);
        }
        return ended;
    }

    /// <summary>The sessions <paramref name="ids"/> names, each once; null when one of them is not among <paramref name="sessions"/>.</summary>
    private static List<AccountSession>? Choose(IReadOnlyList<AccountSession> sessions, IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 1 && ids.First() == AllOthers)
        {
            return [.. sessions.Where(s => !s.Current)];
        }
        var chosen = new List<AccountSession>();
        foreach (var id in ids)
        {
            if (sessions.FirstOrDefault(s => s.Id == id) is not { } session)
            {
                return null;
            }
            if (!chosen.Contains(session))
            {
                chosen.Add(session);
            }
        }
        return chosen.Count == 0 ? null : chosen;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
