using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Data;

/// <summary>
/// Environments made before they had nodes, on the provider the run is switched to: the migration gives each one
/// application server (a Tomcat, master of its group), as an environment made by name alone gets now, so none is
/// answered with an empty topology.
/// </summary>
public sealed class EnvironmentNodesMigrationTests : IDisposable
{
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Environments_made_before_nodes_get_one_application_server_each()
    {
        await using (var db = database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_EnvironmentNodes", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "AspNetUsers" ("Id", "UserName", "CreatedAt", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                VALUES ('owner-id', 'owner@example.com', {0}, FALSE, FALSE, FALSE, FALSE, 0)
                """, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            foreach (var (name, status) in new[] { ("alpha", "Running"), ("beta", "Stopped") })
            {
                await db.Database.ExecuteSqlRawAsync(
                    """
                    INSERT INTO "Environments" ("UserId", "Name", "DisplayName", "Status", "CreatedAt")
                    VALUES ('owner-id', {0}, {0}, {1}, {2})
                    """, name, status, new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc));
            }
            await db.Database.MigrateAsync();
        }

        await using (var check = database.CreateContext())
        {
            var environments = await check.Environments.OrderBy(e => e.Name).ToListAsync();
            var nodes = await check.Nodes.ToListAsync();
            Assert.Equal(["alpha", "beta"], environments.Select(e => e.Name));
            Assert.Equal(2, nodes.Count);
            Assert.All(environments, e =>
            {
                var node = Assert.Single(nodes, n => n.EnvironmentId == e.Id);
                Assert.Equal(("cp", "tomcat", true, 1, 8), (node.NodeGroup, node.NodeType, node.IsMaster, node.FixedCloudlets, node.FlexibleCloudlets));
            });
        }
    }
}
