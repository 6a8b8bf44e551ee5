using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using TokenDashboard.Accounts;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// The real app (Program) on a temp database (SQLite, or PostgreSQL under TEST_DATABASE=postgres), with the demo account's password known to the test.
/// Settings go through UseSetting so they are visible while Program registers its services.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string DemoEmail = "demo@tokendashboard.local";
    public const string DemoPassword = "Demo-Password-1!";

    public AppFactory(TempDatabase? database = null)
    {
        Database = database ?? new TempDatabase();
        ownsDatabase = database is null;
    }

    private readonly bool ownsDatabase;

    public TempDatabase Database { get; }

    /// <summary>What the app printed to the console banner.</summary>
    public StringWriter Console { get; } = new();

    /// <summary>The app's clock, starting now; tests move it forward.</summary>
    public FakeTimeProvider Clock { get; } = new(WholeSecond(DateTimeOffset.UtcNow));

    /// <summary>PostgreSQL keeps microseconds, .NET ticks are 100 ns: a clock on a whole second reads back what it wrote.</summary>
    private static DateTimeOffset WholeSecond(DateTimeOffset time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public string? DemoPasswordSetting { get; init; } = DemoPassword;

    /// <summary>
    /// Whether the app runs on <see cref="Clock"/> (tests move time by hand) or on the real clock (browser tests,
    /// where debounce timers and animations must run by themselves).
    /// </summary>
    public bool UseFakeClock { get; init; } = true;

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>The app's mail pickup directory (Notifications:PickupDirectory), a temp folder of its own unless a test sets another.</summary>
    public string MailFolder { get; } = Directory.CreateTempSubdirectory("tokendashboard-mail-").FullName;

    /// <summary>The messages written to <see cref="MailFolder"/> for one address, oldest first.</summary>
    public IReadOnlyList<EmlFile> MailsTo(string email) =>
        [.. new DirectoryInfo(MailFolder).GetFiles("*.eml").OrderBy(f => f.CreationTimeUtc).ThenBy(f => f.Name)
            .Select(f => EmlFile.Read(f.FullName))
            .Where(m => m.Headers.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase))];

    /// <summary>
    /// PBKDF2 rounds of the app's password hasher: a cheaper (still real) hash for the thousands of sign-ups and
    /// password confirmations the tests make. Null: the app's own default, which DemoAccountTests checks.
    /// </summary>
    public int? PasswordHashIterations { get; init; } = 1_000;

    /// <summary>Extra service replacements, applied after the app's own registrations.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:TokenDashboard", Database.ConnectionString);
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("DemoAccount:Password", DemoPasswordSetting ?? "");
        builder.UseSetting("Notifications:PickupDirectory", MailFolder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ConsoleBanner>();
            services.AddSingleton(new ConsoleBanner(TextWriter.Synchronized(Console)));
            if (UseFakeClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }
            if (PasswordHashIterations is { } iterations)
            {
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = iterations);
            }
            TestServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            Database.Dispose();
        }
        try
        {
            Directory.Delete(MailFolder, recursive: true);
        }
        catch (IOException)
        {
            // a mail still being written; the temp folder is cleaned by the system
        }
        GC.SuppressFinalize(this);
    }
}
