using Microsoft.Data.Sqlite;

namespace TokenDashboard.Data.Backup;

/// <summary>The files one SQLite database is made of, and connections that bypass the app's pool.</summary>
internal static class SqliteFiles
{
    /// <summary>The database file, or null for an in-memory database.</summary>
    public static string? PathOf(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory ? null : Path.GetFullPath(builder.DataSource);
    }

    /// <summary>The write-ahead log and its index, which belong to the file of the same name.</summary>
    public static readonly string[] Companions = ["-wal", "-shm", "-journal"];

    /// <summary>A connection of its own (no pool, so closing it really closes the file) to <paramref name="path"/>.</summary>
    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 10000;";
        busy.ExecuteNonQuery();
        return connection;
    }

    public static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    public static void DeleteWithCompanions(string path)
    {
        foreach (var file in Companions.Select(suffix => path + suffix).Prepend(path))
        {
            File.Delete(file);
        }
    }
}
