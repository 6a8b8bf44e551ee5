namespace TokenDashboard.Data.Changes;

/// <summary>
/// A row of SQLite's change feed (<see cref="SqliteChangeFeed"/>): one committed change, read by every process on the
/// file. PostgreSQL needs no table (it carries notices itself), so only <see cref="SqliteAppDbContext"/> maps it.
/// </summary>
internal sealed class ChangeNoticeRecord
{
    public long Id { get; set; }
    public required string Payload { get; set; }
}
