using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>A real SQLite file in its own temp folder, deleted (with its WAL) on dispose.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("tokendashboard-tests-").FullName;

    public string FilePath => Path.Combine(folder, "test.db");

    public string ConnectionString =>
        DatabaseServiceCollectionExtensions.ResolveConnectionString($"Data Source={FilePath}", folder);

    /// <summary>A context on this file with the app's own configuration (interceptors, pragmas).</summary>
    public AppDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseServiceCollectionExtensions.ConfigureSqlite(options, ConnectionString);
        return new AppDbContext(options.Options);
    }

    /// <summary>Every byte of the database file and its WAL, for scanning what is at rest.</summary>
    public byte[] ReadAllBytesAtRest() =>
        new[] { FilePath, FilePath + "-wal" }
            .Where(File.Exists)
            .SelectMany(path =>
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            })
            .ToArray();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing; the OS temp folder is cleaned eventually.
        }
    }
}
