using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace TokenDashboard.Data.Changes;

/// <summary>A committed change that every instance must hear about: a topic ("tokens", "environments") and its detail.</summary>
public sealed record ChangeNotice(string Topic, string Detail);

/// <summary>
/// Tells every instance on the database about committed changes, so that what an instance remembers (validated
/// tokens) or shows (an open Environments page) follows a change made through another instance.
/// A notice is written inside the change's own transaction (<see cref="CommitAsync"/>), so it goes out if and only
/// if the change commits — a crash between the two cannot lose it. Each provider carries notices its own way
/// (PostgreSQL: NOTIFY; SQLite: a table that every process polls).
/// <para>
/// <see cref="IsCurrent"/> is the honest part: it is true only while the feed has proved, within
/// <see cref="TrustWindow"/>, that it has heard everything committed before that proof. A lost connection or a
/// stalled poll makes it false within that window, and whoever remembers answers must then stop trusting them
/// until it is true again; after a reconnect <see cref="Resynced"/> tells them to forget everything, because notices
/// may have gone by unheard.
/// </para>
/// </summary>
public abstract class ChangeFeed : BackgroundService
{
    /// <summary>
    /// How old the last proof of hearing everything may be. With the proof renewed every few hundred milliseconds,
    /// a change is heard, or trust in remembered answers ends, within this window — inside the promised second.
    /// </summary>
    public static readonly TimeSpan TrustWindow = TimeSpan.FromMilliseconds(750);

    /// <summary>Identifies this process's own notices, which it has already delivered locally.</summary>
    protected string InstanceId { get; } = Guid.NewGuid().ToString("N");

    private readonly Lock gate = new();
    private readonly Dictionary<string, List<Action<ChangeNotice>>> handlers = new(StringComparer.Ordinal);

    /// <summary>Stopwatch ticks of the start of the last successful proof; 0 = never.</summary>
    private long provenAt;

    /// <summary>
    /// Whether everything committed more than <see cref="TrustWindow"/> ago has been heard. Measured on the
    /// monotonic clock, not the app's <see cref="TimeProvider"/>: it is about a socket in real time, and tests stop
    /// the app's clock.
    /// </summary>
    public bool IsCurrent => Volatile.Read(ref provenAt) is var proven and not 0 && Stopwatch.GetElapsedTime(proven) < TrustWindow;

    /// <summary>Age of the last proof of hearing everything; null before the first or after a lost connection.</summary>
    public TimeSpan? ProofAge => Volatile.Read(ref provenAt) is var proven and not 0 ? Stopwatch.GetElapsedTime(proven) : null;

    /// <summary>A count that the metrics read; topics are the app's own few names.</summary>
    public sealed class Tally
    {
        private long count;

        public long Count => Interlocked.Read(ref count);

        public void Add() => Interlocked.Increment(ref count);
    }

    private readonly ConcurrentDictionary<string, Tally> sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Tally> received = new(StringComparer.Ordinal);

    /// <summary>Notices announced by this instance, by topic.</summary>
    public IReadOnlyDictionary<string, Tally> Sent => sent;

    /// <summary>Notices heard from other instances, by topic (only topics someone subscribed to).</summary>
    public IReadOnlyDictionary<string, Tally> Received => received;

    /// <summary>Raised after the feed (re)connects: notices may have been missed, so forget whatever was remembered.</summary>
    public event Action? Resynced;

    /// <summary>Calls <paramref name="handler"/> for each notice of <paramref name="topic"/> from another instance.</summary>
    public void Subscribe(string topic, Action<ChangeNotice> handler)
    {
        lock (gate)
        {
            if (!handlers.TryGetValue(topic, out var list))
            {
                handlers[topic] = list = [];
            }
            list.Add(handler);
        }
    }

    /// <summary>
    /// Writes <paramref name="notices"/> into the open transaction, then commits it. <see cref="ChangeTopic"/> calls it
    /// instead of <c>transaction.CommitAsync</c> and delivers the changes in this process after it returns.
    /// </summary>
    public async Task CommitAsync(AppDbContext db, IDbContextTransaction transaction, IEnumerable<ChangeNotice> notices, CancellationToken cancellationToken)
    {
        var announced = new List<string>();
        foreach (var notice in notices)
        {
            await AnnounceAsync(db, $"{InstanceId}|{notice.Topic}|{notice.Detail}", cancellationToken);
            announced.Add(notice.Topic);
        }
        await transaction.CommitAsync(cancellationToken);
        foreach (var topic in announced)
        {
            sent.GetOrAdd(topic, static _ => new Tally()).Add();
        }
    }

    /// <summary>Adds the notice to the database work of <paramref name="db"/>'s current transaction.</summary>
    protected abstract Task AnnounceAsync(AppDbContext db, string payload, CancellationToken cancellationToken);

    /// <summary>Marks that everything committed before <paramref name="startedAt"/> (Stopwatch ticks) has been heard.</summary>
    protected void Proven(long startedAt) => Volatile.Write(ref provenAt, startedAt);

    /// <summary>Trust ends now, whatever the window says (the connection is known to be gone).</summary>
    protected void Lost() => Volatile.Write(ref provenAt, 0);

    protected void RaiseResynced() => Resynced?.Invoke();

    /// <summary>Hands a received payload to its topic's handlers, unless this instance sent it.</summary>
    protected void Deliver(string payload, ILogger logger)
    {
        var parts = payload.Split('|', 3);
        if (parts.Length != 3 || parts[0] == InstanceId)
        {
            return;
        }
        Action<ChangeNotice>[] targets;
        lock (gate)
        {
            targets = handlers.TryGetValue(parts[1], out var list) ? [.. list] : [];
        }
        if (targets.Length > 0)
        {
            received.GetOrAdd(parts[1], static _ => new Tally()).Add();
        }
        var notice = new ChangeNotice(parts[1], parts[2]);
        foreach (var handler in targets)
        {
            try
            {
                handler(notice);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A change handler failed ({Topic})", notice.Topic);
            }
        }
    }
}
