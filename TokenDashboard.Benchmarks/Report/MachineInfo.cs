using System.Runtime.InteropServices;

namespace TokenDashboard.Benchmarks.Report;

/// <summary>The machine a run happened on, for the table's heading (nproc, CPU, RAM, OS, .NET).</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = Read("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = Read("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ')[0], out var kb)
            ? $"{kb / 1024.0 / 1024.0:F1} GiB RAM"
            : "RAM unknown";
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        return $"{Environment.ProcessorCount} cores (nproc), {cpu}, {memory}, {os ?? RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    private static string? Read(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
}
