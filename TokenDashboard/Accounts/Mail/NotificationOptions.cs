namespace TokenDashboard.Accounts.Mail;

/// <summary>
/// "Notifications" section: where mail goes (expiry reminders, account security notices). <see cref="PickupDirectory"/>
/// writes each message as an .eml file (for tests and for a local mail agent that picks them up); otherwise
/// <see cref="Smtp"/> with a host sends them. Neither: no e-mail, the app bar's bell still shows reminders.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public string? PickupDirectory { get; set; }
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The dashboard's public address, for the link in the message (e.g. https://tokens.example.com).</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>How often the reminders are looked for.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    public bool MailEnabled => !string.IsNullOrWhiteSpace(PickupDirectory) || !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string From { get; set; } = "TokenDashboard <noreply@tokendashboard.local>";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool EnableSsl { get; set; } = true;
}
