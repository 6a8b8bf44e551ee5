using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Accounts;

/// <summary>The Activity tab's reader: the account's own trail, a page at a time, filtered, exported as CSV.</summary>
public sealed class ActivityLogTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private ActivityLog Log => fixture.Factory.Get<ActivityLog>();
    private TokenService Tokens => fixture.Factory.Get<TokenService>();

    [Fact]
    public async Task Lists_the_users_own_entries_newest_first_with_the_token_and_address()
    {
        var user = await fixture.NewUserAsync();
        var other = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("Deploy from CI", null, "IDE Plugins"));
        await other.IssueAsync(new TokenDraft("Not mine", null, "IDE Plugins"));
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await Tokens.EditAsync(user.Actor, issued.Token.Id, new TokenDraft("Deploy from CI", null, "Maven Plugin"), "wrong");

        var page = await Log.PageAsync(user.UserId, new ActivityFilter(), 0, 50);

        Assert.Equal(2, page.Total);
        Assert.Equal(["Password rejected", "Token generated"], page.Entries.Select(e => e.KindName));
        Assert.Equal("Deploy from CI", page.Entries[1].Token);
        Assert.All(page.Entries, e => Assert.Equal(user.Actor.Ip, e.Ip));
    }

    [Fact]
    public async Task Filters_by_kind_token_and_days_and_pages_on_the_server()
    {
        var user = await fixture.NewUserAsync();
        var a = await user.IssueAsync(new TokenDraft("a", null, "IDE Plugins"));
        var b = await user.IssueAsync(new TokenDraft("b", null, "IDE Plugins"));
        for (var i = 0; i < 3; i++)
        {
            fixture.Factory.Clock.Advance(TimeSpan.FromDays(1));
            await Tokens.EditAsync(user.Actor, a.Token.Id, new TokenDraft($"a{i}", null, "IDE Plugins"), AppFactory.DemoPassword);
        }
        var today = DateOnly.FromDateTime(fixture.Factory.Clock.GetUtcNow().UtcDateTime);

        var edits = await Log.PageAsync(user.UserId, new ActivityFilter(Kind: "Edited"), 0, 2);
        var ofB = await Log.PageAsync(user.UserId, new ActivityFilter(TokenId: b.Token.Id), 0, 50);
        var lastTwoDays = await Log.PageAsync(user.UserId, new ActivityFilter(From: today.AddDays(-1), To: today), 0, 50);
        var secondPage = await Log.PageAsync(user.UserId, new ActivityFilter(Kind: "Edited"), 2, 2);

        Assert.Equal((3, 2), (edits.Total, edits.Entries.Count));
        Assert.Equal("a2", edits.Entries[0].Token);
        Assert.Equal(["Created"], ofB.Entries.Select(e => e.Kind));
        Assert.Equal(2, lastTwoDays.Total);
        Assert.Single(secondPage.Entries);
    }

    [Fact]
    public async Task Past_the_count_ahead_the_total_is_a_lower_bound_that_grows_as_the_pages_go_on()
    {
        var user = await fixture.NewUserAsync();
        await AddEntriesAsync(user.UserId, ActivityLog.CountAhead + 30);
        await using var db = fixture.Factory.Database.CreateContext();
        var all = await db.AuditEvents.CountAsync(e => e.UserId == user.UserId);

        var first = await Log.PageAsync(user.UserId, new ActivityFilter(), 0, 25);
        var far = await Log.PageAsync(user.UserId, new ActivityFilter(), ActivityLog.CountAhead - 25, 25);

        Assert.Equal((ActivityLog.CountAhead, true, 25), (first.Total, first.More, first.Entries.Count));
        Assert.False(far.More);
        Assert.Equal(all, far.Total);
        Assert.Equal(25, far.Entries.Count);
        Assert.True(first.Entries[0].At > far.Entries[0].At, "newest first");
    }

    /// <summary>Audit entries for <paramref name="userId"/>, one a second, written straight into the database.</summary>
    private async Task AddEntriesAsync(string userId, int count)
    {
        await using var db = fixture.Factory.Database.CreateContext();
        var now = fixture.Factory.Clock.GetUtcNow().UtcDateTime;
        db.AuditEvents.AddRange(Enumerable.Range(0, count).Select(i => new AuditEvent
        {
            UserId = userId, Action = AuditAction.Copied, At = now.AddSeconds(-i), Ip = "203.0.113.9",
        }));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_removed_token_is_still_named_by_its_description()
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("Short-lived", null, "IDE Plugins"));
        await Tokens.RemoveAsync(user.Actor, [issued.Token.Id], AppFactory.DemoPassword);

        var page = await Log.PageAsync(user.UserId, new ActivityFilter(), 0, 50);

        Assert.All(page.Entries, e => Assert.Equal("Short-lived", e.Token));
        Assert.Equal(["Token removed", "Token generated"], page.Entries.Select(e => e.KindName));
    }

    [Fact]
    public async Task The_csv_holds_the_filtered_rows_without_a_secret_and_defuses_formulas()
    {
        var user = await fixture.NewUserAsync();
        var formula = await user.IssueAsync(new TokenDraft("=HYPERLINK(\"x\",\"y\")", null, "IDE Plugins"));
        await user.IssueAsync(new TokenDraft("plain, with comma", null, "IDE Plugins"));
        await Tokens.EditAsync(user.Actor, formula.Token.Id, new TokenDraft("=HYPERLINK(\"x\",\"y\")", null, "Maven Plugin"), "wrong-password-123");

        var all = await Log.ExportCsvAsync(user.UserId, new ActivityFilter());
        var created = await Log.ExportCsvAsync(user.UserId, new ActivityFilter(Kind: "Created"));

        var lines = all.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Time (UTC),Kind,Token,Client address,Detail", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(",Token generated,\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",", all);
        Assert.Contains(",Token generated,\"plain, with comma\",", all);
        Assert.DoesNotContain("wrong-password-123", all);
        Assert.DoesNotContain(formula.Value, all);
        Assert.DoesNotContain("Password rejected", created);
        Assert.Equal(3, created.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Audit_actions_read_as_words_and_token_actions_say_token()
    {
        Assert.Equal("Token narrowed", ActivityLog.KindName(nameof(AuditAction.Narrowed)));
        Assert.Equal("Locked out", ActivityLog.KindName(nameof(AuditAction.LockedOut)));
        Assert.Equal("Signed in", ActivityLog.KindName(nameof(AuditAction.SignedIn)));
    }

    [Fact]
    public async Task A_narrowing_shows_as_its_own_kind()
    {
        var user = await fixture.NewUserAsync();
        var issued = await user.IssueAsync(new TokenDraft("wide", null, "IDE Plugins"));

        await Tokens.SetMethodsAsync(user.Actor, issued.Token.Id, MethodsChange.Narrow, ["environment.Control.GetEnvs"], AppFactory.DemoPassword);
        var page = await Log.PageAsync(user.UserId, new ActivityFilter(Kind: "Narrowed"), 0, 10);

        var entry = Assert.Single(page.Entries);
        Assert.Equal(("Token narrowed", "wide", "narrowed from 9 to 1 methods"), (entry.KindName, entry.Token, entry.Detail));
        await using var db = await fixture.Factory.Get<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.UserId == user.UserId && e.Action == AuditAction.Narrowed));
    }
}
