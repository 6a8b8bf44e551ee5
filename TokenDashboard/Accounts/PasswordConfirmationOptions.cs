namespace TokenDashboard.Accounts;

/// <summary>"Security" section.</summary>
public sealed class PasswordConfirmationOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Failed password confirmations allowed per account in any hour, on top of Identity's lockout
    /// (5 wrong → 5 minutes). Attempts refused during a lockout count too.
    /// </summary>
    public int FailedPasswordsPerHour { get; set; } = 100;
}
