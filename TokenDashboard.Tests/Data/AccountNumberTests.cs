using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Data;

/// <summary>
/// Every account has a number (<see cref="AppUser.Uid"/>), on the provider the run is switched to: accounts that
/// existed before the column get numbers in the order they were made, and each new one gets the next unused number,
/// also when several are made at once.
/// </summary>
public sealed class AccountNumberTests : IDisposable
{
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Accounts_made_before_the_column_get_numbers_in_creation_order_and_new_ones_the_next()
    {
        await using (var db = database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_AccountNumbers", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);
            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            // Inserted out of creation order, so numbering by insertion would be wrong.
            foreach (var (id, at) in new[] { ("c-id", start.AddDays(2)), ("a-id", start), ("b-id", start.AddDays(1)) })
            {
                await db.Database.ExecuteSqlRawAsync(
                    """
                    INSERT INTO "AspNetUsers" ("Id", "UserName", "CreatedAt", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
                    VALUES ({0}, {1}, {2}, FALSE, FALSE, FALSE, FALSE, 0)
                    """, id, id + "@example.com", at);
            }
            await db.Database.MigrateAsync();
        }

        await using (var db = database.CreateContext())
        {
            Assert.Equal([("a-id", 1), ("b-id", 2), ("c-id", 3)],
                (await db.Users.OrderBy(u => u.Uid).Select(u => new { u.Id, u.Uid }).ToListAsync()).Select(u => (u.Id, u.Uid)));
            var added = new AppUser { UserName = "d@example.com", CreatedAt = DateTime.UtcNow };
            db.Users.Add(added);
            await db.SaveChangesAsync();
            Assert.Equal(4, added.Uid); // read back after the insert, so the answer to Signin can carry it at once
        }
    }

    [Fact]
    public async Task Accounts_made_at_the_same_time_get_different_numbers_that_never_change()
    {
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        var made = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            await using var db = database.CreateContext();
            var user = new AppUser { UserName = $"parallel-{i}@example.com", CreatedAt = DateTime.UtcNow };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            return (user.Id, user.Uid);
        }));

        Assert.All(made, m => Assert.True(m.Uid > 0));
        Assert.Equal(8, made.Select(m => m.Uid).Distinct().Count());
        await using (var db = database.CreateContext())
        {
            var one = await db.Users.SingleAsync(u => u.Id == made[0].Id);
            one.Email = "changed@example.com";
            await db.SaveChangesAsync();
            Assert.Equal(made.OrderBy(m => m.Id).Select(m => m.Uid),
                (await db.Users.OrderBy(u => u.Id).Select(u => u.Uid).ToListAsync()));
        }
    }
}
