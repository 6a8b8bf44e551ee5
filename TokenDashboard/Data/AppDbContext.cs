using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace TokenDashboard.Data;

/// <summary>
/// The model, shared by both providers. It is abstract because each provider has its own migrations, and EF Core
/// binds a set of migrations to one context type: <see cref="SqliteAppDbContext"/> and
/// <see cref="PostgresAppDbContext"/> add nothing but that binding. Everything else asks for an
/// <see cref="AppDbContext"/> and never knows which one it got.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AppEnvironment> Environments => Set<AppEnvironment>();
    public DbSet<Deployment> Deployments => Set<Deployment>();
    public DbSet<Node> Nodes => Set<Node>();
    public DbSet<ApiSession> ApiSessions => Set<ApiSession>();
    public DbSet<TokenUsageDay> TokenUsage => Set<TokenUsageDay>();
    public DbSet<BrowserSession> BrowserSessions => Set<BrowserSession>();
    public DbSet<PasswordGate> PasswordGates => Set<PasswordGate>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<ExpiryReminder> ExpiryReminders => Set<ExpiryReminder>();
    public DbSet<SitePolicy> SitePolicies => Set<SitePolicy>();
    public DbSet<Invitation> Invitations => Set<Invitation>();

    /// <summary>The Data Protection key ring, shared by every instance so a cookie made by one is read by all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Every time is stored in UTC; SQLite keeps no kind, so mark what comes back as UTC.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        toStore => toStore.Kind == DateTimeKind.Utc ? toStore : toStore.ToUniversalTime(),
        fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

/// <summary>
/// The model on SQLite; its migrations are in Data/Migrations/Sqlite. It adds the table through which processes on
/// one file tell each other about changes (<see cref="Changes.SqliteChangeFeed"/>); PostgreSQL needs none.
/// </summary>
internal sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    /// <summary>
    /// Numbers each new account (<see cref="AppUser.Uid"/>): SQLite has no sequence for a column that is not the key,
    /// so a trigger (made by the AccountNumbers migration) gives the inserted row the next number. Writers are
    /// serialised, so two sign-ups never get the same one. EF is told of the trigger so it reads the number back
    /// after the insert rather than through RETURNING, which would see the row before the trigger ran.
    /// </summary>
    public const string NumberAccountsTrigger = "AspNetUsers_NumberAccount";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Changes.ChangeNoticeRecord>().ToTable("ChangeNotices");
        builder.Entity<AppUser>(user =>
        {
            user.ToTable(table =>
            {
                table.HasTrigger(NumberAccountsTrigger);
                table.UseSqlReturningClause(false);
            });
            user.Property(u => u.Uid).HasDefaultValue(0).ValueGeneratedOnAdd();
        });
    }
}

/// <summary>The model on PostgreSQL; its migrations are in Data/Migrations/Postgres.</summary>
internal sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    /// <summary>Numbers each new account (<see cref="AppUser.Uid"/>) from an identity sequence; existing rows got theirs when the column was added.</summary>
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().Property(u => u.Uid).UseIdentityByDefaultColumn();
    }
}
