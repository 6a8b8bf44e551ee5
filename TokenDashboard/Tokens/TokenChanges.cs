namespace TokenDashboard.Tokens;

/// <summary>
/// A counter that moves on every committed change to a token's value, settings or existence (edit, regenerate,
/// remove). <see cref="TokenValidator"/> remembers the version each cached answer was read at and trusts only
/// answers read at the current one, so nothing it remembers outlives a change made in this process.
/// </summary>
public sealed class TokenChanges
{
    private long version;

    public long Version => Volatile.Read(ref version);

    /// <summary>Call after the change is committed (not before: a read between the two would cache the old row).</summary>
    public void Committed() => Interlocked.Increment(ref version);
}
