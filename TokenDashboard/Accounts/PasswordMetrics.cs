using System.Diagnostics.Metrics;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>
/// Password checks on the app's meter, by where they came from (a signed-in owner's confirmation, or a sign-in) and
/// by outcome: right, wrong, locked (the account's lockout), back_off (the hourly cap of confirmations, or a sign-in
/// back-off per address or login), missing, session_expired. A spike of locked is someone guessing.
/// </summary>
public sealed class PasswordMetrics(AppMeter meter)
{
    private readonly Counter<long> checks = meter.Meter.CreateCounter<long>("tokendashboard.password.checks", "{check}",
        "Password checks by path (confirm, sign_in) and outcome (right, wrong, locked, back_off, missing, session_expired).");

    /// <param name="refusal">The check's refusal (<see cref="PasswordRefusals"/>); null when the password was right.</param>
    public void Checked(string path, Error? refusal) =>
        checks.Add(1, new KeyValuePair<string, object?>("path", path), new KeyValuePair<string, object?>("outcome", refusal?.Kind switch
        {
            null => "right",
            ErrorKind.WrongPassword => "wrong",
            ErrorKind.LockedOut => "locked",
            ErrorKind.TooManyAttempts => "back_off",
            ErrorKind.InvalidParameter => "missing",
            ErrorKind.SessionExpired => "session_expired",
            _ => "other",
        }));
}
