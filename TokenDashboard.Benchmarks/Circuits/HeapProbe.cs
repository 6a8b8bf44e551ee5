using System.Net.Http.Json;

namespace TokenDashboard.Benchmarks.Circuits;

/// <summary>The app's live memory after a forced full GC, read from its loopback-only /diagnostics/heap (Diagnostics:Heap=true).</summary>
internal sealed record HeapReading(long ManagedBytes, long WorkingSetBytes, int Circuits)
{
    public double ManagedMiB => ManagedBytes / 1024.0 / 1024.0;
    public double WorkingSetMiB => WorkingSetBytes / 1024.0 / 1024.0;

    public override string ToString() => $"managed {ManagedMiB:F1} MiB, working set {WorkingSetMiB:F0} MiB, {Circuits} circuits";

    public static async Task<HeapReading> ReadAsync(HttpClient client, string baseUrl) =>
        await client.GetFromJsonAsync<HeapReading>(baseUrl + "/diagnostics/heap")
        ?? throw new InvalidOperationException("/diagnostics/heap answered nothing.");
}

/// <summary>CPU time of a process from /proc (user + system), to see whether open tabs cost anything while nothing happens.</summary>
internal static class ProcessCpu
{
    public static TimeSpan Of(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th of the whole line.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }
}
