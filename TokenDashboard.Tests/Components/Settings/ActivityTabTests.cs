using System.Text.RegularExpressions;
using Bunit;
using TokenDashboard.Accounts;
using TokenDashboard.Components.Settings;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Components.Settings;

/// <summary>The Activity tab's pager: an exact count for an ordinary account, "10,000+" for a very busy one.</summary>
public sealed class ActivityTabTests(ApiFixture app) : DashboardComponentTest(app), IClassFixture<ApiFixture>
{
    /// <summary>The pager's "first-last of all" text, wherever MudBlazor puts it.</summary>
    private static string PagerInfo(IRenderedComponent<ContainerFragment> cut) =>
        Regex.Match(cut.Find(".mud-table-pagination").TextContent, @"\d+-\d+ of [\d,]+\+?").Value;

    [Fact]
    public async Task The_pager_counts_an_ordinary_account_exactly()
    {
        await AddEntriesAsync(30);
        var all = await CountAsync();

        var cut = RenderWithProviders<ActivityTab>();

        cut.WaitForAssertion(() => Assert.Equal(25, cut.FindAll("tr.td-activity-row").Count));
        cut.WaitForAssertion(() => Assert.Equal($"1-25 of {all}", PagerInfo(cut)));
    }

    [Fact]
    public async Task The_pager_says_10000_plus_past_the_count_ahead_and_counts_on_as_the_pages_go_on()
    {
        await AddEntriesAsync(ActivityLog.CountAhead + 1);
        var all = await CountAsync();

        var cut = RenderWithProviders<ActivityTab>();

        cut.WaitForAssertion(() => Assert.Equal("1-25 of 10,000+", PagerInfo(cut)));
        Assert.Equal(25, cut.FindAll("tr.td-activity-row").Count);
        var newest = cut.FindAll("tr.td-activity-row")[0].TextContent;
        cut.Find("button[aria-label='Next page']").Click();
        // The count now reaches 10,000 past this page's first row: the whole trail, exactly.
        cut.WaitForAssertion(() => Assert.Equal($"26-50 of {all:N0}", PagerInfo(cut)));
        Assert.NotEqual(newest, cut.FindAll("tr.td-activity-row")[0].TextContent);
    }

    /// <summary>The demo account's audit entries, one a second, written straight into the database.</summary>
    private async Task AddEntriesAsync(int count)
    {
        await using var db = App.Database.CreateContext();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        db.AuditEvents.AddRange(Enumerable.Range(0, count).Select(i => new AuditEvent
        {
            UserId = Demo.UserId, Action = AuditAction.Copied, At = now.AddSeconds(-i), Ip = "203.0.113.9",
        }));
        await db.SaveChangesAsync();
    }

    private async Task<int> CountAsync()
    {
        await using var db = App.Database.CreateContext();
        return db.AuditEvents.Count(e => e.UserId == Demo.UserId);
    }
}
