using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Accounts;
using TokenDashboard.Data;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Infrastructure;

public static class AppFactoryExtensions
{
    public static T Get<T>(this AppFactory factory) where T : notnull => factory.Services.GetRequiredService<T>();

    /// <summary>The app's own now (its fake clock, or the real one in browser tests), for codes an authenticator app would show then.</summary>
    public static DateTimeOffset Now(this AppFactory factory) => factory.Get<TimeProvider>().GetUtcNow();

    public static async Task<Actor> DemoActorAsync(this AppFactory factory) =>
        new(await factory.UserIdAsync(AppFactory.DemoEmail), "127.0.0.1");

    public static async Task<string> UserIdAsync(this AppFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.FindByEmailAsync(email))?.Id ?? throw new InvalidOperationException($"No user {email}");
    }

    /// <summary>A second account, for isolation tests. Its password is <see cref="AppFactory.DemoPassword"/> too.</summary>
    /// <param name="emailConfirmed">False: an address nobody confirmed (someone registered it and never opened the link).</param>
    public static async Task<Actor> CreateUserAsync(this AppFactory factory, string email, bool emailConfirmed = true)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = emailConfirmed, CreatedAt = DateTime.UtcNow };
        var result = await users.CreateAsync(user, AppFactory.DemoPassword);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return new Actor(user.Id, "127.0.0.2");
    }

    /// <summary>A started app (the first client starts the host, migrations and the demo account).</summary>
    public static AppFactory Started(this AppFactory factory)
    {
        factory.CreateClient().Dispose();
        return factory;
    }
}
