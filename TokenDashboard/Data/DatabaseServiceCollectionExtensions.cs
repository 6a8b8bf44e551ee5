using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TokenDashboard.Data.Backup;
using TokenDashboard.Data.Changes;

namespace TokenDashboard.Data;

internal static class DatabaseServiceCollectionExtensions
{
    public const string ConnectionStringName = "TokenDashboard";
    public const string ProviderKey = "Database:Provider";

    /// <summary>
    /// Registers <see cref="AppDbContext"/> on the configured provider (<c>Database:Provider</c>: Sqlite, the default,
    /// or Postgres). On SQLite a relative "Data Source" is resolved against the content root and its folder is
    /// created, so the default database lands in <c>TokenDashboard/App_Data/</c>.
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var database = AppDatabase.From(configuration, contentRoot);
        services.AddSingleton(database);
        services.AddSingleton<SqliteServingLock>();
        services.AddSingleton<AppMeter>();
        services.AddSingleton<ChangeFeedMetrics>();
        // A pooled factory for services and components (short-lived contexts, cheap on hot paths), and a scoped
        // context from the same pool for Identity's stores and Data Protection's key ring.
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddPooledDbContextFactory<PostgresAppDbContext>(options => ConfigurePostgres(options, database.ConnectionString));
            services.AddSingleton<IDbContextFactory<AppDbContext>, ContextFactory<PostgresAppDbContext>>();
            services.AddSingleton<ChangeFeed, PostgresChangeFeed>();
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteAppDbContext>(options => ConfigureSqlite(options, database.ConnectionString));
            services.AddSingleton<IDbContextFactory<AppDbContext>, ContextFactory<SqliteAppDbContext>>();
            services.AddSingleton<ChangeFeed, SqliteChangeFeed>();
        }
        // Started after the database initializer (which is inserted first), so the tables it reads exist.
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeed>());
        services.AddSingleton<ChangeTopics>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqlitePragmaInterceptor.Instance);

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString);

    public static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is not ("" or ":memory:") && builder.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }
        // Microsoft.Data.Sqlite retries a busy database until the command timeout; keep it well above 5 s.
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }
        return builder.ToString();
    }

    /// <summary>Hands out the provider's context as the <see cref="AppDbContext"/> everything else asks for.</summary>
    private sealed class ContextFactory<TContext>(IDbContextFactory<TContext> pool) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => pool.CreateDbContext();

        public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await pool.CreateDbContextAsync(cancellationToken);
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The configured provider and resolved connection string, for the few places that work below EF.</summary>
internal sealed record AppDatabase(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>SQLite: the file. PostgreSQL: host, port and database — never the user's password.</summary>
    public string Name => Provider == DatabaseProvider.Postgres ? PostgresName() : new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    /// <summary>A driver's message never quotes the password, but this one line goes to the console: make sure.</summary>
    public string WithoutPassword(string text) =>
        Provider == DatabaseProvider.Postgres && new NpgsqlConnectionStringBuilder(ConnectionString).Password is { Length: > 0 } password
            ? text.Replace(password, "***", StringComparison.Ordinal)
            : text;

    private string PostgresName()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>Reads <c>Database:Provider</c> and the connection string; a wrong value stops start-up with one line.</summary>
    public static AppDatabase From(IConfiguration configuration, string contentRoot)
    {
        var connectionString = configuration.GetConnectionString(DatabaseServiceCollectionExtensions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new DatabaseStartupException($"the connection string 'ConnectionStrings:{DatabaseServiceCollectionExtensions.ConnectionStringName}' is not set.");
        }
        var provider = configuration[DatabaseServiceCollectionExtensions.ProviderKey];
        if (string.IsNullOrEmpty(provider) || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return new AppDatabase(DatabaseProvider.Sqlite, DatabaseServiceCollectionExtensions.ResolveConnectionString(connectionString, contentRoot));
        }
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return new AppDatabase(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(connectionString).ConnectionString);
            }
            catch (ArgumentException ex)
            {
                // The parser's message names the keyword at fault, never a value, so it is safe to show.
                throw new DatabaseStartupException($"the PostgreSQL connection string is not valid: {ex.Message}");
            }
        }
        throw new DatabaseStartupException($"'{DatabaseServiceCollectionExtensions.ProviderKey}' is '{provider}'; it must be Sqlite or Postgres.");
    }
}
