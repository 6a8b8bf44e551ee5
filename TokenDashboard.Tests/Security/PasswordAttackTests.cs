using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Security;

/// <summary>
/// The password attacks of a hostile tester, replayed over a real Kestrel port with real Identity: change password as
/// an oracle, parallel sign-in forms, the form and API Signin mixed, and a burst spread over two app instances that
/// share one database. Every path that checks a password is one guarded path: at most 5 checks per burst, audited.
/// </summary>
public sealed class PasswordAttackTests : IAsyncLifetime
{
    private const string Signin = "users.Authentication.Signin";
    private readonly CountingPasswordHasher hasher = new();
    private readonly KestrelAppFactory app;

    public PasswordAttackTests()
    {
        app = NewInstance(new TempDatabase());
    }

    private KestrelAppFactory? second;

    private KestrelAppFactory NewInstance(TempDatabase database) =>
        new(database: database)
        {
            TestServices = services =>
            {
                services.RemoveAll<IPasswordHasher<AppUser>>();
                services.AddSingleton<IPasswordHasher<AppUser>>(hasher);
            },
        };

    [Fact]
    public async Task Change_password_is_a_confirmation_with_the_lockout_the_audit_and_serialisation()
    {
        var browser = app.NewClient();
        await browser.PostSignInAsync(AppFactory.DemoEmail, AppFactory.DemoPassword);
        // Each attempt posts its own form (its own antiforgery token), all at once.
        var forms = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => ChangePasswordFormAsync(browser, $"wrong-{i}")));
        hasher.Reset();

        var answers = await Task.WhenAll(forms.Select(post => post()));
        var right = await (await ChangePasswordFormAsync(browser, AppFactory.DemoPassword))();

        Assert.True(hasher.Verifications <= 5, $"{hasher.Verifications} password checks ran");
        var pages = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        Assert.Equal(4, pages.Count(p => p.Contains("Wrong password. Nothing was changed.")));
        Assert.Equal(8, pages.Count(p => p.Contains("locked until")));
        Assert.Contains("locked until", await right.Content.ReadAsStringAsync());
        Assert.True(await PasswordIsAsync(AppFactory.DemoPassword), "the password was changed");
        var user = await UserAsync(AppFactory.DemoEmail);
        Assert.NotNull(user.LockoutEnd);
        await using var db = app.Database.CreateContext();
        Assert.Equal(4, await db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Action == AuditAction.PasswordRejected));
        Assert.Equal(9, await db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Action == AuditAction.LockedOut));
    }

    [Fact]
    public async Task Change_password_counts_toward_the_hourly_cap_of_confirmations()
    {
        app.Settings["Security:FailedPasswordsPerHour"] = "3";
        var browser = app.NewClient();
        await browser.PostSignInAsync(AppFactory.DemoEmail, AppFactory.DemoPassword);

        for (var i = 0; i < 3; i++)
        {
            await (await ChangePasswordFormAsync(browser, $"wrong-{i}"))();
        }
        var capped = await (await ChangePasswordFormAsync(browser, AppFactory.DemoPassword))();

        Assert.Contains("Too many failed password confirmations", await capped.Content.ReadAsStringAsync());
        Assert.True(await PasswordIsAsync(AppFactory.DemoPassword));
    }

    [Fact]
    public async Task Sixteen_parallel_sign_in_forms_run_at_most_five_checks_and_are_audited()
    {
        app.Settings["Security:SignInFailuresPerAccount"] = "100"; // the back-off is not what this test is about
        var forms = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => SignInFormAsync(app.NewClient(), AppFactory.DemoEmail, $"wrong-{i}")));
        hasher.Reset();

        var answers = await Task.WhenAll(forms.Select(post => post()));

        Assert.True(hasher.Verifications <= 5, $"{hasher.Verifications} password checks ran");
        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(12, answers.Count(a => a.StatusCode == HttpStatusCode.Redirect && a.RedirectTarget().StartsWith("/Account/Lockout")));
        var right = await SignInFormAsync(app.NewClient(), AppFactory.DemoEmail, AppFactory.DemoPassword);
        Assert.StartsWith("/Account/Lockout", (await right()).RedirectTarget());
        var user = await UserAsync(AppFactory.DemoEmail);
        await using var db = app.Database.CreateContext();
        Assert.Equal(4, await db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Action == AuditAction.SignInRejected));
        Assert.Equal(13, await db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Action == AuditAction.SignInLockedOut));
    }

    [Fact]
    public async Task The_right_password_inside_a_burst_of_wrong_ones_never_leaves_the_account_unlocked()
    {
        var forms = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(i => SignInFormAsync(app.NewClient(), AppFactory.DemoEmail, i == 8 ? AppFactory.DemoPassword : $"wrong-{i}")));
        hasher.Reset();

        await Task.WhenAll(forms.Select(post => post()));

        // Wherever the right one fell, at least 11 wrong ones came after it: the account ends locked.
        Assert.True(hasher.Verifications <= 10, $"{hasher.Verifications} password checks ran");
        Assert.True(await IsLockedOutAsync());
    }

    [Fact]
    public async Task Sign_in_forms_and_api_signins_mixed_run_at_most_five_checks()
    {
        var forms = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => SignInFormAsync(app.NewClient(), AppFactory.DemoEmail, $"form-{i}")));
        var api = app.NewClient();
        hasher.Reset();

        var formAnswers = forms.Select(post => post());
        var apiAnswers = Enumerable.Range(0, 10).Select(i => api.PostApiAsync(Signin, null, ("login", AppFactory.DemoEmail), ("password", $"api-{i}")));
        await Task.WhenAll([.. formAnswers, .. apiAnswers]);

        Assert.True(hasher.Verifications <= 5, $"{hasher.Verifications} password checks ran");
        Assert.True(await IsLockedOutAsync());
    }

    [Fact]
    public async Task Twenty_parallel_wrong_passwords_over_two_instances_sharing_the_database_run_at_most_five_checks()
    {
        app.Settings["Security:SignInFailuresPerAccount"] = "100";
        second = NewInstance(app.Database);
        second.Settings["Security:SignInFailuresPerAccount"] = "100";
        var clients = new[] { app.NewClient(), second.NewClient() };
        hasher.Reset();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => clients[i % 2].PostApiAsync(Signin, null, ("login", AppFactory.DemoEmail), ("password", $"wrong-{i}"))));

        Assert.True(hasher.Verifications <= 5, $"{hasher.Verifications} password checks ran");
        Assert.Equal(4, answers.Count(a => a.Result == 20));
        Assert.Equal(16, answers.Count(a => a.Result == 21));
    }

    [Fact]
    public async Task A_stranger_knowing_only_the_email_cannot_use_up_the_owners_hourly_confirmations()
    {
        var owner = app.NewClient();
        var session = (await owner.PostApiAsync(Signin, null, ("login", AppFactory.DemoEmail), ("password", AppFactory.DemoPassword)))["session"].GetString()!;
        var stranger = app.NewClient();

        var attack = new List<ApiAnswer>();
        for (var i = 0; i < 100; i++)
        {
            attack.Add(await stranger.PostApiAsync(Signin, null, ("login", AppFactory.DemoEmail), ("password", $"guess-{i}")));
        }

        // The stranger locks the sign-in for 5 minutes (Identity's lockout), then is told to back off, briefly.
        Assert.Equal([20, 20, 20, 20, 21], attack.Take(5).Select(a => a.Result));
        var backOff = attack.First(a => a.Result == 22);
        Assert.Equal(HttpStatusCode.TooManyRequests, backOff.Response.StatusCode);
        Assert.InRange(int.Parse(backOff.Response.Headers.RetryAfter!.ToString()), 1, 300);
        Assert.All(attack.SkipWhile(a => a.Result != 22), a => Assert.Equal(22, a.Result));
        Assert.True(hasher.Verifications <= 6, $"{hasher.Verifications} password checks ran");

        // Once the lockout is over, the owner's correctly confirmed change goes through: no hourly cap was spent.
        // (Identity's lockout runs on the system clock: end it as 6 minutes would, and move the app's clock with it.)
        await EndLockoutAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var created = await owner.PostApiAsync("users.Authentication.CreateToken", session,
            ("description", "after the attack"), ("tokenTemplate", "IDE Plugins"), ("password", AppFactory.DemoPassword));
        Assert.Equal(0, created.Result);
        Assert.Equal(0, (await stranger.PostApiAsync(Signin, null, ("login", AppFactory.DemoEmail), ("password", AppFactory.DemoPassword))).Result);
    }

    [Fact]
    public async Task The_sign_in_back_off_per_client_address_covers_every_login_tried()
    {
        app.Settings["Security:SignInFailuresPerAddress"] = "6";
        var stranger = app.NewClient();

        var answers = new List<ApiAnswer>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await stranger.PostApiAsync(Signin, null, ("login", $"someone-{i}@example.com"), ("password", "guess")));
        }

        Assert.Equal([20, 20, 20, 20, 20, 20, 22, 22], answers.Select(a => a.Result));
        Assert.Contains("from your address", answers[^1].Error);
        var form = await (await SignInFormAsync(app.NewClient(), AppFactory.DemoEmail, AppFactory.DemoPassword))();
        Assert.Contains("Too many failed sign-ins from your address", await form.Content.ReadAsStringAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(0, (await stranger.PostApiAsync(Signin, null, ("login", AppFactory.DemoEmail), ("password", AppFactory.DemoPassword))).Result);
    }

    [Fact]
    public async Task An_unknown_login_costs_one_hash_check_and_answers_exactly_like_a_known_one_over_the_api()
    {
        var client = app.NewClient();
        var known = new List<ApiAnswer>();
        var unknown = new List<ApiAnswer>();
        var checks = new List<int>();

        for (var i = 0; i < 7; i++)
        {
            hasher.Reset();
            known.Add(await client.PostApiAsync(Signin, null, ("login", AppFactory.DemoEmail), ("password", $"wrong-{i}")));
            var knownChecks = hasher.Verifications;
            hasher.Reset();
            unknown.Add(await client.PostApiAsync(Signin, null, ("login", "nobody@example.com"), ("password", $"wrong-{i}")));
            Assert.Equal(knownChecks, hasher.Verifications);
            checks.Add(knownChecks);
        }

        Assert.Equal([1, 1, 1, 1, 1, 0, 0], checks);
        Assert.Equal([20, 20, 20, 20, 21, 21, 21], known.Select(a => a.Result));
        Assert.Equal(known.Select(Shape), unknown.Select(Shape));
        Assert.All(unknown.Where(a => a.Result == 21), a => Assert.True(a.Json.TryGetProperty("lockedOutUntil", out _)));
    }

    [Fact]
    public async Task An_unknown_login_answers_exactly_like_a_known_one_on_the_sign_in_form()
    {
        var known = new List<string>();
        var unknown = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            hasher.Reset();
            known.Add(Describe(await (await SignInFormAsync(app.NewClient(), AppFactory.DemoEmail, $"wrong-{i}"))()));
            var knownChecks = hasher.Verifications;
            hasher.Reset();
            unknown.Add(Describe(await (await SignInFormAsync(app.NewClient(), "nobody@example.com", $"wrong-{i}"))()));
            Assert.Equal(knownChecks, hasher.Verifications);
        }

        Assert.Equal(["200", "200", "200", "200", "/Account/Lockout", "/Account/Lockout"], known);
        Assert.Equal(known, unknown);
    }

    /// <summary>An answer without the moment it names (a lockout's end differs by the seconds between the two calls).</summary>
    private static string Shape(ApiAnswer answer) =>
        $"{answer.Result} {System.Text.RegularExpressions.Regex.Replace(answer.Error ?? "", "[0-9]", "#")} {answer.Json.TryGetProperty("lockedOutUntil", out _)}";

    private static string Describe(HttpResponseMessage answer) =>
        answer.StatusCode == HttpStatusCode.Redirect ? answer.RedirectTarget().Split('?')[0] : ((int)answer.StatusCode).ToString();

    /// <summary>GETs the sign-in form now; the returned function posts it (so many posts can leave at once).</summary>
    private static async Task<Func<Task<HttpResponseMessage>>> SignInFormAsync(HttpClient client, string email, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/Account/Login");
        return () => client.PostAsync("/Account/Login", Form(token, "login", new() { ["Input.Email"] = email, ["Input.Password"] = password }));
    }

    private static async Task<Func<Task<HttpResponseMessage>>> ChangePasswordFormAsync(HttpClient client, string current)
    {
        var token = await AntiforgeryTokenAsync(client, "/Account/Manage/ChangePassword");
        return () => client.PostAsync("/Account/Manage/ChangePassword", Form(token, "change-password", new()
        {
            ["Input.OldPassword"] = current,
            ["Input.NewPassword"] = "Brand-New-Password-9!",
            ["Input.ConfirmPassword"] = "Brand-New-Password-9!",
        }));
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var page = await client.GetStringAsync(path);
        return WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
    }

    private static FormUrlEncodedContent Form(string token, string handler, Dictionary<string, string> fields) =>
        new(new Dictionary<string, string>(fields) { ["_handler"] = handler, ["__RequestVerificationToken"] = token });

    private async Task<bool> PasswordIsAsync(string password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(AppFactory.DemoEmail))!, password);
    }

    private async Task EndLockoutAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True((await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(AppFactory.DemoEmail))!, null)).Succeeded);
    }

    private async Task<bool> IsLockedOutAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.IsLockedOutAsync((await users.FindByEmailAsync(AppFactory.DemoEmail))!);
    }

    private async Task<AppUser> UserAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (second is not null)
        {
            await second.DisposeAsync();
        }
        await app.DisposeAsync();
        app.Database.Dispose();
    }
}
