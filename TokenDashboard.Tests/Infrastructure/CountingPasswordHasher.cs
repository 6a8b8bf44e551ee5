using Microsoft.AspNetCore.Identity;
using TokenDashboard.Data;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>Identity's real hasher, counting how many passwords it checked (one hash each).</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> inner = new();
    private int verifications;

    public int Verifications => Volatile.Read(ref verifications);

    public void Reset() => Interlocked.Exchange(ref verifications, 0);

    public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
