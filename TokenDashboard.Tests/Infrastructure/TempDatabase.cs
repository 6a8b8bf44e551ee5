using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TokenDashboard.Data;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// A database of its own for a test (class): a real SQLite file in its own temp folder, or — under
/// `TEST_DATABASE=postgres` (<see cref="TestDatabaseServer"/>) — a fresh PostgreSQL database. Deleted on dispose.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string folder = NewFolder();
    private readonly string? postgresName;

    /// <param name="provider">Null: the provider the test run was switched to.</param>
    public TempDatabase(DatabaseProvider? provider = null)
    {
        Provider = provider ?? TestDatabaseServer.Provider;
        if (Provider == DatabaseProvider.Postgres)
        {
            postgresName = $"tdtest_{Guid.NewGuid():N}";
            using var maintenance = TestDatabaseServer.OpenMaintenance();
            using var create = maintenance.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{postgresName}\"";
            create.ExecuteNonQuery();
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>
    /// In memory-backed /dev/shm where Linux has it: the same SQLite engine, WAL and locks, but its fsyncs
    /// (synchronous=FULL) cost nothing. No test here checks the disk itself — a killed process loses nothing the OS
    /// was given either way — and the write-heavy suites (ConcurrencyTests) run in about half the time.
    /// </summary>
    private static string NewFolder() => Directory.Exists(MemoryBacked)
        ? Directory.CreateDirectory(Path.Combine(MemoryBacked, $"tokendashboard-tests-{Guid.NewGuid():N}")).FullName
        : Directory.CreateTempSubdirectory("tokendashboard-tests-").FullName;

    private const string MemoryBacked = "/dev/shm";

    /// <summary>The SQLite file (only meaningful on SQLite).</summary>
    public string FilePath => Path.Combine(folder, "test.db");

    public string ConnectionString => Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnectionStringBuilder(TestDatabaseServer.RequirePostgres()) { Database = postgresName }.ConnectionString
        : DatabaseServiceCollectionExtensions.ResolveConnectionString($"Data Source={FilePath}", folder);

    /// <summary>What an app process needs in its environment to use this database.</summary>
    public IReadOnlyDictionary<string, string> ProcessEnvironment => new Dictionary<string, string>
    {
        ["ConnectionStrings__TokenDashboard"] = ConnectionString,
        ["Database__Provider"] = Provider.ToString(),
    };

    /// <summary>A context on this database with the app's own configuration (interceptors, pragmas).</summary>
    public AppDbContext CreateContext()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var postgres = new DbContextOptionsBuilder<PostgresAppDbContext>();
            DatabaseServiceCollectionExtensions.ConfigurePostgres(postgres, ConnectionString);
            return new PostgresAppDbContext(postgres.Options);
        }
        var sqlite = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseServiceCollectionExtensions.ConfigureSqlite(sqlite, ConnectionString);
        return new SqliteAppDbContext(sqlite.Options);
    }

    /// <summary>
    /// Every byte the database keeps on disk, for scanning what is at rest: the SQLite file and its WAL, or on
    /// PostgreSQL (after a checkpoint) this database's files and the server's write-ahead log.
    /// </summary>
    public byte[] ReadAllBytesAtRest()
    {
        IEnumerable<string> files = [FilePath, FilePath + "-wal"];
        if (Provider == DatabaseProvider.Postgres)
        {
            using var connection = new NpgsqlConnection(ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CHECKPOINT; SELECT current_setting('data_directory') || '/base/' || oid FROM pg_database WHERE datname = current_database();";
            var databaseFolder = (string)command.ExecuteScalar()!;
            var walFolder = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(databaseFolder))!, "pg_wal");
            files = Directory.EnumerateFiles(databaseFolder).Concat(Directory.EnumerateFiles(walFolder));
        }
        return files
            .Where(File.Exists)
            .SelectMany(path =>
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            })
            .ToArray();
    }

    public void Dispose()
    {
        if (postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var maintenance = TestDatabaseServer.OpenMaintenance();
            using var drop = maintenance.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing; /tmp and /dev/shm are both emptied at the next reboot.
        }
    }
}
