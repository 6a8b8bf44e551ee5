namespace TokenDashboard.Accounts;

/// <summary>
/// The acting user (from the authenticated principal) and, when known, the client address for the audit trail and
/// the security stamp the caller signed in with: a change is refused once the account's stamp has moved on
/// (password changed elsewhere), so a stale browser session cannot touch tokens.
/// </summary>
public sealed record Actor(string UserId, string? Ip = null, string? SecurityStamp = null);
