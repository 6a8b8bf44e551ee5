using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Security;

/// <summary>
/// An account whose two-factor secrets an earlier version stored in plain text: its app and its saved recovery codes
/// keep signing in, and the next start rewrites the rows so that neither secret is readable any more.
/// </summary>
public sealed class TwoFactorSecretsUpgradeTests
{
    private const string LegacyCodes = "BCDFG-HJKMN;PQRTV-WXY23;45678-9BCDF";

    [Fact]
    public async Task Plain_text_secrets_of_an_earlier_version_keep_working_and_are_protected_at_the_next_start()
    {
        using var database = new TempDatabase();
        string email, userId, key;
        await using (var before = new KestrelAppFactory(database: database))
        {
            email = $"legacy-{Guid.NewGuid():N}@example.com";
            userId = (await before.CreateUserAsync(email)).UserId;
            (key, _) = await new ApiUser(before, new(userId, "127.0.0.1"), email).EnableTwoFactorAsync();
            await WriteLegacyRowsAsync(database, userId, key.Replace(" ", "").ToUpperInvariant());

            // Read as they are: the app's code and a saved code sign in.
            var (_, withApp) = await TwoFactorSignInFormTests.SignInWithCodeAsync(before, email, Totp.Code(key, before.Now().AddSeconds(30)));
            var (_, withRecovery) = await TwoFactorSignInFormTests.SignInWithCodeAsync(before, email, "BCDFG-HJKMN", recovery: true);
            Assert.Equal(HttpStatusCode.Redirect, withApp.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, withRecovery.StatusCode);
        }

        await using var after = new KestrelAppFactory(database: database);
        after.Start();

        await using (var db = database.CreateContext())
        {
            var stored = string.Join("\n", await db.UserTokens.Where(t => t.UserId == userId).Select(t => t.Value).ToListAsync());
            Assert.DoesNotContain(key.Replace(" ", "").ToUpperInvariant()[..8], stored);
            Assert.DoesNotContain("PQRTV-WXY23", stored);
            Assert.DoesNotContain("BCDFG-HJKMN", stored);
        }
        after.Clock.Advance(TimeSpan.FromMinutes(2));
        var (_, appAfter) = await TwoFactorSignInFormTests.SignInWithCodeAsync(after, email, Totp.Code(key, after.Now()));
        var (_, savedAfter) = await TwoFactorSignInFormTests.SignInWithCodeAsync(after, email, "PQRTV-WXY23", recovery: true);
        var (_, usedAfter) = await TwoFactorSignInFormTests.SignInWithCodeAsync(after, email, "BCDFG-HJKMN", recovery: true);
        Assert.Equal(HttpStatusCode.Redirect, appAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, savedAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, usedAfter.StatusCode);
    }

    /// <summary>What the rows looked like before: the base32 key and the codes as issued, separated by ';'.</summary>
    private static async Task WriteLegacyRowsAsync(TempDatabase database, string userId, string plainKey)
    {
        await using var db = database.CreateContext();
        var rows = db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == "[AspNetUserStore]");
        Assert.Equal(1, await rows.Where(t => t.Name == "AuthenticatorKey").ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, plainKey)));
        Assert.Equal(1, await rows.Where(t => t.Name == "RecoveryCodes").ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, LegacyCodes)));
    }
}
