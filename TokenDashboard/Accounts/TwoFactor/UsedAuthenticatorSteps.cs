using System.Globalization;

namespace TokenDashboard.Accounts.TwoFactor;

/// <summary>
/// The newest 30-second step whose authenticator code an account has used, so that a code works once: a step is
/// taken only if it is newer than the last one taken (an <see cref="AccountMarks"/> value, moved by compare-and-set,
/// so two attempts with one code — in one process or on two instances — never both succeed).
/// </summary>
internal sealed class UsedAuthenticatorSteps(AccountMarks marks)
{
    private const string Name = "LastAuthenticatorStep";

    /// <summary>True when <paramref name="step"/> is newer than every step used before, and is now the last one used.</summary>
    public async Task<bool> TryUseAsync(string userId, long step) =>
        (await marks.TryMoveAsync(userId, Name, step.ToString(CultureInfo.InvariantCulture),
            last => last is null || (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var used) && used < step))).Moved;

    /// <summary>Two-factor turned off: a later key starts afresh (its first code may fall in the last step used).</summary>
    public Task ForgetAsync(string userId) => marks.ForgetAsync(userId, Name);
}
