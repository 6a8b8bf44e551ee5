using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Hosting;

/// <summary>
/// /diagnostics/heap, the circuits benchmark's reading of live memory: absent unless Diagnostics:Heap is on, and then
/// answered only to a loopback caller (a forced full GC stalls the process: nobody else may ask for one).
/// </summary>
public sealed class HeapDiagnosticsTests
{
    private sealed record Figures(long ManagedBytes, long WorkingSetBytes, int Circuits);

    [Fact]
    public async Task Heap_figures_are_a_404_when_off_and_answered_on_loopback_when_on()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite);
        using (var off = await AppInstance.StartAsync(database))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await off.Client.GetAsync("/diagnostics/heap")).StatusCode);
        }
        using var on = await AppInstance.StartAsync(database, new Dictionary<string, string> { ["Diagnostics__Heap"] = "true" });
        var figures = await on.Client.GetFromJsonAsync<Figures>("/diagnostics/heap");
        Assert.NotNull(figures);
        Assert.True(figures.ManagedBytes > 1_000_000, $"{figures.ManagedBytes} managed bytes");
        Assert.True(figures.WorkingSetBytes > figures.ManagedBytes, $"{figures.WorkingSetBytes} working set bytes");
        Assert.Equal(0, figures.Circuits);
    }

    [Fact]
    public async Task Heap_figures_are_a_404_to_a_caller_from_another_address_even_when_on()
    {
        await using var app = new AppFactory
        {
            TestServices = s => s.AddSingleton<IStartupFilter>(new FixedClientAddress(IPAddress.Parse("203.0.113.9"))),
        };
        app.Settings["Diagnostics:Heap"] = "true";
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/diagnostics/heap")).StatusCode);
    }
}
