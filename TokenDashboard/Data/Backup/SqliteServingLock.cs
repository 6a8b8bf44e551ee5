namespace TokenDashboard.Data.Backup;

/// <summary>
/// Marks a SQLite file as served. Every instance holds the file open with a shared lock for as long as it runs (any
/// number of instances may share it); <c>restore</c> asks for the exclusive lock, which the operating system refuses
/// while any instance holds its shared one, and holds it while it swaps the file, so an instance starting meanwhile
/// stops instead of serving the file being replaced. The lock belongs to the open file: a killed process leaves none.
/// (.NET takes an advisory flock for FileShare on Unix and a share mode on Windows; SQLite's own locks are separate.)
/// </summary>
internal sealed class SqliteServingLock(AppDatabase database) : IDisposable
{
    private FileStream? held;

    /// <summary>Takes the shared lock (once); a restore holding the file stops start-up with one line.</summary>
    public void Take()
    {
        if (held is not null || database.Provider != DatabaseProvider.Sqlite || SqliteFiles.PathOf(database.ConnectionString) is not { } path)
        {
            return;
        }
        try
        {
            held = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (IOException)
        {
            throw new DatabaseStartupException($"the database '{path}' is held exclusively by another program (a restore in progress?); try again when it is done.");
        }
    }

    /// <summary>The exclusive lock, or null while an instance serves the file (or it does not exist).</summary>
    public static FileStream? TryExclusive(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            throw new DatabaseCommandException($"an instance of TokenDashboard is serving '{path}': stop every instance, then restore.");
        }
    }

    public void Dispose() => held?.Dispose();
}
