namespace TokenDashboard.Accounts;

/// <summary>"Security" section: the limits of the guarded password check (on top of Identity's 5 wrong → 5 minutes).</summary>
public sealed class PasswordConfirmationOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Failed password confirmations by the signed-in owner (token and environment changes, change password) allowed
    /// per account in any hour. Attempts refused during a lockout count too. Sign-in failures do not count here.
    /// </summary>
    public int FailedPasswordsPerHour { get; set; } = 100;

    /// <summary>Refused sign-ins (form and API Signin) allowed per client address within the back-off window.</summary>
    public int SignInFailuresPerAddress { get; set; } = 30;

    /// <summary>Refused sign-ins allowed per login (known or not) within the back-off window.</summary>
    public int SignInFailuresPerAccount { get; set; } = 10;

    /// <summary>The window of the sign-in back-off: once over a limit, wait until the oldest failure is this old.</summary>
    public int SignInBackOffSeconds { get; set; } = 300;
}
