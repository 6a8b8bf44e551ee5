using Microsoft.EntityFrameworkCore;

namespace TokenDashboard.Data;

/// <summary>
/// Runs before the server accepts requests (and before the steps registered after it, such as seeding): switches
/// the file to WAL and applies the checked-in migrations. A database that cannot be opened or migrated stops start-up with
/// <see cref="DatabaseStartupException"/>, whose message is one line naming the file and the reason.
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services, AppDatabase database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DatabaseStartupException(database.FilePath, ex.GetBaseException().Message);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Start-up failed on the database. It carries the reason as text and no stack trace, so that whoever logs it
/// (the host does) prints one readable line rather than a wall of frames that say nothing about the file.
/// </summary>
public sealed class DatabaseStartupException(string file, string reason)
    : Exception($"TokenDashboard cannot open or migrate the database '{file}': {reason}")
{
    public override string? StackTrace => null;
}
