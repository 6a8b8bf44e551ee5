using System.Collections.Concurrent;

namespace TokenDashboard.Data.Changes;

/// <summary>
/// Answers remembered until a change, the one rule for every such memory (valid and unknown tokens, environment
/// lists): an answer is used only at the change version it was read at (read the version <em>before</em> the database,
/// so that a change committed meanwhile voids the read), only while the <see cref="ChangeFeed"/> is current, and for
/// the memory's maximum age at most, whatever happens (a change made behind the app's back). It is bounded: past its
/// size it starts over, so a flood of new keys can only empty it.
/// </summary>
public sealed class RememberedUntilChange<TKey, TValue>(TimeSpan maxAge, int maxEntries) where TKey : notnull
{
    /// <summary>A struct, so that a hit copies it out of the dictionary and allocates nothing.</summary>
    private readonly record struct Entry(TValue Value, long Version, DateTimeOffset ReadAt);

    private readonly ConcurrentDictionary<TKey, Entry> entries = new();

    /// <summary>The answer remembered for <paramref name="key"/>, if it may still be used.</summary>
    public bool TryGet(TKey key, bool feedIsCurrent, long version, DateTimeOffset now, out TValue value)
    {
        if (feedIsCurrent && entries.TryGetValue(key, out var entry) && entry.Version == version && now - entry.ReadAt < maxAge)
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Remembers <paramref name="value"/> as read at <paramref name="version"/> and <paramref name="readAt"/>.</summary>
    public void Remember(TKey key, TValue value, long version, DateTimeOffset readAt)
    {
        if (entries.Count >= maxEntries)
        {
            entries.Clear();
        }
        entries[key] = new Entry(value, version, readAt);
    }

    public void Forget(TKey key) => entries.TryRemove(key, out _);
}
