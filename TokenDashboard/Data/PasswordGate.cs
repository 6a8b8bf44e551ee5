namespace TokenDashboard.Data;

/// <summary>
/// One row per account whose password was checked (key: the user id), or per unknown login that was tried
/// (key: "?" + the normalised login). <see cref="HeldUntil"/> is a lease taken by a conditional UPDATE: whoever
/// sets it checks the password, everyone else — in this process or another sharing the database — waits, so the
/// failure count of one account moves one check at a time. An unknown login keeps a lockout of its own here, so
/// it answers exactly like an account.
/// </summary>
public sealed class PasswordGate
{
    public required string Key { get; set; }
    public string? Holder { get; set; }
    public DateTime? HeldUntil { get; set; }
    public int UnknownLoginFailures { get; set; }
    public DateTime? UnknownLoginLockedUntil { get; set; }
}
