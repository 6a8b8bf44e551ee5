using System.Diagnostics;
using System.Reflection;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// The app as a separate process (`dotnet TokenDashboard.dll`), for what only a real process shows:
/// its exit code and console output, or surviving a kill -9.
/// </summary>
public static class AppProcess
{
    /// <summary>The app's build output beside this test assembly's configuration (Debug or Release).</summary>
    public static string AppDllPath
    {
        get
        {
            var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var testBin = AppContext.BaseDirectory;
            var repo = Path.GetFullPath(Path.Combine(testBin, "..", "..", "..", ".."));
            return Path.Combine(repo, "TokenDashboard", "bin", configuration, "net10.0", "TokenDashboard.dll");
        }
    }

    public static ProcessStartInfo StartInfo(TempDatabase database, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(AppDllPath)!,
        };
        info.ArgumentList.Add(AppDllPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in database.ProcessEnvironment)
        {
            info.Environment[key] = value;
        }
        info.Environment["DemoAccount__Password"] = AppFactory.DemoPassword;
        return info;
    }

    /// <summary>Runs a command of the app (<c>backup</c>, <c>restore</c>) to its end: exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(TempDatabase database, params string[] args)
    {
        using var process = Process.Start(StartInfo(database, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return (process.ExitCode, await output, await error);
    }
}
