using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using TokenDashboard.Data;

namespace TokenDashboard.Hosting.Telemetry;

/// <summary>Open Blazor circuits (each an open dashboard tab holding a connection and memory on this instance).</summary>
internal sealed class OpenCircuits(AppMeter meter) : CircuitHandler
{
    private readonly UpDownCounter<long> open = meter.Meter.CreateUpDownCounter<long>("tokendashboard.circuits.open", "{circuit}",
        "Blazor circuits (open dashboard tabs) on this instance.");

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        open.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        open.Add(-1);
        return Task.CompletedTask;
    }
}
