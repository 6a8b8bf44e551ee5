using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Benchmarks.Infrastructure;
using TokenDashboard.Data;
using TokenDashboard.Tokens;

namespace TokenDashboard.Benchmarks.Circuits;

/// <summary>
/// The account whose tabs are opened: an ordinary person's 50 tokens (not the demo account's 1,000), one of them the
/// probe that the token calls use, so that every call is a use the open tabs are told about.
/// </summary>
internal sealed record CircuitsAccount(string Email, string Password, string ProbeToken)
{
    /// <summary>
    /// 50, an ordinary person's; <c>CIRCUITS_TOKENS=1000</c> measures a CI-heavy account instead (its grid renders only
    /// the rows in view).
    /// </summary>
    public static int Tokens { get; } =
        int.TryParse(System.Environment.GetEnvironmentVariable("CIRCUITS_TOKENS"), out var count) && count is > 0 and <= 100_000 ? count : 50;

    /// <summary>The rows a tab of the grid shows at once once loaded: all of a short list; the first screen of a long one.</summary>
    public static int RowsShown => Tokens <= 50 ? Tokens : 10;
    public const string AccountEmail = "circuits@tokendashboard.local";

    /// <summary>Adds the account to <paramref name="store"/> through the app's own services (before the app under test starts).</summary>
    public static async Task<CircuitsAccount> CreateAsync(BenchStore store)
    {
        var probe = TokenFormat.Generate();
        var presets = ApiCatalog.Presets;
        await AddAsync(store, AccountEmail, Enumerable.Range(0, Tokens).Select(i => i == 0
            ? (probe, "circuits probe", "extended-access")
            : (TokenFormat.Generate(), $"script token {i:D2}", presets[i % presets.Count].Key)));
        return new CircuitsAccount(AccountEmail, InProcessApp.DemoPassword, probe);
    }

    /// <summary>
    /// A confirmed account (password <see cref="InProcessApp.DemoPassword"/>) holding <paramref name="tokens"/>, added
    /// to <paramref name="store"/> through the app's own services: the browser parts' one way to set up whom they sign in as.
    /// </summary>
    public static async Task AddAsync(BenchStore store, string email, IEnumerable<(string Value, string Description, string Preset)> tokens)
    {
        await using var app = await InProcessApp.OpenAsync(store.Settings);
        string userId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
            var created = await users.CreateAsync(user, InProcessApp.DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            userId = user.Id;
        }
        await PostgresStore.AddTokensAsync(app, userId, tokens);
    }
}
