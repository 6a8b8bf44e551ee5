using TokenDashboard.Accounts;

namespace TokenDashboard.Tokens;

/// <summary>
/// The password confirmation before a token or environment change, in the token rulebook's terms: the check is
/// <see cref="PasswordGuard"/>'s (serialised per account, lockout, hourly cap, audit); this maps its refusal onto
/// the <c>password</c> field.
/// </summary>
public sealed class PasswordConfirmation(PasswordGuard guard)
{
    /// <summary>Null when the password is right; otherwise why not.</summary>
    public async Task<TokenError?> ConfirmAsync(Actor actor, string? password, CancellationToken cancellationToken = default) =>
        await guard.ConfirmAsync(actor, password, cancellationToken) is { } refused ? ToTokenError(refused) : null;

    public static TokenError ToTokenError(PasswordRefusal refusal) =>
        new(refusal.Kind switch
            {
                PasswordRefusalKind.Missing => TokenErrorKind.PasswordMissing,
                PasswordRefusalKind.Wrong => TokenErrorKind.WrongPassword,
                PasswordRefusalKind.LockedOut => TokenErrorKind.LockedOut,
                PasswordRefusalKind.TooManyAttempts => TokenErrorKind.TooManyAttempts,
                _ => TokenErrorKind.SessionExpired,
            },
            "password", refusal.Message, refusal.LockedOutUntil, refusal.RetryAfter);
}
