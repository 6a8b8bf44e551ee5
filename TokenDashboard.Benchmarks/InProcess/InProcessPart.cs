using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using TokenDashboard.Benchmarks.Infrastructure;
using TokenDashboard.Benchmarks.Report;
using TokenDashboard.Tokens;
using static TokenDashboard.Benchmarks.Report.ResultsTable;

namespace TokenDashboard.Benchmarks.InProcess;

/// <summary>
/// The in-process part: proves garbage costs no query (counted, outside any timing), runs every BenchmarkDotNet case
/// in one run, and turns the medians into the table's figures and ratios.
/// </summary>
internal static class InProcessPart
{
    private sealed record Measured(double MedianNs, double? AllocatedBytes);

    public static async Task RunAsync(BenchOptions options, ResultsTable table, TextWriter log)
    {
        int small = options.SmallStore, large = options.LargeStore;
        await ProveZeroQueriesAsync(BenchContext.App(small).Get<TokenValidator>(), BenchContext.Database(small).ProbeToken, table, log);

        var summaries = BenchmarkRunner.Run(
            [typeof(TokenFormatBenchmarks), typeof(ValidationBenchmarks), typeof(EnvironmentListBenchmarks), typeof(NaivePeerBenchmarks), typeof(PickerBenchmarks)],
            Config(options));
        var results = new Dictionary<string, Measured>();
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            if (report.ResultStatistics is not { } statistics)
            {
                continue;
            }
            var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var size = report.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == nameof(ValidationBenchmarks.StoreSize))?.Value;
            results[size is null ? name : $"{name}@{size}"] =
                new Measured(statistics.Median, report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase));
        }
        Measured? Find(string key) => results.GetValueOrDefault(key);

        const string format = "Token format";
        foreach (var (key, label) in new[] { ("ParseValid", "parse a valid token (IsWellFormed)"), ("HashOnly", "SHA-256 of a token (reference)") })
        {
            if (Find(key) is { } m)
            {
                table.Info(format, label, Figure(m));
            }
        }
        foreach (var (key, label) in new[]
                 {
                     ("RejectWrongPrefix", "reject wrong prefix (IsWellFormed)"),
                     ("RejectBadChecksum", "reject bad checksum (IsWellFormed)"),
                     ("ValidatorRejectsWrongPrefix", "reject wrong prefix (TokenValidator)"),
                     ("ValidatorRejectsBadChecksum", "reject bad checksum (TokenValidator)"),
                 })
        {
            if (Find(key) is { } m)
            {
                table.Target(format, label, Figure(m), "", "≤ 1 µs, 0 queries", m.MedianNs <= 1_000);
            }
        }

        const string validation = "Validation";
        foreach (var size in new[] { small, large })
        {
            var store = $"{size:N0} tokens";
            if (Find($"ValidateValid@{size}") is not { } valid || Find($"AdoNetFloor@{size}") is not { } floor)
            {
                continue;
            }
            table.Info(validation, $"ADO.NET floor (prepared, open connection), {store}", Figure(floor));
            table.Target(validation, $"validate a valid token, {store}", Figure(valid), Factor(valid.MedianNs / floor.MedianNs) + " floor",
                "≤ 3× floor", valid.MedianNs <= 3 * floor.MedianNs);
            if (Find($"ValidateValidAfterChange@{size}") is { } miss)
            {
                table.Info(validation, $"validate a valid token, first call after a token change (database), {store}", Figure(miss),
                    Factor(miss.MedianNs / floor.MedianNs) + " floor");
            }
            if (Find($"ValidateUnknown@{size}") is { } unknown)
            {
                table.Info(validation, $"validate a well-formed unknown token, again (remembered as unknown), {store}", Figure(unknown), Factor(unknown.MedianNs / floor.MedianNs) + " floor");
            }
            if (Find($"ValidateUnknownAfterChange@{size}") is { } unknownMiss)
            {
                table.Info(validation, $"validate a well-formed unknown token, first call after a token change (database), {store}", Figure(unknownMiss),
                    Factor(unknownMiss.MedianNs / floor.MedianNs) + " floor");
            }
            if (Find($"AdoNetOpenPerLookup@{size}") is { } open)
            {
                table.Info(validation, $"anatomy: ADO.NET lookup opening a pooled connection, {store}", Figure(open), Factor(open.MedianNs / floor.MedianNs) + " floor");
            }
            if (Find($"PragmasOnOpenConnection@{size}") is { } pragmas)
            {
                table.Info(validation, $"anatomy: the interceptor's two PRAGMAs alone, {store}", Figure(pragmas), Factor(pragmas.MedianNs / floor.MedianNs) + " floor");
            }
            if (Find($"EfContextOpenClose@{size}") is { } ef)
            {
                table.Info(validation, $"anatomy: EF pooled context + connection open/close, {store}", Figure(ef), Factor(ef.MedianNs / floor.MedianNs) + " floor");
            }
        }
        if (Find($"ValidateValid@{small}") is { } at1k && Find($"ValidateValid@{large}") is { } atLarge)
        {
            table.Target(validation, $"{large:N0} vs {small:N0} tokens (valid token)", $"{Time(atLarge.MedianNs)} vs {Time(at1k.MedianNs)}",
                Factor(atLarge.MedianNs / at1k.MedianNs), "≤ 1.3×", atLarge.MedianNs <= 1.3 * at1k.MedianNs);
            if (Find($"ValidateValidAfterChange@{small}") is { } miss1k && Find($"ValidateValidAfterChange@{large}") is { } missLarge)
            {
                table.Info(validation, $"{large:N0} vs {small:N0} tokens (first call after a change)", $"{Time(missLarge.MedianNs)} vs {Time(miss1k.MedianNs)}",
                    Factor(missLarge.MedianNs / miss1k.MedianNs));
            }
            if (Find("Pbkdf2Verify") is { } pbkdf2)
            {
                // Judged against our slowest valid-token path: the first call after a change, which goes to the database.
                var hot = Math.Max(at1k.MedianNs, atLarge.MedianNs);
                var ours = new[] { hot, Find($"ValidateValidAfterChange@{small}")?.MedianNs ?? 0, Find($"ValidateValidAfterChange@{large}")?.MedianNs ?? 0 }.Max();
                var ratio = ours == hot ? Factor(pbkdf2.MedianNs / ours) + " ours" : $"{Factor(pbkdf2.MedianNs / ours)} ours (first call), {Factor(pbkdf2.MedianNs / hot)} (remembered)";
                table.Target(validation, $"PBKDF2 peer: Identity PasswordHasher verify ({NaivePeerBenchmarks.Iterations:N0} iterations)", Figure(pbkdf2),
                    ratio, "≥ 1,000× ours", pbkdf2.MedianNs >= 1_000 * ours);
            }
        }

        if (Find("ListRemembered") is { } listed && Find("ListAfterChange") is { } listedMiss)
        {
            table.Info("GetEnvs", "list of the demo account's environments, remembered (EnvironmentService.ListAsync)", Figure(listed), Factor(listed.MedianNs / listedMiss.MedianNs) + " database");
            table.Info("GetEnvs", "list of the demo account's environments, first call after an environment change (database)", Figure(listedMiss), "1.00× database");
        }

        var searches = new[] { ("SearchEmpty", "no term (whole catalog)"), ("SearchTerm", "\"deploy\""), ("SearchNoMatch", "\"zzzz\" (no match)"), ("SearchOnlyChecked", "\"env\", Only Checked") };
        foreach (var (key, label) in searches)
        {
            if (Find(key) is { } m)
            {
                table.Target("Tab", $"picker search {label}", Figure(m), "", "≤ 2 ms", m.MedianNs <= 2_000_000);
            }
        }
        table.Note($"In-process figures are BenchmarkDotNet medians (in-process toolchain, {(options.Smoke ? "smoke job: 1 warm-up + 3 iterations of 200 ms" : "5 warm-ups + 20 iterations of 250 ms")}), allocations per operation in brackets.");
        if (options.Smoke)
        {
            table.Note($"Smoke mode: the large store has {large:N0} tokens, not 1,000,000; figures are for keeping the harness working, not for quoting.");
        }
    }

    private static string Figure(Measured m) => m.AllocatedBytes is { } bytes ? $"{Time(m.MedianNs)} ({Bytes(bytes)})" : Time(m.MedianNs);

    private static IConfig Config(BenchOptions options)
    {
        var job = options.Smoke
            ? Job.Default.WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(200)).WithId("smoke")
            : Job.Default.WithWarmupCount(5).WithIterationCount(20).WithIterationTime(TimeInterval.FromMilliseconds(250)).WithId("full");
        return ManualConfig.CreateEmpty()
            .AddJob(job.WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance))
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub)
            .WithArtifactsPath(BenchPaths.Artifacts)
            .WithOptions(ConfigOptions.JoinSummary);
    }

    /// <summary>
    /// Counts EF's commands and connection opens while the validator turns garbage away, then — to show the counter
    /// sees queries at all — while it checks a valid and an unknown token.
    /// </summary>
    private static async Task ProveZeroQueriesAsync(TokenValidator validator, string probe, ResultsTable table, TextWriter log)
    {
        const int garbageCalls = 10_000, realCalls = 100;
        var wrongPrefix = "ghp_" + probe[4..];
        var badChecksum = probe[..^1] + (probe[^1] == 'a' ? 'b' : 'a');
        var unknown = TokenFormat.Generate();

        using var counter = new QueryCounter();
        // EF re-checks for diagnostic subscribers only now and then: wait until the counter sees a real lookup.
        var live = System.Diagnostics.Stopwatch.StartNew();
        while (counter.Commands == 0 && live.Elapsed < TimeSpan.FromSeconds(30))
        {
            await validator.ValidateAsync(probe);
            await Task.Delay(50);
        }
        counter.Reset();
        for (var i = 0; i < garbageCalls; i++)
        {
            await validator.ValidateAsync(wrongPrefix);
            await validator.ValidateAsync(badChecksum);
            await validator.ValidateAsync("");
            await validator.ValidateAsync(null);
        }
        var (garbageCommands, garbageOpens) = (counter.Commands, counter.ConnectionsOpened);

        counter.Reset();
        for (var i = 0; i < realCalls; i++)
        {
            await validator.ValidateAsync(probe);
            await validator.ValidateAsync(unknown);
        }
        var (realCommands, realOpens) = (counter.Commands, counter.ConnectionsOpened);

        log.WriteLine($"Query count: {4 * garbageCalls:N0} garbage validations → {garbageCommands} commands, {garbageOpens} connection opens; " +
                      $"{2 * realCalls} well-formed (valid + unknown) → {realCommands} commands, {realOpens} opens");
        table.Target("Token format", $"queries for {4 * garbageCalls:N0} garbage validations (EF diagnostics)",
            $"{garbageCommands} commands, {garbageOpens} opens", "", "0", garbageCommands == 0 && garbageOpens == 0 && realCommands > 0);
        table.Info("Token format", $"queries for {realCalls} valid + {realCalls} unknown validations (counter check; both answers are remembered)",
            $"{realCommands} commands, {realOpens} opens");
    }
}
