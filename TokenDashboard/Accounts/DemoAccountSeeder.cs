using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>What a new demo account starts with besides itself; a part with demo content (environments) registers one.</summary>
internal interface IDemoAccountContent
{
    Task AddToAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>
/// A start-up step registered after the database's: on first start with an empty database, creates the demo account
/// and then its content. A database that already has any account is left alone, so a second start creates nothing.
/// </summary>
internal sealed class DemoAccountSeeder(
    IServiceScopeFactory scopes,
    IEnumerable<IDemoAccountContent> contents,
    IOptions<DemoAccountOptions> options,
    ConsoleBanner banner,
    TimeProvider clock,
    ILogger<DemoAccountSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (!demo.Enabled)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var generated = string.IsNullOrEmpty(demo.Password);
        var password = generated ? GeneratePassword() : demo.Password!;
        var now = clock.GetUtcNow().UtcDateTime;
        var user = new AppUser { UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, CreatedAt = now };

        var result = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"The demo account could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
        foreach (var content in contents)
        {
            await content.AddToAsync(user.Id, cancellationToken);
        }

        logger.LogInformation("Created the demo account {Email}", demo.Email);
        banner.Show(
            "TokenDashboard demo account",
            $"Email:    {demo.Email}",
            generated ? $"Password: {password}" : "Password: (as configured in DemoAccount:Password)",
            generated ? "This generated password is shown only this once." : "");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>20 characters that always satisfy Identity's default rules (upper, lower, digit, symbol).</summary>
    private static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var core = RandomNumberGenerator.GetString(alphabet, 16);
        return $"{core[..8]}-{core[8..]}-A7a";
    }
}
