using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenDashboard.Data;
using TokenDashboard.Platform;

namespace TokenDashboard.Accounts;

/// <summary>
/// On first start with an empty database, creates the demo account and its three running environments.
/// A database that already has any account is left alone, so a second start creates nothing.
/// </summary>
internal sealed class DemoAccountSeeder(
    AppDbContext db,
    UserManager<AppUser> users,
    EnvironmentService environments,
    IOptions<DemoAccountOptions> options,
    ConsoleBanner banner,
    TimeProvider clock,
    ILogger<DemoAccountSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (!demo.Enabled || await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var generated = string.IsNullOrEmpty(demo.Password);
        var password = generated ? GeneratePassword() : demo.Password!;
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new AppUser { UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, CreatedAt = now };

        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"The demo account could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }

        foreach (var name in DemoAccountOptions.EnvironmentNames)
        {
            await environments.CreateAsync(user.Id, name, displayName: null, cancellationToken);
        }

        logger.LogInformation("Created the demo account {Email}", demo.Email);
        banner.Show(
            "TokenDashboard demo account",
            $"Email:    {demo.Email}",
            generated ? $"Password: {password}" : "Password: (as configured in DemoAccount:Password)",
            generated ? "This generated password is shown only this once." : "");
    }

    /// <summary>20 characters that always satisfy Identity's default rules (upper, lower, digit, symbol).</summary>
    private static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var core = RandomNumberGenerator.GetString(alphabet, 16);
        return $"{core[..8]}-{core[8..]}-A7a";
    }
}
