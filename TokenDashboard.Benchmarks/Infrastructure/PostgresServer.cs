using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace TokenDashboard.Benchmarks.Infrastructure;

/// <summary>
/// The PostgreSQL server the <c>--provider postgres</c> run uses: the one named by <c>--postgres CONNECTION</c> (a user
/// allowed to create databases), or a throw-away cluster of this run's own — Debian's binaries
/// (<c>/usr/lib/postgresql/N/bin</c>, run as the <c>postgres</c> user when this runs as root), a data folder under
/// /tmp, 127.0.0.1 and a free port only, stopped and removed when the run ends. Its settings are PostgreSQL's
/// defaults (durable commits) apart from max_connections.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? ownFolder;
    private readonly string? binFolder;

    private PostgresServer(string connectionString, string? ownFolder, string? binFolder)
    {
        ConnectionString = connectionString;
        this.ownFolder = ownFolder;
        this.binFolder = binFolder;
    }

    /// <summary>A connection string to the server (no database named), never printed with its password.</summary>
    public string ConnectionString { get; }

    public string Description => ownFolder is null
        ? $"given server {Host()}"
        : $"own cluster {Host()} ({Path.GetFileName(Path.GetDirectoryName(binFolder!))}, default settings but max_connections=300)";

    private string Host()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"{builder.Host}:{builder.Port}";
    }

    public static async Task<PostgresServer> StartAsync(string? given, TextWriter log)
    {
        if (given is not null)
        {
            var server = new PostgresServer(given, null, null);
            log.WriteLine($"PostgreSQL: {server.Description}");
            return server;
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : new Version()).LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("--provider postgres needs a server: apt-get install postgresql (the run starts its own cluster), or pass --postgres \"Host=…;Username=…;Password=…\".");
        }
        var folder = Directory.CreateTempSubdirectory("tokendashboard-bench-pg-").FullName;
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await File.WriteAllTextAsync(Path.Combine(folder, "password"), password);
        var port = FreePort();
        var own = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Password={password}", folder, bin);
        try
        {
            if (Environment.UserName == "root")
            {
                await RunAsync("chown", ["-R", "postgres", folder]);
            }
            await own.RunAsPostgresAsync(Path.Combine(bin, "initdb"), ["-D", Path.Combine(folder, "data"), "-A", "scram-sha-256", "-U", "postgres", $"--pwfile={Path.Combine(folder, "password")}"]);
            await own.RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-w", "start",
                "-o", $"-h 127.0.0.1 -p {port} -k {folder} -c max_connections=300"]);
        }
        catch
        {
            await own.DisposeAsync();
            throw;
        }
        log.WriteLine($"PostgreSQL: {own.Description}, data in {folder}");
        return own;
    }

    /// <summary>A fresh database on the server, for one run; dropped by <see cref="DropDatabaseAsync"/>.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"tdbench_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private Task RunAsPostgresAsync(string program, IReadOnlyList<string> arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments])
            : RunAsync(program, arguments);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await errors}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (ownFolder is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsPostgresAsync(Path.Combine(binFolder!, "pg_ctl"), ["-D", Path.Combine(ownFolder, "data"), "-m", "fast", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already stopped.
        }
        Directory.Delete(ownFolder, recursive: true);
    }
}
