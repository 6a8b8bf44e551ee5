using TokenDashboard.Accounts;
using TokenDashboard.Accounts.Admin;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Accounts.Admin;

/// <summary>
/// An administrator's actions on accounts, over a real port: each needs the administrator's password, tells the
/// owner (Activity and mail) and lands in the admin trail; disabling refuses the account's tokens, sessions and
/// sign-in with 702 at once; the last administrator is protected. The demo account is the only administrator here
/// between tests (a test that grants the role takes it back).
/// </summary>
public sealed class AccountAdministrationTests(AdminAppFixture fixture) : IClassFixture<AdminAppFixture>
{
    private AccountAdministration Administration => fixture.App.Get<AccountAdministration>();

    private async Task<ApiAnswer> SetAccountAsync(HttpClient client, string session, ApiUser target, string action, string password = AppFactory.DemoPassword) =>
        await client.PostApiAsync("admin.Accounts.SetAccount", session,
            ("uid", (await fixture.App.Get<AccountDirectory>().GetByIdAsync(target.UserId))!.Uid.ToString()), ("action", action), ("password", password));

    [Fact]
    public async Task Disabling_refuses_the_accounts_token_session_and_sign_in_with_702_at_once_and_enabling_restores_the_token()
    {
        var admin = await fixture.AdministratorAsync();
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync();
        var userSession = await user.SessionAsync();
        using var client = fixture.App.NewClient();
        Assert.Equal(0, (await client.GetApiAsync("environment.Control.GetEnvs", token)).Result);

        var disabled = await SetAccountAsync(client, await admin.SessionAsync(), user, "Disable");

        Assert.Equal(0, disabled.Result);
        var byToken = await client.GetApiAsync("environment.Control.GetEnvs", token);
        Assert.Equal(ResultCodes.NotAuthenticated, byToken.Result);
        Assert.Contains("disabled", byToken.Error);
        Assert.Equal(ResultCodes.NotAuthenticated, (await client.GetApiAsync("environment.Control.GetEnvs", userSession)).Result);
        var signin = await client.PostApiAsync("users.Authentication.Signin", null, ("login", user.Email), ("password", AppFactory.DemoPassword));
        Assert.Equal(ResultCodes.NotAuthenticated, signin.Result);
        var form = await fixture.App.NewClient().PostSignInAsync(user.Email, AppFactory.DemoPassword);
        Assert.NotEqual(System.Net.HttpStatusCode.Redirect, form.StatusCode);
        Assert.Contains("disabled", await form.Content.ReadAsStringAsync());

        var enabled = await SetAccountAsync(client, await admin.SessionAsync(), user, "Enable");

        Assert.Equal(0, enabled.Result);
        Assert.Equal(0, (await client.GetApiAsync("environment.Control.GetEnvs", token)).Result);
    }

    [Fact]
    public async Task Each_action_is_in_the_owners_activity_by_an_administrator_from_the_address_in_the_admin_trail_and_mailed()
    {
        var admin = await fixture.AdministratorAsync();
        var user = await fixture.NewUserAsync();
        await user.SessionAsync();

        var signedOut = await Administration.ApplyAsync(admin.Actor with { Ip = "198.51.100.9" }, user.UserId, AccountAction.SignOutEverywhere, AppFactory.DemoPassword);

        Assert.True(signedOut.Value);
        var owners = await fixture.App.Get<ActivityLog>().PageAsync(user.UserId, new ActivityFilter(nameof(TokenDashboard.Data.AuditAction.SignedOutByAdministrator)), 0, 10);
        Assert.Equal("by an administrator from 198.51.100.9", Assert.Single(owners.Entries).Detail);
        var trail = await fixture.App.Get<ActivityLog>().PageAsync(admin.UserId, new ActivityFilter(nameof(TokenDashboard.Data.AuditAction.AdministratorAction)), 0, 50);
        Assert.Contains(trail.Entries, e => e.Detail == $"Signed out everywhere {user.Email}");
        Assert.Contains(fixture.App.MailsTo(user.Email), m => m.Text.Contains("signed out everywhere", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(await fixture.App.Get<ApiSessionStore>().ListAsync(user.UserId));
    }

    [Fact]
    public async Task A_wrong_administrator_password_changes_nothing()
    {
        var admin = await fixture.AdministratorAsync();
        var user = await fixture.NewUserAsync();
        var token = await user.TokenAsync();
        using var client = fixture.App.NewClient();

        var refused = await SetAccountAsync(client, await admin.SessionAsync(), user, "Disable", "Wrong-Password-1!");

        Assert.Equal(ResultCodes.WrongPassword, refused.Result);
        Assert.Equal(0, (await client.GetApiAsync("environment.Control.GetEnvs", token)).Result);
    }

    [Fact]
    public async Task A_non_administrator_cannot_act_on_an_account_even_through_the_service()
    {
        var user = await fixture.NewUserAsync();
        var victim = await fixture.NewUserAsync();
        var victimToken = await victim.TokenAsync();

        var refused = await Administration.ApplyAsync(user.Actor, victim.UserId, AccountAction.Disable, AppFactory.DemoPassword);

        Assert.Equal(ErrorKind.NotAdministrator, refused.Error?.Kind);
        using var client = fixture.App.NewClient();
        Assert.Equal(0, (await client.GetApiAsync("environment.Control.GetEnvs", victimToken)).Result);
    }

    [Fact]
    public async Task The_last_administrator_can_be_neither_disabled_nor_demoted_but_can_once_there_is_another()
    {
        var admin = await fixture.AdministratorAsync();
        var other = await fixture.NewUserAsync();
        using var client = fixture.App.NewClient();
        var session = await admin.SessionAsync();

        foreach (var action in new[] { "Disable", "RevokeAdministrator" })
        {
            var refused = await SetAccountAsync(client, session, admin, action);
            Assert.True(refused.Result == ResultCodes.InvalidParameter, refused.ToString());
            Assert.Contains("last administrator", refused.Error);
        }
        Assert.True(await fixture.App.Get<Administrators>().IsAdministratorAsync(admin.UserId));

        Assert.Equal(0, (await SetAccountAsync(client, session, other, "GrantAdministrator")).Result);
        Assert.True(await fixture.App.Get<Administrators>().IsAdministratorAsync(other.UserId));
        // Now the demo account is not the last; the other one steps down again, leaving the demo account the only one.
        var otherSession = await other.SessionAsync();
        Assert.Equal(0, (await client.GetApiAsync("admin.Accounts.GetAccounts", otherSession)).Result);
        Assert.Equal(0, (await SetAccountAsync(client, session, other, "RevokeAdministrator")).Result);
        Assert.Equal(ResultCodes.PermissionDenied, (await client.GetApiAsync("admin.Accounts.GetAccounts", otherSession)).Result);
    }

    [Fact]
    public async Task Unlock_ends_a_lockout_and_reset_two_factor_turns_it_off()
    {
        var admin = await fixture.AdministratorAsync();
        var user = await fixture.NewUserAsync();
        await user.EnableTwoFactorAsync();
        var passwords = fixture.App.Get<PasswordConfirmation>();
        for (var i = 0; i < 5; i++)
        {
            await passwords.ConfirmAsync(user.Actor, "Wrong-Password-1!");
        }
        Assert.NotNull(Assert.Single((await fixture.App.Get<AccountList>().ListAsync(admin.Actor, user.Email)).Value!.Accounts).LockedOutUntil);

        Assert.True((await Administration.ApplyAsync(admin.Actor, user.UserId, AccountAction.Unlock, AppFactory.DemoPassword)).Value);
        Assert.True((await Administration.ApplyAsync(admin.Actor, user.UserId, AccountAction.ResetTwoFactor, AppFactory.DemoPassword)).Value);

        var row = Assert.Single((await fixture.App.Get<AccountList>().ListAsync(admin.Actor, user.Email)).Value!.Accounts);
        Assert.Null(row.LockedOutUntil);
        Assert.False(row.TwoFactorEnabled);
        Assert.Null(await passwords.ConfirmAsync(user.Actor, AppFactory.DemoPassword));
    }

    [Fact]
    public async Task Bad_input_is_result_4_naming_the_parameter()
    {
        var admin = await fixture.AdministratorAsync();
        using var client = fixture.App.NewClient();
        var session = await admin.SessionAsync();

        var noAccount = await client.PostApiAsync("admin.Accounts.SetAccount", session, ("uid", "999999"), ("action", "Disable"), ("password", AppFactory.DemoPassword));
        var badAction = await client.PostApiAsync("admin.Accounts.SetAccount", session, ("uid", "1"), ("action", "Explode"), ("password", AppFactory.DemoPassword));
        var badUid = await client.PostApiAsync("admin.Accounts.SetAccount", session, ("uid", "x"), ("action", "Disable"), ("password", AppFactory.DemoPassword));

        Assert.Equal((ResultCodes.InvalidParameter, "account"), (noAccount.Result, noAccount.Parameter));
        Assert.Equal((ResultCodes.InvalidParameter, "action"), (badAction.Result, badAction.Parameter));
        Assert.Equal((ResultCodes.InvalidParameter, "uid"), (badUid.Result, badUid.Parameter));
    }
}
