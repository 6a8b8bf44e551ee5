using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>An account as the Account tab and the API show it; <see cref="Uid"/> is its number (never its Identity id).</summary>
internal sealed record AccountProfile(string Email, DateTime CreatedAt, int Uid)
{
    /// <summary>
    /// What to call the person: accounts here have no name of their own, so the part of the email before '@' (what
    /// a greeting shows), never empty.
    /// </summary>
    public string Name => Email.IndexOf('@') is > 0 and var at ? Email[..at] : Email;
}

/// <summary>
/// Profiles by user id, for the Account tab and the API (users.Account.GetUserInfo). A singleton, so a call does not build Identity's
/// scoped user manager (its stores, validators and token providers), and a profile read is remembered for
/// <see cref="MaxAge"/>: a profile's email, creation date and number do not change in this app (no page changes an email),
/// while one EF query on SQLite costs several times the rest of an API call. Authorisation never depends on it: the
/// caller's token or session has been checked before this runs.
/// </summary>
internal sealed class AccountDirectory(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How long a read profile is reused; a change made to it some other way shows within this time.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>More accounts than this calling at once just means starting over; it bounds the memory.</summary>
    private const int MaxEntries = 10_000;

    private sealed record Entry(AccountProfile Profile, DateTimeOffset ReadAt);

    private static readonly Func<AppDbContext, string, CancellationToken, Task<AccountProfile?>> ById =
        EF.CompileAsyncQuery((AppDbContext db, string id, CancellationToken _) =>
            db.Users.AsNoTracking()
                .Where(u => u.Id == id)
                .Select(u => new AccountProfile(u.Email ?? u.UserName ?? "", u.CreatedAt, u.Uid))
                .FirstOrDefault());

    private readonly ConcurrentDictionary<string, Entry> remembered = new(StringComparer.Ordinal);

    /// <summary>The profile of the user a validated API credential belongs to; null if the account is gone.</summary>
    public Task<AccountProfile?> GetByIdAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        return remembered.TryGetValue(userId, out var entry) && now - entry.ReadAt < MaxAge
            ? Task.FromResult<AccountProfile?>(entry.Profile)
            : ReadAsync(userId, now, cancellationToken);
    }

    private async Task<AccountProfile?> ReadAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        AccountProfile? profile;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            profile = await ById(db, userId, cancellationToken);
        }
        if (profile is null)
        {
            remembered.TryRemove(userId, out _);
            return null;
        }
        if (remembered.Count >= MaxEntries)
        {
            remembered.Clear();
        }
        remembered[userId] = new Entry(profile, now);
        return profile;
    }
}
