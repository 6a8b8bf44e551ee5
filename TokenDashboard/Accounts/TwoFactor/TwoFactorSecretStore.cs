using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts.TwoFactor;

/// <summary>
/// Identity's user store (with roles: administrators) with the two-factor secrets kept unreadable at rest, in the same user-tokens rows as before:
/// <list type="bullet">
/// <item>the authenticator key encrypted with Data Protection (the app's key ring), so a copy of the users' rows alone
/// cannot compute anyone's codes;</item>
/// <item>unused recovery codes only as salted PBKDF2 hashes — like token values, never the code itself; slow on purpose
/// because a code holds about 50 bits, far fewer than a token's 190, so a plain SHA-256 could be searched offline.</item>
/// </list>
/// Rows written before this (plain text) are still read, and <see cref="TwoFactorSecretsUpgrade"/> rewrites them at start-up.
/// </summary>
internal sealed class TwoFactorSecretStore(AppDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, AppDbContext>(context, describer)
{
    public const string IdentityProvider = "[AspNetUserStore]";
    public const string KeyName = "AuthenticatorKey";
    public const string CodesName = "RecoveryCodes";
    private const string KeyPrefix = "dp1:";
    private const string CodesPrefix = "pbkdf2:";
    private const int Rounds = 20_000;

    private readonly IDataProtector protector = ProtectorOf(protection);

    public static IDataProtector ProtectorOf(IDataProtectionProvider protection) => protection.CreateProtector("TokenDashboard.TwoFactor.AuthenticatorKey");

    public override Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, IdentityProvider, KeyName, ProtectKey(protector, key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, IdentityProvider, KeyName, cancellationToken);
        return stored is not null && stored.StartsWith(KeyPrefix, StringComparison.Ordinal) ? protector.Unprotect(stored[KeyPrefix.Length..]) : stored;
    }

    public override Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, IdentityProvider, CodesName, HashCodes(recoveryCodes), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, IdentityProvider, CodesName, cancellationToken) ?? "";
        if (!stored.StartsWith(CodesPrefix, StringComparison.Ordinal))
        {
            return await base.RedeemCodeAsync(user, code, cancellationToken); // a row from before hashing
        }
        var (salt, hashes) = Parse(stored);
        var typed = Convert.ToBase64String(Hash(salt, code));
        var left = hashes.Where(h => !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(h), Encoding.ASCII.GetBytes(typed))).ToList();
        if (left.Count == hashes.Count)
        {
            return false;
        }
        await SetTokenAsync(user, IdentityProvider, CodesName, Format(salt, left), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(AppUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, IdentityProvider, CodesName, cancellationToken) ?? "";
        return stored.StartsWith(CodesPrefix, StringComparison.Ordinal) ? Parse(stored).Hashes.Count : await base.CountCodesAsync(user, cancellationToken);
    }

    /// <summary>What a key row holds: the key encrypted and marked; an empty key (two-factor off) stays empty.</summary>
    public static string ProtectKey(IDataProtector protector, string key) =>
        string.IsNullOrEmpty(key) || key.StartsWith(KeyPrefix, StringComparison.Ordinal) ? key : KeyPrefix + protector.Protect(key);

    /// <summary>What a codes row holds: a fresh salt and each code's hash (codes as Identity writes them, ';'-separated).</summary>
    public static string HashCodes(IEnumerable<string> codes)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return Format(salt, [.. codes.Where(c => c.Length > 0).Select(c => Convert.ToBase64String(Hash(salt, c)))]);
    }

    public static bool IsPlainKey(string? stored) => !string.IsNullOrEmpty(stored) && !stored.StartsWith(KeyPrefix, StringComparison.Ordinal);

    public static bool IsPlainCodes(string? stored) => !string.IsNullOrEmpty(stored) && !stored.StartsWith(CodesPrefix, StringComparison.Ordinal);

    /// <summary>Codes are compared as issued (upper case, with the dash); TwoFactorService puts a typed one in that form.</summary>
    private static byte[] Hash(byte[] salt, string code) =>
        Rfc2898DeriveBytes.Pbkdf2(code.Trim().ToUpperInvariant(), salt, Rounds, HashAlgorithmName.SHA256, 32);

    private static string Format(byte[] salt, IReadOnlyCollection<string> hashes) =>
        CodesPrefix + Convert.ToBase64String(salt) + ":" + string.Join(";", hashes);

    private static (byte[] Salt, List<string> Hashes) Parse(string stored)
    {
        var body = stored[CodesPrefix.Length..];
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        return (Convert.FromBase64String(body[..colon]), [.. body[(colon + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries)]);
    }
}
