namespace TokenDashboard.Data.Retention;

/// <summary>
/// What of one table is old enough to delete. The part that owns the table owns its rule (how long its rows matter);
/// <see cref="RetentionJob"/> owns when and how every rule runs.
/// </summary>
/// <param name="What">Names the rows in the log, e.g. "audit events".</param>
/// <param name="DeleteOldAsync">Deletes the rows older than the rule allows at the given UTC time; returns how many.</param>
internal sealed record RetentionRule(string What, Func<AppDbContext, DateTime, CancellationToken, Task<int>> DeleteOldAsync);
