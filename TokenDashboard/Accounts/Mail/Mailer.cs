using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace TokenDashboard.Accounts.Mail;

/// <summary>
/// Sends a message (expiry reminders, account security notices, confirmations) through System.Net.Mail: into <see cref="NotificationOptions.PickupDirectory"/> as an .eml
/// file, or over SMTP (Notifications:Smtp:Host, Port, From, UserName, Password, EnableSsl).
/// </summary>
internal sealed class Mailer(IOptions<NotificationOptions> options)
{
    private NotificationOptions Options => options.Value;

    public bool Enabled => Options.MailEnabled;

    public string? DashboardUrl => Options.DashboardUrl;

    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken)
    {
        // UTF-8 throughout: descriptions are the user's own text, in any script.
        using var message = new MailMessage(Options.Smtp.From, to, subject, body)
        {
            SubjectEncoding = System.Text.Encoding.UTF8,
            BodyEncoding = System.Text.Encoding.UTF8,
        };
        using var client = CreateClient();
        await client.SendMailAsync(message, cancellationToken);
    }

    private SmtpClient CreateClient()
    {
        if (!string.IsNullOrWhiteSpace(Options.PickupDirectory))
        {
            var directory = Directory.CreateDirectory(Path.GetFullPath(Options.PickupDirectory)).FullName;
            return new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = directory };
        }
        var smtp = Options.Smtp;
        var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }
        return client;
    }
}
