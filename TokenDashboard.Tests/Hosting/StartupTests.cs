using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Hosting;

public sealed class StartupTests : IAsyncLifetime
{
    private readonly AppFactory factory = new();

    [Fact]
    public async Task Health_endpoint_answers_200_once_migrations_are_applied()
    {
        var client = factory.CreateClient();

        var health = await client.GetAsync("/healthz");
        var live = await client.GetAsync("/healthz/live");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        await using var db = factory.Database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Database_file_is_switched_to_wal_journal()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite);
        await using var sqlite = new AppFactory(database);
        sqlite.CreateClient();
        await using var scope = sqlite.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var mode = await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();

        Assert.Equal("wal", Assert.Single(mode));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
