using System.Collections.Concurrent;

namespace TokenDashboard.Data.Changes;

/// <summary>
/// Answers remembered until a change on their <see cref="ChangeTopic"/>, the one rule for every such memory (valid
/// and unknown tokens, environment lists): an answer is used only at the topic version it was read at (taken
/// <em>before</em> the database is read, so that a change committed meanwhile voids the read), only while the feed is
/// current, and for the memory's maximum age at most, whatever happens (a change made behind the app's back). It is
/// bounded: past its size it starts over, so a flood of new keys can only empty it.
/// </summary>
public sealed class TopicMemory<TKey, TValue>(ChangeTopic topic, TimeSpan maxAge, int maxEntries) where TKey : notnull
{
    /// <summary>A struct, so that a hit copies it out of the dictionary and allocates nothing.</summary>
    private readonly record struct Entry(TValue Value, long Version, DateTimeOffset ReadAt);

    private readonly ConcurrentDictionary<TKey, Entry> entries = new();

    /// <summary>The remembered answer for <paramref name="key"/>, or <paramref name="read"/>'s (then remembered).</summary>
    public ValueTask<TValue> GetOrReadAsync(TKey key, Func<CancellationToken, Task<TValue>> read, CancellationToken cancellationToken)
    {
        var reading = topic.Read();
        return TryGet(key, reading, out var value) ? ValueTask.FromResult(value) : new(ReadAsync(key, read, reading, cancellationToken));
    }

    private async Task<TValue> ReadAsync(TKey key, Func<CancellationToken, Task<TValue>> read, ChangeReading reading, CancellationToken cancellationToken)
    {
        var value = await read(cancellationToken);
        Remember(key, value, reading);
        return value;
    }

    /// <summary>The answer remembered for <paramref name="key"/>, if it may still be used at <paramref name="reading"/>.</summary>
    public bool TryGet(TKey key, ChangeReading reading, out TValue value)
    {
        if (reading.Current && entries.TryGetValue(key, out var entry) && entry.Version == reading.Version && reading.At - entry.ReadAt < maxAge)
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>Remembers <paramref name="value"/> as read at <paramref name="reading"/>.</summary>
    public void Remember(TKey key, TValue value, ChangeReading reading)
    {
        if (entries.Count >= maxEntries)
        {
            entries.Clear();
        }
        entries[key] = new Entry(value, reading.Version, reading.At);
    }

    public void Forget(TKey key) => entries.TryRemove(key, out _);
}
