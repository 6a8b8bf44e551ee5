using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace TokenDashboard.Hosting.Telemetry;

/// <summary>
/// <c>Diagnostics:Heap=true</c> (off by default; the circuits benchmark turns it on): <c>GET /diagnostics/heap</c>
/// forces a full, compacting garbage collection and answers what is still alive — the managed heap, the process's
/// working set and the open Blazor circuits — so that memory per open tab is measured after a GC, not guessed from
/// garbage. A forced GC stalls the process, so it answers only to a loopback caller (anyone else gets the app's 404)
/// and only when switched on.
/// </summary>
internal static class HeapDiagnostics
{
    public const string Key = "Diagnostics:Heap";
    public const string Path = "/diagnostics/heap";

    public static void AddHeapDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>(Key))
        {
            services.AddSingleton<CircuitCount>();
            services.AddSingleton<CircuitHandler>(provider => provider.GetRequiredService<CircuitCount>());
        }
    }

    public static void MapHeapDiagnostics(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Key))
        {
            return;
        }
        app.MapGet(Path, (HttpContext http, CircuitCount circuits) =>
        {
            if (http.Connection.RemoteIpAddress is not { } address || !IPAddress.IsLoopback(address))
            {
                return Results.NotFound();
            }
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return Results.Json(new HeapFigures(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, circuits.Open));
        });
    }

    public sealed record HeapFigures(long ManagedBytes, long WorkingSetBytes, int Circuits);

    /// <summary>Circuits opened and not yet closed (a disconnected one still held for reconnection counts).</summary>
    internal sealed class CircuitCount : CircuitHandler
    {
        private int open;

        public int Open => Volatile.Read(ref open);

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref open);
            return Task.CompletedTask;
        }
    }
}
