using TokenDashboard.Data;
using TokenDashboard.Tests.Browser;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Proxy;

/// <summary>
/// Two app processes on one PostgreSQL database behind nginx, as docs/OPERATIONS.md's "Running several instances" describes:
/// A started first (it migrates and makes the shared key), then B; nginx in front, trusted as the only proxy.
/// Accounts are made through a third, in-process instance on the same database.
/// </summary>
public sealed class ProxiedInstances : IAsyncLifetime
{
    public TempDatabase Database { get; private set; } = default!;
    public AppInstance A { get; private set; } = default!;
    public AppInstance B { get; private set; } = default!;
    public NginxProxy Nginx { get; private set; } = default!;

    /// <summary>An in-process instance on the same database, for making accounts and reading the audit trail.</summary>
    public AppFactory Helper { get; private set; } = default!;

    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Hosting__KnownProxies"] = "127.0.0.1",
        // The tests' own bursts must not be cut short by the API's rate limits.
        ["RateLimits__PerClientAddress"] = "1000000",
        ["RateLimits__PerCredential"] = "1000000",
        // Nor by the sign-in back-off (its own tests are in Security/PasswordAttackTests): the burst here is about
        // the lockout holding across instances.
        ["Security__SignInFailuresPerAccount"] = "1000",
        ["Security__SignInFailuresPerAddress"] = "1000",
    };

    /// <summary>Whether this machine can run them; otherwise the tests are skipped (or, under CI=true, fail).</summary>
    public static string? Missing =>
        TestDatabaseServer.PostgresConnectionString is null ? TestDatabaseServer.MissingPostgres
        : !NginxProxy.IsInstalled ? NginxProxy.InstallHint
        : null;

    public async Task InitializeAsync()
    {
        if (Missing is { } missing)
        {
            if (TestDatabaseServer.IsCi)
            {
                throw new InvalidOperationException($"CI=true and the two-instance tests cannot run. {missing}");
            }
            return;
        }
        Database = new TempDatabase(DatabaseProvider.Postgres);
        A = await AppInstance.StartAsync(Database, Settings);
        B = await AppInstance.StartAsync(Database, Settings);
        Nginx = new NginxProxy(A.Port, B.Port);
        await Nginx.WaitReadyAsync();
        // Hashing like the two processes, so their sign-ins never find a cheaper hash to upgrade (a new security stamp).
        Helper = new AppFactory(Database) { PasswordHashIterations = null }.Started();
    }

    public async Task DisposeAsync()
    {
        Nginx?.Dispose();
        A?.Dispose();
        B?.Dispose();
        if (Helper is not null)
        {
            await Helper.DisposeAsync();
        }
        Database?.Dispose();
    }
}

/// <summary>A test that needs PostgreSQL and nginx: skipped without them, unless CI=true (then it runs and fails loudly).</summary>
public sealed class ProxiedFactAttribute : FactAttribute
{
    public ProxiedFactAttribute(bool needsBrowser = false)
    {
        var missing = ProxiedInstances.Missing ?? (needsBrowser && BrowserEnvironment.ChromiumPath is null ? BrowserEnvironment.InstallHint : null);
        if (missing is not null && !TestDatabaseServer.IsCi)
        {
            Skip = missing;
        }
    }
}
