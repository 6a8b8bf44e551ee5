namespace TokenDashboard.Accounts.Mail;

/// <summary>
/// "Notifications" section: where mail goes (expiry reminders, account security notices). <see cref="PickupDirectory"/>
/// writes each message as an .eml file (for tests and for a local mail agent that picks them up); otherwise
/// <see cref="Smtp"/> with a host sends them. Neither: no e-mail, the app bar's bell still shows reminders.
/// </summary>
internal sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>
    /// Unset: <c>App_Data/mail</c> beside the app, unless an SMTP host is set — so confirmation links work with no
    /// mail server. Empty: no pickup directory. A relative path is taken from the app's content root.
    /// </summary>
    public string? PickupDirectory { get; set; }
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>The dashboard's public address, for the link in the message (e.g. https://tokens.example.com).</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>How often the reminders are looked for.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Fills in the default pickup directory and makes a relative one absolute (from <paramref name="contentRoot"/>).</summary>
    public void ResolvePickupDirectory(string contentRoot)
    {
        if (PickupDirectory is null && string.IsNullOrWhiteSpace(Smtp.Host))
        {
            PickupDirectory = Path.Combine("App_Data", "mail");
        }
        if (!string.IsNullOrWhiteSpace(PickupDirectory))
        {
            PickupDirectory = Path.GetFullPath(PickupDirectory, contentRoot);
        }
    }

    public bool MailEnabled => !string.IsNullOrWhiteSpace(PickupDirectory) || !string.IsNullOrWhiteSpace(Smtp.Host);
}

internal sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string From { get; set; } = "TokenDashboard <noreply@tokendashboard.local>";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public bool EnableSsl { get; set; } = true;
}
