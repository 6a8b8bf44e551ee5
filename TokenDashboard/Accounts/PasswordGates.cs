using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>
/// One password check at a time per account, across every process that shares the database. Within a process a
/// striped semaphore queues the callers, so only one of them at a time asks the database; across processes the
/// <see cref="PasswordGate"/> row is a lease taken by one conditional UPDATE (set the holder where nobody holds it
/// or the lease ran out) — plain EF Core, the same on every provider. A process that dies while holding a lease
/// blocks that account's checks for at most <see cref="Lease"/>.
/// </summary>
internal sealed class PasswordGates(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Far longer than a check (one hash, a few writes); only a crashed holder ever lets it run out.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Bounded whatever logins strangers try; two accounts sharing a stripe merely queue together.</summary>
    private readonly SemaphoreSlim[] stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Waits until this caller holds the account's gate; dispose the result to let the next one in.</summary>
    public async Task<IAsyncDisposable> EnterAsync(string key, CancellationToken cancellationToken)
    {
        var stripe = stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)stripes.Length)];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            var holder = Guid.NewGuid().ToString("N");
            await AcquireAsync(key, holder, cancellationToken);
            return new Held(this, key, holder, stripe);
        }
        catch
        {
            stripe.Release();
            throw;
        }
    }

    private async Task AcquireAsync(string key, string holder, CancellationToken cancellationToken)
    {
        var wait = FirstPoll;
        while (true)
        {
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var until = now + Lease;
                var taken = await db.PasswordGates
                    .Where(g => g.Key == key && (g.HeldUntil == null || g.HeldUntil < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(g => g.Holder, holder).SetProperty(g => g.HeldUntil, until), cancellationToken);
                if (taken == 1 || await TryCreateHeldAsync(db, key, holder, until, cancellationToken))
                {
                    return;
                }
            }
            await Task.Delay(wait, cancellationToken);
            wait = wait * 2 < LongestPoll ? wait * 2 : LongestPoll;
        }
    }

    /// <summary>The first check of a key inserts its row already held; a concurrent insert elsewhere wins and we wait.</summary>
    private static async Task<bool> TryCreateHeldAsync(AppDbContext db, string key, string holder, DateTime until, CancellationToken cancellationToken)
    {
        if (await db.PasswordGates.AnyAsync(g => g.Key == key, cancellationToken))
        {
            return false;
        }
        db.PasswordGates.Add(new PasswordGate { Key = key, Holder = holder, HeldUntil = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    private async Task ReleaseAsync(string key, string holder)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.PasswordGates.Where(g => g.Key == key && g.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.Holder, (string?)null).SetProperty(g => g.HeldUntil, (DateTime?)null));
    }

    private sealed class Held(PasswordGates gates, string key, string holder, SemaphoreSlim stripe) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await gates.ReleaseAsync(key, holder);
            }
            finally
            {
                stripe.Release();
            }
        }
    }
}
