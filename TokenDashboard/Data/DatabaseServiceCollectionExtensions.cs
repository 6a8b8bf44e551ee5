using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TokenDashboard.Data;

public static class DatabaseServiceCollectionExtensions
{
    public const string ConnectionStringName = "TokenDashboard";

    /// <summary>
    /// Registers <see cref="AppDbContext"/> on SQLite. A relative "Data Source" is resolved against the content
    /// root and its folder is created, so the default database lands in <c>TokenDashboard/App_Data/</c>.
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var connectionString = ResolveConnectionString(
            configuration.GetConnectionString(ConnectionStringName)
                ?? throw new InvalidOperationException($"The connection string 'ConnectionStrings:{ConnectionStringName}' is not set."),
            contentRoot);

        services.AddSingleton(new AppDatabase(connectionString));
        // A pooled factory for services and components (short-lived contexts, cheap on hot paths), and a scoped
        // context from the same pool for Identity's stores.
        services.AddPooledDbContextFactory<AppDbContext>(options => ConfigureSqlite(options, connectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqlitePragmaInterceptor.Instance);

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
}

/// <summary>The resolved connection string, for the few places that talk to SQLite below EF.</summary>
public sealed record AppDatabase(string ConnectionString)
{
    public string FilePath => new SqliteConnectionStringBuilder(ConnectionString).DataSource;
}
