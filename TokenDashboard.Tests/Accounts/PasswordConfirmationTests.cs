using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TokenDashboard.Accounts;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Accounts;

public sealed class PasswordConfirmationTests : IAsyncLifetime
{
    private readonly CountingPasswordHasher hasher = new();
    private readonly AppFactory factory;

    public PasswordConfirmationTests()
    {
        factory = new AppFactory
        {
            TestServices = services =>
            {
                services.RemoveAll<IPasswordHasher<AppUser>>();
                services.AddSingleton<IPasswordHasher<AppUser>>(hasher);
            },
        };
    }

    private static TokenDraft Draft => new("build", null, "ide-plugins");

    [Fact]
    public async Task Wrong_password_changes_nothing_and_is_audited()
    {
        var tokens = factory.Get<TokenService>();
        var demo = await factory.DemoActorAsync();
        var issued = (await tokens.GenerateAsync(demo, Draft, AppFactory.DemoPassword)).Value!;

        var generate = await tokens.GenerateAsync(demo, Draft, "wrong");
        var edit = await tokens.EditAsync(demo, issued.Token.Id, Draft with { Description = "changed" }, "wrong");
        var regenerate = await tokens.RegenerateAsync(demo, issued.Token.Id, "wrong");
        var remove = await tokens.RemoveAsync(demo, [issued.Token.Id], "wrong");

        Assert.All([generate.Error, edit.Error, regenerate.Error, remove.Error], e =>
        {
            Assert.Equal(ErrorKind.WrongPassword, e!.Kind);
            Assert.Equal("password", e.Field);
            Assert.Contains("Nothing was changed", e.Message);
        });
        var only = Assert.Single(await tokens.ListAsync(demo.UserId));
        Assert.Equal("build", only.Description);
        Assert.NotNull((await factory.Get<TokenValidator>().ValidateAsync(issued.Value)).Token);
        await using var db = factory.Database.CreateContext();
        Assert.Equal(4, await db.AuditEvents.CountAsync(e => e.Action == AuditAction.PasswordRejected));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var tokens = factory.Get<TokenService>();
        var demo = await factory.DemoActorAsync();

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(ErrorKind.WrongPassword, (await tokens.GenerateAsync(demo, Draft, $"wrong-{i}")).Error!.Kind);
        }
        var fifth = await tokens.GenerateAsync(demo, Draft, "wrong-5");
        var right = await tokens.GenerateAsync(demo, Draft, AppFactory.DemoPassword);

        Assert.Equal(ErrorKind.LockedOut, fifth.Error!.Kind);
        Assert.Equal(ErrorKind.LockedOut, right.Error!.Kind);
        Assert.NotNull(right.Error.LockedOutUntil);
        Assert.Contains("locked until", right.Error.Message);
        Assert.Empty(await tokens.ListAsync(demo.UserId));
    }

    [Fact]
    public async Task Twenty_parallel_wrong_passwords_run_at_most_five_checks()
    {
        var tokens = factory.Get<TokenService>();
        var demo = await factory.DemoActorAsync();
        hasher.Reset();

        var results = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => tokens.GenerateAsync(demo, Draft, $"wrong-{i}"))));

        Assert.True(hasher.Verifications <= 5, $"{hasher.Verifications} password checks ran");
        // Serialised: four checks say "wrong", the fifth locks, the fifteen queued behind it never reach the hasher.
        Assert.Equal(4, results.Count(r => r.Error!.Kind == ErrorKind.WrongPassword));
        Assert.Equal(16, results.Count(r => r.Error!.Kind == ErrorKind.LockedOut));
        Assert.Equal(ErrorKind.LockedOut, (await tokens.GenerateAsync(demo, Draft, AppFactory.DemoPassword)).Error!.Kind);
    }

    [Fact]
    public async Task Missing_or_huge_password_is_refused_without_a_check()
    {
        var tokens = factory.Get<TokenService>();
        var demo = await factory.DemoActorAsync();
        hasher.Reset();

        var missing = await tokens.GenerateAsync(demo, Draft, null);
        var empty = await tokens.GenerateAsync(demo, Draft, "");
        var huge = await tokens.GenerateAsync(demo, Draft, new string('x', 10_240));

        Assert.All([missing.Error, empty.Error, huge.Error], e => Assert.Equal(ErrorKind.InvalidParameter, e!.Kind));
        Assert.Equal(0, hasher.Verifications);
    }

    [Fact]
    public async Task A_sign_in_older_than_the_last_password_change_cannot_change_tokens()
    {
        var tokens = factory.Get<TokenService>();
        var demo = await factory.DemoActorAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(demo.UserId))!;
        var signedInWith = demo with { SecurityStamp = await users.GetSecurityStampAsync(user) };

        Assert.True((await tokens.GenerateAsync(signedInWith, Draft, AppFactory.DemoPassword)).Succeeded);
        await users.ChangePasswordAsync(user, AppFactory.DemoPassword, "Another-Password-2!");
        var stale = await tokens.GenerateAsync(signedInWith, Draft, "Another-Password-2!");

        Assert.Equal(ErrorKind.SessionExpired, stale.Error!.Kind);
        Assert.Single(await tokens.ListAsync(demo.UserId));
    }

    [Fact]
    public async Task Two_hundred_wrong_passwords_over_an_hour_hit_the_hourly_cap()
    {
        var tokens = factory.Get<TokenService>();
        var demo = await factory.DemoActorAsync();
        var kinds = new List<ErrorKind>();

        for (var i = 0; i < 200; i++)
        {
            if (i > 0)
            {
                factory.Clock.Advance(TimeSpan.FromSeconds(18)); // 200 attempts, 18 s apart: one hour
            }
            kinds.Add((await tokens.GenerateAsync(demo, Draft, $"wrong-{i}")).Error!.Kind);
        }

        // The lockout alone lets at most 5 guesses through per 5 minutes; the cap stops even those after 100 failures.
        var firstCapped = kinds.IndexOf(ErrorKind.TooManyAttempts);
        Assert.Equal(100, firstCapped);
        Assert.All(kinds.Skip(firstCapped), k => Assert.Equal(ErrorKind.TooManyAttempts, k));
        Assert.True(hasher.Verifications <= 100);
        var capped = await tokens.GenerateAsync(demo, Draft, AppFactory.DemoPassword);
        Assert.Equal(ErrorKind.TooManyAttempts, capped.Error!.Kind);
        Assert.NotNull(capped.Error.RetryAfter);
    }

    public Task InitializeAsync()
    {
        factory.Started();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();
}

/// <summary>Identity's own hasher, counting how often a password is actually verified.</summary>
