using System.Diagnostics;
using Npgsql;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Hosting;

/// <summary>
/// The first start on PostgreSQL as an operator meets it: the configured database does not exist yet. A user who may
/// create databases gets one made; a user who may not gets one line saying how to make it.
/// </summary>
public sealed class PostgresFirstStartTests
{
    [PostgresFact]
    public async Task A_missing_database_is_created_when_the_user_may_and_the_app_serves()
    {
        var name = $"tdtest_first_{Guid.NewGuid():N}";
        try
        {
            using var app = Start(new NpgsqlConnectionStringBuilder(TestDatabaseServer.RequirePostgres()) { Database = name });
            var errors = app.StandardError.ReadToEndAsync();
            var listening = await ReadUntilAsync(app.StandardOutput, "Now listening on");
            app.Kill(entireProcessTree: true);

            Assert.True(listening, $"the app did not start listening on a database it had to create: {await errors}");
            Assert.True(DatabaseExists(name));
        }
        finally
        {
            Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    [PostgresFact]
    public async Task A_missing_database_the_user_may_not_create_stops_the_app_with_one_line_saying_how()
    {
        var name = $"tdtest_first_{Guid.NewGuid():N}";
        var role = $"tdtest_role_{Guid.NewGuid():N}";
        Execute($"CREATE ROLE \"{role}\" LOGIN NOCREATEDB PASSWORD 'first-start-2026'");
        try
        {
            using var app = Start(new NpgsqlConnectionStringBuilder(TestDatabaseServer.RequirePostgres())
            {
                Database = name, Username = role, Password = "first-start-2026",
            });
            var stderr = app.StandardError.ReadToEndAsync();
            _ = app.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await app.WaitForExitAsync(timeout.Token);

            Assert.Equal(1, app.ExitCode);
            var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"CREATE DATABASE \"{name}\" OWNER \"{role}\"", line);
            Assert.DoesNotContain("first-start-2026", line);
            Assert.False(DatabaseExists(name));
        }
        finally
        {
            Execute($"DROP ROLE IF EXISTS \"{role}\"");
        }
    }

    private static Process Start(NpgsqlConnectionStringBuilder connection)
    {
        using var placeholder = new TempDatabase(DatabaseProvider.Sqlite);
        var info = AppProcess.StartInfo(placeholder, "--urls", "http://127.0.0.1:0");
        info.Environment["Database__Provider"] = "Postgres";
        info.Environment["ConnectionStrings__TokenDashboard"] = connection.ConnectionString;
        return Process.Start(info)!;
    }

    private static async Task<bool> ReadUntilAsync(StreamReader output, string text)
    {
        // Generous: it bounds a hang, and a loaded machine starts the app slowly.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        while (await output.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool DatabaseExists(string name)
    {
        using var maintenance = TestDatabaseServer.OpenMaintenance();
        using var command = maintenance.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pg_database WHERE datname = @name";
        command.Parameters.AddWithValue("name", name);
        return (long)command.ExecuteScalar()! == 1;
    }

    private static void Execute(string sql)
    {
        using var maintenance = TestDatabaseServer.OpenMaintenance();
        using var command = maintenance.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
