namespace TokenDashboard.Accounts;

/// <summary>"Accounts" section.</summary>
internal sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Whether the sign-in page offers "Register" and /Account/Register accepts new accounts.</summary>
    public bool AllowRegistration { get; set; } = true;

    /// <summary>
    /// How often an open page (a live circuit) checks that its sign-in still exists and its security stamp is
    /// unchanged: a browser signed out elsewhere leaves its open page within this time. 1 to 3600; default a minute.
    /// </summary>
    public int OpenPageRevalidationSeconds { get; set; } = 60;

    public TimeSpan OpenPageRevalidationInterval => TimeSpan.FromSeconds(Math.Clamp(OpenPageRevalidationSeconds, 1, 3600));
}

/// <summary>"DemoAccount" section: the account created on first start with an empty database.</summary>
internal sealed class DemoAccountOptions
{
    public const string Section = "DemoAccount";

    public bool Enabled { get; set; } = true;
    public string Email { get; set; } = "demo@tokendashboard.local";

    /// <summary>Empty: a strong random password is generated and printed once to the console.</summary>
    public string? Password { get; set; }
}
