using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Reminders;

namespace TokenDashboard.Tests.Tokens;

/// <summary>
/// Expiry reminders: the bell's list, and the e-mails written as .eml files to the pickup directory — once 7 days
/// and once 1 day before a token's last valid day, once per token and threshold, across restarts; one message a day
/// per account at most, only to a confirmed address, with a fixed subject and the descriptions as inert text.
/// </summary>
public sealed class ExpiryReminderTests : IAsyncLifetime
{
    private readonly TempDatabase database = new();
    private readonly string pickup = Directory.CreateTempSubdirectory("tokendashboard-mail-").FullName;
    private readonly List<AppFactory> factories = [];

    private AppFactory Start(DateTimeOffset? now = null, bool kestrel = false)
    {
        var factory = kestrel ? new KestrelAppFactory(database: database) : new AppFactory(database);
        factory.Settings["Notifications:PickupDirectory"] = pickup;
        factory.Settings["Notifications:DashboardUrl"] = "https://tokens.example.com";
        // The background round runs at start-up; the tests drive the rest by hand, so nothing races them.
        factory.Settings["Notifications:CheckInterval"] = "30.00:00:00";
        if (now is { } at)
        {
            factory.Clock.SetUtcNow(at);
        }
        factories.Add(factory);
        if (factory is KestrelAppFactory onPort)
        {
            onPort.Start();
            return factory;
        }
        return factory.Started();
    }

    private string[] Mails() => Directory.GetFiles(pickup, "*.eml").Order().ToArray();

    private static async Task<int> IssueAsync(AppFactory factory, Actor actor, string description, int? daysLeft)
    {
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        var issued = await factory.Get<TokenService>().GenerateAsync(actor,
            new TokenDraft(description, daysLeft is { } d ? today.AddDays(d) : null, "IDE Plugins"), AppFactory.DemoPassword);
        Assert.True(issued.Succeeded, issued.Error?.Message);
        return issued.Value!.Token.Id;
    }

    [Fact]
    public async Task Reminders_go_out_once_at_7_days_and_once_at_1_day_and_never_again_after_a_restart()
    {
        var first = Start();
        var owner = await first.CreateUserAsync("owner@example.com");
        await IssueAsync(first, owner, "seven days left", 7);
        await IssueAsync(first, owner, "one day left", 1);
        await IssueAsync(first, owner, "far away", 20);
        await IssueAsync(first, owner, "never expires", null);
        var reminders = first.Get<ExpiryReminders>();

        await reminders.SendDueAsync();
        await reminders.SendDueAsync();

        // One message for the account, listing both.
        var mail = EmlFile.Read(Assert.Single(Mails())).Text;
        Assert.Contains("\"seven days left\"", mail);
        Assert.Contains("expires in 7 days", mail);
        Assert.Contains("\"one day left\"", mail);
        Assert.Contains("expires tomorrow", mail);
        Assert.DoesNotContain("far away", mail);
        Assert.Contains("owner@example.com", mail);
        Assert.DoesNotContain("tdt_", mail);

        // Six days on, the first token crosses its 1-day threshold; the 1-day one has expired and gets nothing more.
        first.Clock.Advance(TimeSpan.FromDays(6));
        await reminders.SendDueAsync();
        Assert.Equal(2, Mails().Length);
        Assert.Equal(2, Mails().Count(p => EmlFile.Read(p).Text.Contains("\"seven days left\"")));
        Assert.Single(Mails(), p => EmlFile.Read(p).Text.Contains("\"one day left\""));
        var now = first.Clock.GetUtcNow();
        await first.DisposeAsync();

        var second = Start(now);
        await second.Get<ExpiryReminders>().SendDueAsync();
        Assert.Equal(2, Mails().Length);
    }

    [Fact]
    public async Task A_token_made_with_three_days_left_gets_the_7_day_reminder_now_and_the_1_day_one_later()
    {
        var factory = Start();
        var owner = await factory.CreateUserAsync("three@example.com");
        var id = await IssueAsync(factory, owner, "three days", 3);
        var reminders = factory.Get<ExpiryReminders>();

        await reminders.SendDueAsync();
        Assert.Single(Mails());
        Assert.Contains($"Token #{id}", EmlFile.Read(Mails()[0]).Text);
        Assert.Contains("expires in 3 days", EmlFile.Read(Mails()[0]).Text);
        Assert.Contains("https://tokens.example.com/settings/access-tokens", EmlFile.Read(Mails()[0]).Text);

        factory.Clock.Advance(TimeSpan.FromDays(2));
        await reminders.SendDueAsync();
        await reminders.SendDueAsync();
        Assert.Equal(2, Mails().Length);
    }

    [Fact]
    public async Task A_new_expiry_date_earns_new_reminders()
    {
        var factory = Start();
        var owner = await factory.CreateUserAsync("renew@example.com");
        var id = await IssueAsync(factory, owner, "renewed", 7);
        var reminders = factory.Get<ExpiryReminders>();
        await reminders.SendDueAsync();

        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        Assert.True((await factory.Get<TokenService>().EditAsync(owner, id, new TokenDraft("renewed", today.AddDays(5), "IDE Plugins"), AppFactory.DemoPassword)).Succeeded);
        await reminders.SendDueAsync();
        Assert.Single(Mails()); // one message a day: the new date's reminder waits for tomorrow
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await reminders.SendDueAsync();

        Assert.Equal(2, Mails().Length);
    }

    [Fact]
    public async Task Thirty_phishing_descriptions_make_one_message_with_a_fixed_subject_and_no_link_and_none_to_an_unconfirmed_address()
    {
        var factory = Start(kestrel: true);
        var squatter = await factory.CreateUserAsync("victim@example.com", emailConfirmed: false);
        var owner = await factory.CreateUserAsync("phish-owner@example.com");
        const string phishing = "Reset your bank password now at http://bank.example.evil/login, mail help@evil.example: card";
        for (var i = 0; i < 30; i++)
        {
            await IssueAsync(factory, squatter, $"{phishing} {i}", 1);
            await IssueAsync(factory, owner, $"{phishing} {i}", 1);
        }

        Assert.Equal(1, await factory.Get<ExpiryReminders>().SendDueAsync());
        Assert.Equal(0, await factory.Get<ExpiryReminders>().SendDueAsync());

        var mail = EmlFile.Read(Assert.Single(Mails()));
        Assert.Contains("phish-owner@example.com", mail.Headers);
        Assert.DoesNotContain("victim@example.com", mail.Text);
        Assert.Contains("Subject: Access tokens of your TokenDashboard account expire soon", mail.Headers);
        Assert.Contains("30 access tokens", mail.Body);
        Assert.Equal(30, System.Text.RegularExpressions.Regex.Count(mail.Body, "Its description: \"Reset your bank password now at hxxp\\[:\\]//bank\\[\\.\\]"));
        Assert.DoesNotContain("http://bank", mail.Body);
        Assert.DoesNotContain("bank.example", mail.Body);
        Assert.DoesNotContain("help@evil", mail.Body);
        Assert.DoesNotContain(": card", mail.Body); // shortened to 60 characters
        Assert.Equal(["https://tokens.example.com/settings/access-tokens"],
            System.Text.RegularExpressions.Regex.Matches(mail.Body, @"\b(?:https?|ftp)://\S+").Select(m => m.Value).Distinct());
    }

    [Fact]
    public async Task The_bell_lists_tokens_expiring_within_7_days_and_expired_in_the_last_7_nearest_first()
    {
        var factory = Start();
        var owner = await factory.CreateUserAsync("bell@example.com");
        var expiresSoon = await IssueAsync(factory, owner, "soon", 2);
        var expiresLater = await IssueAsync(factory, owner, "later", 10);
        var expiredRecently = await IssueAsync(factory, owner, "will expire", 0);
        await IssueAsync(factory, owner, "long gone", 0);
        await IssueAsync(factory, owner, "never", null);
        var other = await factory.CreateUserAsync("someone-else@example.com");
        await IssueAsync(factory, other, "not mine", 1);

        factory.Clock.Advance(TimeSpan.FromDays(3));
        // "long gone" expired 3 days ago too; move it further back behind the service's back to cover the far edge.
        await using (var db = factory.Database.CreateContext())
        {
            var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
            await db.AccessTokens.Where(t => t.Description == "long gone").ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresOn, today.AddDays(-8)));
        }
        var notices = await factory.Get<ExpiryReminders>().ListAsync(owner.UserId);

        Assert.Equal([expiresLater, expiresSoon, expiredRecently], notices.Select(n => n.TokenId));
        Assert.Equal([7, -1, -3], notices.Select(n => n.DaysLeft));
        Assert.Equal([false, true, true], notices.Select(n => n.Expired));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var factory in factories)
        {
            await factory.DisposeAsync();
        }
        database.Dispose();
        Directory.Delete(pickup, recursive: true);
    }
}
