using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TokenDashboard.Accounts;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api;

/// <summary>"RateLimits" section: requests per window on the API, per client address and per credential.</summary>
internal sealed class ApiRateLimitOptions
{
    public const string Section = "RateLimits";

    public int PerClientAddress { get; set; } = 6000;
    public int PerCredential { get; set; } = 3000;
    public int WindowSeconds { get; set; } = 60;

    /// <summary>ReportLeakedTokens calls per client address per hour (it needs no credential, so nothing else holds it).</summary>
    public int LeakReportsPerHour { get; set; } = LeakedTokenReports.MaxCallsPerHour;
}

/// <summary>
/// ASP.NET Core rate limiting on /1.0/…: one fixed window per client address and one per credential (a token or a
/// session, from the Authorization header or the session query parameter), chained so either can refuse; and leak
/// reports (which need no credential) per client address per hour.
/// Over the limit: HTTP 429 with Retry-After and the API's JSON result 22 (the framework would answer 503).
/// The dashboard's pages are not limited here; its password confirmations have their own hourly cap.
/// </summary>
internal static class ApiRateLimiting
{
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ApiRateLimitOptions.Section).Get<ApiRateLimitOptions>() ?? new ApiRateLimitOptions();
        var window = TimeSpan.FromSeconds(options.WindowSeconds);

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Partition(http => ClientAddress.Of(http) ?? "unknown", options.PerClientAddress, window),
                Partition(CredentialKey, options.PerCredential, window),
                Partition(LeakReportKey, options.LeakReportsPerHour, TimeSpan.FromHours(1)));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static PartitionedRateLimiter<HttpContext> Partition(Func<HttpContext, string?> key, int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<HttpContext, string>(http =>
            IsApi(http) && key(http) is { } partition
                ? RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = window,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));

    private static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/1.0");

    private static readonly PathString LeakReportPath = "/1.0/" + ApiCatalog.Find(ApiCatalog.ReportLeakedTokens)!.Path;

    /// <summary>A leak report is held per client address on its own hourly budget, apart from every other call.</summary>
    private static string? LeakReportKey(HttpContext http) =>
        http.Request.Path.Equals(LeakReportPath, StringComparison.OrdinalIgnoreCase) ? "leak " + (ClientAddress.Of(http) ?? "unknown") : null;

    /// <summary>
    /// The partition of a credential is a hash of it, so the limiter's table holds no usable secret.
    /// (A session sent in a form body falls under its client address only: the body is not read here.)
    /// </summary>
    private static string? CredentialKey(HttpContext http)
    {
        var credential = ApiCredentials.BearerOf(http.Request) ?? http.Request.Query["session"].ToString().Trim();
        return credential.Length == 0
            ? null
            : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credential)), 0, 16);
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        await ApiResponseWriter.WriteAsync(context.HttpContext.Response,
            ApiResult.Fail(ResultCodes.TooManyRequests, "Too many requests. Slow down and retry after the time in Retry-After."),
            retryAfter);
    }

    internal static string Seconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
