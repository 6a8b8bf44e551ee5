using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TokenDashboard.Data.Backup;

/// <summary>What a backup or restore did, in the words printed to the operator.</summary>
internal sealed record BackupSummary(string File, long Bytes, int Accounts, int Tokens, string? KeptAside = null);

/// <summary>
/// Backup and restore of the SQLite database. A live file cannot be copied safely (its latest commits may sit in the
/// write-ahead log, and a copy taken mid-write is torn), so a backup is SQLite's <c>VACUUM INTO</c>: one read
/// transaction, a consistent snapshot of every committed change, written while instances keep serving. A restore
/// checks the file first (readable, intact, this app's schema, not from a newer version), refuses while an instance
/// serves the database, and keeps the database it replaces beside it.
/// </summary>
internal static class SqliteBackup
{
    public static BackupSummary Backup(AppDatabase database, string target)
    {
        var source = RequireFile(database);
        target = Path.GetFullPath(target);
        if (Directory.Exists(target))
        {
            throw new DatabaseCommandException($"'{target}' is a folder; name the backup file, e.g. {Path.Combine(target, "tokendashboard-backup.db")}.");
        }
        if (File.Exists(target))
        {
            throw new DatabaseCommandException($"'{target}' already exists; a backup never overwrites a file. Choose another name or remove it.");
        }
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new DatabaseCommandException($"cannot write the backup to '{target}': the folder '{folder}' does not exist.");
        }

        // Written under a temporary name and renamed at the end: a backup that fails half-way leaves no file that
        // looks like a backup.
        var partial = $"{target}.partial-{Guid.NewGuid():N}";
        try
        {
            try
            {
                using (new FileStream(partial, FileMode.CreateNew, FileAccess.Write)) { }
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                throw new DatabaseCommandException($"cannot write the backup to '{target}': {ex.Message}");
            }
            using (var connection = SqliteFiles.Open(source, SqliteOpenMode.ReadWrite))
            using (var vacuum = connection.CreateCommand())
            {
                vacuum.CommandText = "VACUUM INTO $target;";
                vacuum.Parameters.AddWithValue("$target", partial);
                vacuum.ExecuteNonQuery();
            }
            var summary = Check(partial, target);
            File.Move(partial, target);
            return summary;
        }
        catch (SqliteException ex)
        {
            throw new DatabaseCommandException($"the backup of '{source}' to '{target}' failed: {ex.Message}");
        }
        finally
        {
            SqliteFiles.DeleteWithCompanions(partial);
        }
    }

    public static BackupSummary Restore(AppDatabase database, string from)
    {
        var path = SqliteFiles.PathOf(database.ConnectionString)
            ?? throw new DatabaseCommandException("the database is in memory; there is nothing to restore into.");
        from = Path.GetFullPath(from);
        if (!File.Exists(from))
        {
            throw new DatabaseCommandException($"'{from}' does not exist.");
        }
        if (string.Equals(from, path, StringComparison.Ordinal))
        {
            throw new DatabaseCommandException($"'{from}' is the database itself; restore from a backup file.");
        }

        // The backup is copied beside the database and checked there: what is checked is exactly what goes in place,
        // and the database is not touched until the copy has passed.
        var incoming = $"{path}.restoring-{Guid.NewGuid():N}";
        try
        {
            File.Copy(from, incoming);
            var summary = Check(incoming, from);
            using var exclusive = SqliteServingLock.TryExclusive(path);
            string? aside = null;
            if (exclusive is not null)
            {
                // The replaced database and its write-ahead log move aside together, so it can still be opened.
                aside = $"{path}.before-restore-{DateTime.UtcNow:yyyyMMddHHmmss}";
                File.Move(path, aside);
                MoveIfExists(path + "-wal", aside + "-wal");
                File.Delete(path + "-shm");
                File.Delete(path + "-journal");
            }
            File.Move(incoming, path);
            return summary with { File = path, KeptAside = aside };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DatabaseCommandException($"cannot restore into '{path}': {ex.Message}");
        }
        finally
        {
            SqliteFiles.DeleteWithCompanions(incoming);
        }
    }

    private static string RequireFile(AppDatabase database)
    {
        var path = SqliteFiles.PathOf(database.ConnectionString)
            ?? throw new DatabaseCommandException("the database is in memory; there is nothing to back up.");
        return File.Exists(path) ? path : throw new DatabaseCommandException($"the database '{path}' does not exist.");
    }

    /// <summary>
    /// The file at <paramref name="path"/> (named <paramref name="shownAs"/> in messages) is an intact SQLite database
    /// made by this app, at a schema this version knows. Its journal mode is set to DELETE, so that it is one file.
    /// </summary>
    private static BackupSummary Check(string path, string shownAs)
    {
        try
        {
            using var connection = SqliteFiles.Open(path, SqliteOpenMode.ReadWrite);
            var integrity = SqliteFiles.Scalar(connection, "PRAGMA integrity_check;");
            if (integrity != "ok")
            {
                throw new DatabaseCommandException($"'{shownAs}' is damaged (SQLite's integrity check: {integrity}).");
            }
            CheckSchema(connection, shownAs);
            SqliteFiles.Scalar(connection, "PRAGMA journal_mode = DELETE;");
            var accounts = int.Parse(SqliteFiles.Scalar(connection, "SELECT count(*) FROM AspNetUsers;"));
            var tokens = int.Parse(SqliteFiles.Scalar(connection, "SELECT count(*) FROM AccessTokens;"));
            connection.Close();
            return new BackupSummary(shownAs, new FileInfo(path).Length, accounts, tokens);
        }
        catch (SqliteException ex)
        {
            throw new DatabaseCommandException($"'{shownAs}' is not a readable SQLite database: {ex.Message}");
        }
    }

    private static void CheckSchema(SqliteConnection connection, string shownAs)
    {
        var known = KnownMigrations();
        var applied = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';";
            if (command.ExecuteScalar() is null)
            {
                throw new DatabaseCommandException($"'{shownAs}' is not a TokenDashboard database (it has no migration history).");
            }
            command.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                applied.Add(reader.GetString(0));
            }
        }
        if (applied.Count == 0 || applied[0] != known[0])
        {
            throw new DatabaseCommandException($"'{shownAs}' is not a TokenDashboard database (its migration history is not this app's).");
        }
        if (applied.FirstOrDefault(id => !known.Contains(id)) is { } unknown)
        {
            throw new DatabaseCommandException($"'{shownAs}' was made by a newer version of TokenDashboard (migration '{unknown}' is unknown here); restore it with that version.");
        }
    }

    /// <summary>The SQLite migrations this build carries, oldest first (read from the assembly; no connection).</summary>
    private static List<string> KnownMigrations()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseServiceCollectionExtensions.ConfigureSqlite(options, "Data Source=:memory:");
        using var context = new SqliteAppDbContext(options.Options);
        return [.. context.Database.GetMigrations()];
    }

    private static void MoveIfExists(string from, string to)
    {
        if (File.Exists(from))
        {
            File.Move(from, to);
        }
    }
}
