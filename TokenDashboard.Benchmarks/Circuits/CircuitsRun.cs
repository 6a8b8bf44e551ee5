using TokenDashboard.Benchmarks.Infrastructure;
using TokenDashboard.Benchmarks.Load;
using TokenDashboard.Benchmarks.Report;
using static TokenDashboard.Benchmarks.Report.ResultsTable;

namespace TokenDashboard.Benchmarks.Circuits;

/// <summary>
/// What an open tab costs the server (issue #26): the app as a process with <c>Diagnostics:Heap</c> on, one account
/// with 50 tokens, and N real Chromium tabs of it (half on Settings → Access Tokens, half on the Dashboard). In one
/// run: managed heap (after a full GC) and working set at N = 0, 25, 100 (smoke: 0 and 4); the time to open one more
/// tab; the CPU the app spends while the tabs sit idle; the token call's throughput with the tabs open ÷ with none
/// (measured before opening and after closing, averaged); memory 10 s and 3 min after closing them (smoke: 10 s).
/// </summary>
internal static class CircuitsRun
{
    /// <summary>Managed memory per open tab (issue #26): 0.5 MiB with an ordinary 50 tokens, 1 MiB with a thousand.</summary>
    private static double Goal => CircuitsAccount.Tokens > 50 ? 1.0 : 0.5;

    public static async Task<IReadOnlyList<string>> RunAsync(BenchStore store, BenchOptions options, ResultsTable table, TextWriter log)
    {
        var problems = new List<string>();
        if (!BrowserTabs.Installed)
        {
            problems.Add($"circuits: no Chromium at {BrowserTabs.ChromiumPath} (apt-get install chromium)");
            return problems;
        }
        if (System.Environment.GetEnvironmentVariable("CIRCUITS_GCDUMP") is { Length: > 0 } && GcDumpTool is null)
        {
            problems.Add("circuits: CIRCUITS_GCDUMP is set but dotnet-gcdump is neither on PATH nor in ~/.dotnet/tools (dotnet tool install -g dotnet-gcdump)");
            return problems;
        }
        var account = await CircuitsAccount.CreateAsync(store);
        var environment = LoadRun.Environment(store, options, trackLastUsed: true);
        environment["Diagnostics__Heap"] = "true";
        await using var app = await AppProcess.StartAsync(environment);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var area = $"Circuits, {store.Describe()}";
        log.WriteLine($"Circuits: app pid {app.ProcessId} on {app.BaseUrl}, account {account.Email} with {CircuitsAccount.Tokens} tokens");

        var levels = Levels(options);
        var url = app.BaseUrl + LoadRun.GetUserInfo;
        await WarmUpAsync(url, account.ProbeToken, options);
        await using var tabs = await BrowserTabs.SignInAsync(app.BaseUrl, account.Email, account.Password);
        // Idle means warm: one tab of each page opened and closed first, so the figure holds what the first render
        // of each page builds once for the process (component metadata, compiled code) and not per tab.
        await tabs.TimeOneMoreAsync();
        await tabs.TimeOneMoreAsync();
        var idle = await SettledAsync(client, app.BaseUrl, circuits: 0, TimeSpan.FromSeconds(90));
        log.WriteLine($"Circuits: idle, {idle}");
        await GcDumpAsync(app.ProcessId, "0", log);
        var before = await Wrk.RunAsync(url, account.ProbeToken, options.LoadDuration, options.WrkThreads, options.WrkConnections);
        log.WriteLine($"Circuits: token call with no tab open: {before.RequestsPerSecond:N0} req/s, p99 {before.P99Ms:F1} ms");
        table.Info(area, "idle app, no tab open, after one tab of each page came and went (managed heap after full GC; working set)", $"{idle.ManagedMiB:F1} MiB; {idle.WorkingSetMiB:F0} MiB");

        HeapReading? loaded = null;
        foreach (var level in levels)
        {
            await tabs.OpenUntilAsync(level, parallel: 4);
            var reading = await SettledAsync(client, app.BaseUrl, circuits: level, TimeSpan.FromSeconds(30));
            loaded = reading;
            await GcDumpAsync(app.ProcessId, level.ToString(), log);
            var perTab = (reading.ManagedBytes - idle.ManagedBytes) / (double)level / 1024 / 1024;
            var perTabSet = (reading.WorkingSetBytes - idle.WorkingSetBytes) / (double)level / 1024 / 1024;
            log.WriteLine($"Circuits: {level} tabs open: {reading}; {perTab:F2} MiB managed and {perTabSet:F2} MiB working set per tab");
            table.Target(area, $"{level} tabs open: managed heap after full GC, per tab", $"{reading.ManagedMiB:F1} MiB, {perTab:F2} MiB per tab",
                $"{reading.Circuits} circuits", $"≤ {Goal:0.0} MiB per tab", perTab <= Goal);
            table.Info(area, $"{level} tabs open: working set, per tab", $"{reading.WorkingSetMiB:F0} MiB, {perTabSet:F2} MiB per tab");
            var opens = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                opens.Add(await tabs.TimeOneMoreAsync());
            }
            opens.Sort();
            table.Info(area, $"{level} tabs open: time to open one more tab until its list shows (median of 3)", Milliseconds(opens[1]), $"max {Milliseconds(opens[^1])}");
        }

        var cpuWindow = options.Smoke ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(20);
        var cpuBefore = ProcessCpu.Of(app.ProcessId);
        await Task.Delay(cpuWindow);
        var cpu = ProcessCpu.Of(app.ProcessId) - cpuBefore;
        table.Info(area, $"{tabs.Count} tabs open, nothing happening: app CPU over {cpuWindow.TotalSeconds:0} s", $"{cpu.TotalMilliseconds:F0} ms",
            $"{cpu / cpuWindow:P1} of one core");

        var with = await Wrk.RunAsync(url, account.ProbeToken, options.LoadDuration, options.WrkThreads, options.WrkConnections);
        log.WriteLine($"Circuits: token call with {tabs.Count} tabs open: {with.RequestsPerSecond:N0} req/s, p99 {with.P99Ms:F1} ms");
        var open = tabs.Count;
        await tabs.CloseAllAsync();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var after10 = await HeapReading.ReadAsync(client, app.BaseUrl);
        log.WriteLine($"Circuits: 10 s after closing: {after10}");
        await GcDumpAsync(app.ProcessId, "closed-10s", log);
        var after = await Wrk.RunAsync(url, account.ProbeToken, options.LoadDuration, options.WrkThreads, options.WrkConnections);
        log.WriteLine($"Circuits: token call after closing: {after.RequestsPerSecond:N0} req/s, p99 {after.P99Ms:F1} ms");
        var none = (before.RequestsPerSecond + after.RequestsPerSecond) / 2;
        var share = with.RequestsPerSecond / none;
        table.Target(area, $"token call (GetUserInfo, the account's own token) with {open} of its tabs open ÷ with none",
            $"{with.RequestsPerSecond:N0} vs {none:N0} req/s, p99 {Milliseconds(with.P99Ms)} vs {Milliseconds(before.P99Ms)}", Factor(share), "≥ 0.8×", share >= 0.8);
        foreach (var result in new[] { before, with, after })
        {
            if (result.Errors > 0)
            {
                problems.Add($"circuits: {result.Non2xx} non-2xx answers and {result.SocketErrors} socket errors from the token call");
            }
        }

        table.Info(area, $"10 s after closing the {open} tabs: managed heap; circuits still held", $"{after10.ManagedMiB:F1} MiB", $"{after10.Circuits} circuits");
        if (!options.Smoke)
        {
            // Past the retention of disconnected circuits: whatever a closed tab left behind has been let go by now.
            await Task.Delay(TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(10) - options.LoadDuration);
            var after3 = await HeapReading.ReadAsync(client, app.BaseUrl);
            log.WriteLine($"Circuits: 3 min after closing: {after3}");
            await GcDumpAsync(app.ProcessId, "closed-3min", log);
            var back = after3.ManagedBytes / (double)idle.ManagedBytes;
            table.Target(area, $"3 min after closing the {open} tabs: managed heap vs idle", $"{after3.ManagedMiB:F1} vs {idle.ManagedMiB:F1} MiB, {after3.Circuits} circuits",
                Factor(back), "≤ 1.10× idle", back <= 1.10);
        }
        if (loaded is not null)
        {
            table.Note($"Circuits: {CircuitsAccount.Tokens} tokens on one account; tabs are pages of one signed-in headless Chromium context (Debian chromium), " +
                       $"alternately Settings → Access Tokens (open once its {CircuitsAccount.RowsShown}th row shows) and the Dashboard; memory is the app's, read at /diagnostics/heap " +
                       "(forced compacting full GC; GC.GetTotalMemory, Process.WorkingSet64); the token call runs under wrk as in the HTTP load, " +
                       "with no tab open before and after the tabs (their mean), and with the tabs open; Chromium shares the machine's cores with the app and wrk.");
        }
        return problems;
    }

    /// <summary>
    /// With <c>CIRCUITS_GCDUMP=folder</c>: a <c>dotnet-gcdump</c> of the app at each level (0.gcdump, 25.gcdump, ...) and
    /// after closing (closed-10s, closed-3min), to compare what the heap holds with and without tabs, and what stays once
    /// they are gone (<c>dotnet-gcdump report</c>). Needs the dotnet-gcdump tool.
    /// </summary>
    private static async Task GcDumpAsync(int processId, string tabs, TextWriter log)
    {
        if (System.Environment.GetEnvironmentVariable("CIRCUITS_GCDUMP") is not { Length: > 0 } folder)
        {
            return;
        }
        Directory.CreateDirectory(folder);
        var info = new System.Diagnostics.ProcessStartInfo(GcDumpTool!) { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in new[] { "collect", "-p", processId.ToString(), "-o", Path.Combine(folder, $"{tabs}.gcdump") })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("dotnet-gcdump did not start.");
        await process.WaitForExitAsync();
        log.WriteLine($"Circuits: gcdump at {tabs} tabs: {await process.StandardOutput.ReadToEndAsync()}");
    }

    /// <summary>dotnet-gcdump on PATH, or where <c>dotnet tool install -g</c> puts it (not on PATH in every shell).</summary>
    private static string? GcDumpTool =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append(Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".dotnet", "tools"))
            .Select(folder => Path.Combine(folder, "dotnet-gcdump"))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// The tab counts measured: 25 and 100 (smoke: 4), or <c>CIRCUITS_LEVELS=20</c> (comma-separated, rising) for a
    /// smaller run, e.g. beside gcdumps on a shared machine.
    /// </summary>
    private static int[] Levels(BenchOptions options)
    {
        if (System.Environment.GetEnvironmentVariable("CIRCUITS_LEVELS") is { Length: > 0 } text)
        {
            var levels = text.Split(',', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
            if (levels.Length == 0 || levels.Any(level => level <= 0) || !levels.SequenceEqual(levels.Order()))
            {
                throw new ArgumentException($"CIRCUITS_LEVELS must list rising tab counts above 0, e.g. 20 or 25,100; got '{text}'.");
            }
            return levels;
        }
        return options.Smoke ? [4] : [25, 100];
    }

    /// <summary>The token call's path tiered up before anything is compared with it.</summary>
    private static async Task WarmUpAsync(string url, string token, BenchOptions options)
    {
        var previous = 0.0;
        for (var run = 1; run <= options.WarmupRuns; run++)
        {
            var warm = await Wrk.RunAsync(url, token, options.LoadWarmup, options.WrkThreads, options.WrkConnections);
            if (previous > 0 && Math.Abs(warm.RequestsPerSecond - previous) <= 0.05 * previous)
            {
                return;
            }
            previous = warm.RequestsPerSecond;
        }
    }

    /// <summary>A reading once exactly <paramref name="circuits"/> circuits are open (closed ones take a moment to go), or the last one.</summary>
    private static async Task<HeapReading> SettledAsync(HttpClient client, string baseUrl, int circuits, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var reading = await HeapReading.ReadAsync(client, baseUrl);
            if (reading.Circuits == circuits || DateTime.UtcNow > deadline)
            {
                return reading;
            }
            await Task.Delay(1000);
        }
    }
}
