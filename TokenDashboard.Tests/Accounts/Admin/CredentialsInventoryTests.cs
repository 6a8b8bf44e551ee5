using TokenDashboard.Accounts;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Admin;

namespace TokenDashboard.Tests.Accounts.Admin;

/// <summary>
/// The credentials inventory over a real port: another account's token listed (never its value), revoked with the
/// administrator's password (the owner told), and bad revocations refused whole with 4 naming ids.
/// </summary>
public sealed class CredentialsInventoryTests(AdminAppFixture fixture) : IClassFixture<AdminAppFixture>
{
    [Fact]
    public async Task The_inventory_lists_another_accounts_token_without_its_value_and_revoking_it_tells_the_owner()
    {
        var admin = await fixture.AdministratorAsync();
        var owner = await fixture.NewUserAsync();
        var issued = await owner.IssueAsync(new TokenDraft("CI deploy", null, "IDE Plugins"));
        using var client = fixture.App.NewClient();
        var session = await admin.SessionAsync();

        var listed = await client.GetApiAsync("admin.Tokens.GetTokens", session, ("owner", owner.Email));

        Assert.Equal(0, listed.Result);
        var row = Assert.Single(listed["tokens"].EnumerateArray());
        Assert.Equal(owner.Email, row.GetProperty("owner").GetString());
        Assert.Equal("CI deploy", row.GetProperty("description").GetString());
        Assert.Equal(issued.Value[^4..], row.GetProperty("hint").GetString());
        Assert.Equal("IDE Plugins", row.GetProperty("tokenTemplate").GetString());
        Assert.DoesNotContain(issued.Value, listed.Body);
        Assert.DoesNotContain("\"key\"", listed.Body);

        var revoked = await client.PostApiAsync("admin.Tokens.RevokeTokens", session, ("ids", row.GetProperty("id").GetInt32().ToString()), ("password", AppFactory.DemoPassword));

        Assert.Equal(0, revoked.Result);
        Assert.Equal(1, revoked["revoked"].GetInt32());
        Assert.Equal(ResultCodes.NotAuthenticated, (await client.GetApiAsync("environment.Control.GetEnvs", issued.Value)).Result);
        var activity = await fixture.App.Get<ActivityLog>().PageAsync(owner.UserId, new ActivityFilter(nameof(AuditAction.RevokedByAdministrator)), 0, 10);
        var entry = Assert.Single(activity.Entries);
        Assert.Equal("CI deploy", entry.Token);
        Assert.StartsWith("by an administrator from", entry.Detail);
        Assert.Contains(fixture.App.MailsTo(owner.Email), m => m.Text.Contains("CI deploy"));
    }

    [Fact]
    public async Task Filters_find_expired_never_expiring_and_unused_tokens()
    {
        var admin = await fixture.AdministratorAsync();
        var owner = await fixture.NewUserAsync();
        await owner.IssueAsync(new TokenDraft("forever", null, "IDE Plugins"));
        await owner.IssueAsync(new TokenDraft("soon", DateOnly.FromDateTime(fixture.App.Now().UtcDateTime).AddDays(3), "IDE Plugins"));
        using var client = fixture.App.NewClient();
        var session = await admin.SessionAsync();

        async Task<string[]> Names(params (string, string)[] filter) =>
            [.. (await client.GetApiAsync("admin.Tokens.GetTokens", session, [("owner", owner.Email), .. filter]))["tokens"]
                .EnumerateArray().Select(t => t.GetProperty("description").GetString()!).Order()];

        Assert.Equal(["forever"], await Names(("neverExpires", "true")));
        Assert.Equal(["soon"], await Names(("expiringDays", "7")));
        Assert.Equal(["forever", "soon"], await Names(("unusedDays", "1")));
        Assert.Empty(await Names(("expired", "true")));
    }

    [Fact]
    public async Task Pages_are_ordered_case_insensitively_never_expiring_last_and_count_every_match()
    {
        var admin = await fixture.AdministratorAsync();
        var owner = await fixture.NewUserAsync();
        var today = DateOnly.FromDateTime(fixture.App.Now().UtcDateTime);
        await owner.IssueAsync(new TokenDraft("beta", today.AddDays(20), "IDE Plugins"));
        await owner.IssueAsync(new TokenDraft("Alpha", null, "IDE Plugins"));
        await owner.IssueAsync(new TokenDraft("gamma", today.AddDays(5), "IDE Plugins"));
        var inventory = fixture.App.Get<TokenInventory>();
        var mine = new InventoryFilter(Owner: owner.Email);

        async Task<string> PageAsync(InventorySort sort, bool descending = false, int skip = 0, int take = 50)
        {
            var page = await inventory.ListAsync(admin.Actor, mine, sort, descending, skip, take);
            Assert.True(page.Succeeded, page.Error?.Message);
            return $"{string.Join(", ", page.Value!.Tokens.Select(t => t.Description))} of {page.Value.Total}";
        }

        Assert.Equal("Alpha, beta, gamma of 3", await PageAsync(InventorySort.Description));
        Assert.Equal("gamma, beta, Alpha of 3", await PageAsync(InventorySort.Description, descending: true));
        Assert.Equal("gamma, beta, Alpha of 3", await PageAsync(InventorySort.Expires));
        Assert.Equal("Alpha, beta, gamma of 3", await PageAsync(InventorySort.Expires, descending: true));
        Assert.Equal("beta of 3", await PageAsync(InventorySort.Description, skip: 1, take: 1));
        Assert.Equal("beta, Alpha of 3", await PageAsync(InventorySort.Created, skip: 0, take: 2)); // made in one second: in the order made
        Assert.Equal("beta, Alpha, gamma of 3", await PageAsync(InventorySort.Methods)); // equal counts: in the order made
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("999999")]
    [InlineData("x")]
    public async Task A_bad_revocation_is_refused_whole_with_4_naming_ids(string ids)
    {
        var admin = await fixture.AdministratorAsync();
        var owner = await fixture.NewUserAsync();
        var token = await owner.TokenAsync();
        var id = (await fixture.App.Get<TokenService>().ListAsync(owner.UserId)).Single().Id;
        using var client = fixture.App.NewClient();

        var refused = await client.PostApiAsync("admin.Tokens.RevokeTokens", await admin.SessionAsync(),
            ("ids", ids.Length == 0 ? "" : $"{id},{ids}"), ("password", AppFactory.DemoPassword));

        Assert.Equal((ResultCodes.InvalidParameter, "ids"), (refused.Result, refused.Parameter));
        Assert.Equal(0, (await client.GetApiAsync("environment.Control.GetEnvs", token)).Result);
    }

    [Fact]
    public async Task Ten_thousand_ids_are_refused_whole_with_4_naming_ids()
    {
        var admin = await fixture.AdministratorAsync();
        var owner = await fixture.NewUserAsync();
        var token = await owner.TokenAsync();
        var id = (await fixture.App.Get<TokenService>().ListAsync(owner.UserId)).Single().Id;
        using var client = fixture.App.NewClient();

        var refused = await client.PostApiAsync("admin.Tokens.RevokeTokens", await admin.SessionAsync(),
            ("ids", string.Join(",", Enumerable.Range(id, 10_000))), ("password", AppFactory.DemoPassword));

        Assert.Equal((ResultCodes.InvalidParameter, "ids"), (refused.Result, refused.Parameter));
        Assert.Equal(0, (await client.GetApiAsync("environment.Control.GetEnvs", token)).Result);
    }
}
