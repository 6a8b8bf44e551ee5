using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;
using TokenDashboard.Hosting.Logging;

namespace TokenDashboard.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry, only as far as it is asked for. <c>Metrics:Enabled=true</c>: a Prometheus endpoint at /metrics with
/// the app's meter (<see cref="AppMeter"/>), ASP.NET Core's <c>http.server.*</c> and the runtime's figures, readable
/// as <see cref="MetricsAccess"/> says. <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set (the standard variable; the exporter
/// reads the rest of the standard ones too): traces of requests and EF Core commands go there by OTLP. Neither:
/// nothing is registered, and nothing is measured.
/// </summary>
internal static class TelemetryExtensions
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        var access = MetricsAccess.From(builder.Configuration);
        builder.Services.AddSingleton(access);
        var traces = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        if (!access.Enabled && !traces)
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("TokenDashboard"));
        if (access.Enabled)
        {
            builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<CircuitHandler, OpenCircuits>());
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(AppMeter.Name)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
            if (access.Port is { } port)
            {
                // Added to the addresses the app listens on (--urls, ASPNETCORE_URLS, or Kestrel's default).
                var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : "http://localhost:5000";
                builder.WebHost.UseUrls($"{urls};http://*:{port}");
            }
        }
        if (traces)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.EnrichWithHttpRequest = (activity, _) => RedactUrl(activity))
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter());
        }
    }

    /// <summary>
    /// Platform clients put the token in the query (<c>session=…</c>). The instrumentation already masks query values;
    /// this applies the same rules as the logs on top, to every URL part a span carries, whatever that default becomes.
    /// </summary>
    internal static void RedactUrl(System.Diagnostics.Activity activity)
    {
        foreach (var tag in (string[])["url.query", "url.path", "url.full", "http.target"])
        {
            if (activity.GetTagItem(tag) is string value && SecretRedactor.ContainsSecret(value))
            {
                activity.SetTag(tag, SecretRedactor.Redact(value));
            }
        }
        if (SecretRedactor.ContainsSecret(activity.DisplayName))
        {
            activity.DisplayName = SecretRedactor.Redact(activity.DisplayName);
        }
    }

    /// <summary>/metrics for those <see cref="MetricsAccess"/> allows; for everyone else it falls through to the app's 404.</summary>
    public static void UseMetricsEndpoint(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<MetricsAccess>();
        if (!access.Enabled)
        {
            return;
        }
        // The feed's gauges read the feed when scraped; they exist once this is made.
        app.Services.GetRequiredService<ChangeFeedMetrics>();
        if (access.Port is not null)
        {
            app.Use((http, next) =>
            {
                if (access.IsMetricsPortElsewhere(http))
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }
                return next(http);
            });
        }
        app.UseOpenTelemetryPrometheusScrapingEndpoint(access.Allows);
    }
}
