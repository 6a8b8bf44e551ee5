using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using TokenDashboard.Accounts;
using TokenDashboard.Accounts.Admin;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Accounts.Admin;

/// <summary>
/// Who may enter the admin area, over a real port: administrators (configured, or granted later) on every admin page
/// and method; everyone else refused — 403 at the page's address, 8 from the API — whatever their token holds.
/// </summary>
public sealed class AdminAccessTests(AdminAppFixture fixture) : IClassFixture<AdminAppFixture>
{
    /// <summary>Every routable page of the admin area, found in the app itself so that a new one is covered too.</summary>
    public static TheoryData<string> AdminPages()
    {
        var data = new TheoryData<string>();
        foreach (var route in typeof(Program).Assembly.GetTypes()
                     .Where(t => t.Namespace?.StartsWith("TokenDashboard.Components.Admin", StringComparison.Ordinal) == true)
                     .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
                     .Select(r => r.Template).Distinct())
        {
            data.Add(route);
        }
        return data;
    }

    private static IEnumerable<ApiMethod> AdminMethods => ApiCatalog.All.Where(m => m.Administrative);

    [Fact]
    public void The_admin_area_has_pages_and_methods_to_guard()
    {
        Assert.Contains("/admin/accounts", ((IEnumerable<object[]>)AdminPages()).Select(row => (string)row[0]));
        Assert.Contains(AdminMethods, m => m.FullName == "admin.Accounts.GetAccounts");
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task A_signed_in_non_administrator_gets_403_on_every_admin_page(string page)
    {
        var user = await fixture.NewUserAsync();
        var browser = await fixture.SignedInAsync(user.Email);

        var response = await browser.GetAsync(page);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Access denied", html);
        Assert.DoesNotContain(AppFactory.DemoEmail, html);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Someone_not_signed_in_is_sent_to_sign_in_from_every_admin_page(string page)
    {
        var response = await fixture.App.NewClient().GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.RedirectTarget());
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task The_administrator_opens_every_admin_page(string page)
    {
        var browser = await fixture.SignedInAsync(AppFactory.DemoEmail);

        var response = await browser.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_top_bar_shows_Admin_only_to_administrators()
    {
        var user = await fixture.NewUserAsync();
        var admin = await fixture.SignedInAsync(AppFactory.DemoEmail);
        var other = await fixture.SignedInAsync(user.Email);

        var adminHome = await admin.GetStringAsync("/");
        var otherHome = await other.GetStringAsync("/");

        Assert.Contains("href=\"/admin\"", adminHome);
        Assert.DoesNotContain("href=\"/admin\"", otherHome);
    }

    [Fact]
    public async Task Every_admin_method_refuses_a_non_administrators_session_and_custom_token_with_8()
    {
        // The token was made while its holder was an administrator (no one else may make one); the role is gone since.
        var user = await fixture.NewUserAsync();
        var admin = await fixture.AdministratorAsync();
        await SetAdministratorAsync(admin, user, AccountAction.GrantAdministrator);
        var token = await user.CustomTokenAsync([.. AdminMethods.Select(m => m.FullName)]);
        await SetAdministratorAsync(admin, user, AccountAction.RevokeAdministrator);
        var session = await user.SessionAsync();
        using var client = fixture.App.NewClient();

        foreach (var method in AdminMethods)
        {
            foreach (var credential in new[] { session, token })
            {
                var answer = await client.PostApiAsync(method.FullName, credential, ("password", AppFactory.DemoPassword));
                Assert.True(answer.Result == ResultCodes.PermissionDenied, $"{method.FullName}: {answer}");
                Assert.Contains("administrators", answer.Error);
            }
        }
    }

    [Fact]
    public async Task An_administrators_session_and_custom_token_may_call_an_admin_method_but_a_preset_token_may_not()
    {
        var admin = await fixture.AdministratorAsync();
        var other = await fixture.NewUserAsync();
        using var client = fixture.App.NewClient();

        var bySession = await client.GetApiAsync("admin.Accounts.GetAccounts", await admin.SessionAsync(), ("search", other.Email));
        var byCustom = await client.GetApiAsync("admin.Accounts.GetAccounts", await admin.CustomTokenAsync("admin.Accounts.GetAccounts"), ("search", other.Email));
        var byPreset = await client.GetApiAsync("admin.Accounts.GetAccounts", await admin.TokenAsync("Extended Access"));

        Assert.Equal(0, bySession.Result);
        Assert.Equal(other.Email, Assert.Single(bySession["accounts"].EnumerateArray()).GetProperty("email").GetString());
        Assert.Equal(0, byCustom.Result);
        Assert.Equal(ResultCodes.PermissionDenied, byPreset.Result);
    }

    [Fact]
    public async Task A_non_administrator_cannot_make_a_token_holding_an_admin_method()
    {
        var user = await fixture.NewUserAsync();
        var tokens = fixture.App.Get<TokenService>();
        var before = await tokens.ListAsync(user.UserId);

        var refused = await tokens.GenerateAsync(user.Actor, new TokenDraft("inventory", null, null, ["environment.Control.GetEnvs", "admin.Tokens.GetTokens"]), AppFactory.DemoPassword);

        Assert.Equal("apiList", refused.Error?.Field);
        Assert.Equal("admin.Tokens.GetTokens is for administrators only, and this account is not one.", refused.Error!.Message);
        Assert.Equal(before.Count, (await tokens.ListAsync(user.UserId)).Count);
        Assert.DoesNotContain((await tokens.PolicyAsync(user.UserId)).Offered, m => m.Administrative);
        Assert.Contains((await tokens.PolicyAsync((await fixture.AdministratorAsync()).UserId)).Offered, m => m.Administrative);
    }

    [Fact]
    public async Task A_stolen_session_of_a_non_administrator_cannot_mint_a_token_holding_an_admin_method_through_the_api()
    {
        var user = await fixture.NewUserAsync();
        using var client = fixture.App.NewClient();

        var answer = await client.PostApiAsync("users.Authentication.CreateToken", await user.SessionAsync(),
            ("description", "inventory"), ("apiList", "admin.Tokens.GetTokens"), ("password", AppFactory.DemoPassword));

        Assert.Equal(ResultCodes.InvalidParameter, answer.Result);
        Assert.Contains("apiList", answer.Body);
        Assert.Empty(await fixture.App.Get<TokenService>().ListAsync(user.UserId));
    }

    private async Task SetAdministratorAsync(ApiUser admin, ApiUser user, AccountAction action)
    {
        var done = await fixture.App.Get<AccountAdministration>().ApplyAsync(admin.Actor, user.UserId, action, AppFactory.DemoPassword);
        Assert.True(done.Succeeded, done.Error?.Message);
    }

    [Fact]
    public void No_preset_holds_an_admin_method()
    {
        foreach (var preset in ApiCatalog.Presets)
        {
            Assert.DoesNotContain(preset.Methods, name => ApiCatalog.Find(name)!.Administrative);
        }
    }

    [Fact]
    public async Task A_configured_email_becomes_an_administrator_at_its_first_sign_in()
    {
        var administrators = fixture.App.Get<Administrators>();
        var late = await fixture.App.CreateUserAsync(AdminAppFixture.LateAdminEmail);
        Assert.False(await administrators.IsAdministratorAsync(late.UserId));

        await fixture.SignedInAsync(AdminAppFixture.LateAdminEmail);

        Assert.True(await administrators.IsAdministratorAsync(late.UserId));
        Assert.True(await administrators.IsAdministratorAsync((await fixture.AdministratorAsync()).UserId));
    }

    [Fact]
    public async Task GetAccounts_refuses_a_bad_page_with_4_naming_the_parameter()
    {
        var admin = await fixture.AdministratorAsync();
        var session = await admin.SessionAsync();
        using var client = fixture.App.NewClient();

        foreach (var (name, value) in new[] { ("take", "0"), ("take", "100000"), ("skip", "-1"), ("skip", "lots"), ("search", new string('a', 300)) })
        {
            var answer = await client.GetApiAsync("admin.Accounts.GetAccounts", session, (name, value));
            Assert.True(answer.Result == ResultCodes.InvalidParameter, $"{name}={value}: {answer}");
            Assert.Equal(name, answer.Parameter);
        }
    }
}
