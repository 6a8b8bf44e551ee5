using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Accounts;

public sealed partial class DemoAccountTests
{
    [Fact]
    public async Task Demo_account_is_created_once_across_two_starts_with_its_environments()
    {
        using var database = new TempDatabase();

        await using (var first = new AppFactory(database))
        {
            first.CreateClient();
        }
        await using (var second = new AppFactory(database))
        {
            second.CreateClient();
            // No demo banner the second time (the mail folder's is shown at every start).
            Assert.DoesNotContain("demo account", second.Console.ToString());
            Assert.Contains("written as .eml files to", second.Console.ToString());
        }

        await using var db = database.CreateContext();
        var user = Assert.Single(await db.Users.ToListAsync());
        Assert.Equal(AppFactory.DemoEmail, user.Email);
        Assert.True(user.EmailConfirmed); // the demo account signs in at once, with no mail to open
        var environments = await db.Environments.Where(e => e.UserId == user.Id).OrderBy(e => e.Name).ToListAsync();
        Assert.Equal(["my-project", "shop", "staging"], environments.Select(e => e.Name));
        Assert.All(environments, e => Assert.Equal(EnvironmentStatus.Running, e.Status));
    }

    [Fact]
    public async Task Configured_password_signs_in_and_is_stored_at_identitys_full_hashing_cost()
    {
        // The app's own hashing cost, not the tests' cheaper one.
        await using var factory = new AppFactory { PasswordHashIterations = null };
        factory.CreateClient();

        Assert.True(await PasswordWorksAsync(factory, AppFactory.DemoPassword));
        Assert.DoesNotContain(AppFactory.DemoPassword, factory.Console.ToString());
        // Identity's v3 format: 0x01, the PRF, then the iteration count (big-endian) that verifying must repeat.
        await using var db = factory.Database.CreateContext();
        var hash = Convert.FromBase64String((await db.Users.SingleAsync(u => u.Email == AppFactory.DemoEmail)).PasswordHash!);
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(100_000, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(5, 4)));
    }

    [Fact]
    public async Task Empty_password_is_generated_printed_once_and_works()
    {
        await using var factory = new AppFactory { DemoPasswordSetting = "" };
        factory.CreateClient();

        var printed = PrintedPassword().Match(factory.Console.ToString());
        Assert.True(printed.Success, $"No password in the banner: {factory.Console}");
        Assert.True(printed.Groups[1].Value.Length >= 16);
        Assert.True(await PasswordWorksAsync(factory, printed.Groups[1].Value));
    }

    [Fact]
    public async Task Disabled_demo_account_creates_nothing()
    {
        await using var factory = new AppFactory();
        factory.Settings["DemoAccount:Enabled"] = "false";
        factory.CreateClient();

        await using var db = factory.Database.CreateContext();
        Assert.False(await db.Users.AnyAsync());
    }

    private static async Task<bool> PasswordWorksAsync(AppFactory factory, string password)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(AppFactory.DemoEmail);
        return user is not null && await users.CheckPasswordAsync(user, password);
    }

    [GeneratedRegex(@"Password: (\S+)")]
    private static partial Regex PrintedPassword();
}
