using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TokenDashboard.Data.Backup;

namespace TokenDashboard.Data;

/// <summary>
/// Runs before the server accepts requests (and before the steps registered after it, such as seeding): on SQLite
/// switches the file to WAL, applies the checked-in migrations of the configured provider and makes sure the shared
/// Data Protection key exists. A database that cannot be opened or migrated stops start-up with
/// <see cref="DatabaseStartupException"/>, whose message is one line naming the database (file, or
/// host:port/database) and the reason.
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services, AppDatabase database, SqliteServingLock servingLock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            try
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                // The PostgreSQL database does not exist yet: Migrate creates it when the user may.
            }
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                // Held until the app stops: a restore refuses to replace a file an instance is serving.
                servingLock.Take();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            }
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && ex.MessageText.Contains("create database", StringComparison.OrdinalIgnoreCase))
        {
            throw DatabaseStartupException.CannotCreate(database, new NpgsqlConnectionStringBuilder(database.ConnectionString).Username);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or DatabaseStartupException))
        {
            throw DatabaseStartupException.CannotOpen(database, ex.GetBaseException().Message);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        // Create the key ring's first key now, before any request: instances started one after another then share
        // the first one's key instead of each making its own on their first cookie.
        scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("startup").Protect([1]);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
