using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using TokenDashboard.Benchmarks.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Benchmarks.Load;

internal sealed record RevocationOutcome(IReadOnlyList<double> Milliseconds, double StaleAnswers, IReadOnlyList<string> Problems)
{
    public double Percentile(double p) => Tab.TabRenderer.Percentile(Milliseconds, p);
}

/// <summary>
/// Revocation across instances, as an operator runs them: two app processes (A and B) on one database. For each of
/// a set of tokens: B validates it twice (so B answers the next call from memory), a random pause (so the revocation
/// lands anywhere in the change feed's polling or ping cycle), then the token revokes itself through A
/// (users.Authentication.RevokeToken, committed when A answers), and B is asked again and again until it refuses
/// (702). The figure is the time from A's answer to B's first refusal. GetUserInfo is the question to B because its
/// answer comes from memory on both sides of the revocation: only the validator decides.
/// </summary>
internal static class RevocationRun
{
    private const string RevokeToken = "/1.0/users/authentication/rest/revoketoken";
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);

    public static async Task<RevocationOutcome> RunAsync(BenchStore store, BenchOptions options, TextWriter log)
    {
        var tokens = Enumerable.Range(0, options.RevocationSamples).Select(_ => TokenFormat.Generate()).ToList();
        await using (var seeding = await InProcessApp.OpenAsync(store.Settings))
        {
            await PostgresStore.AddTokensAsync(seeding, store.DemoUserId, tokens.Select((t, i) => (t, $"revocation {i:D4}", "extended-access")));
        }

        var environment = LoadRun.Environment(store, options, trackLastUsed: true);
        await using var a = await AppProcess.StartAsync(environment);
        await using var b = await AppProcess.StartAsync(environment);
        log.WriteLine($"Revocation on {store.Describe()}: instance A pid {a.ProcessId} on {a.BaseUrl}, instance B pid {b.ProcessId} on {b.BaseUrl}, {tokens.Count} tokens");

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var problems = new List<string>();
        var times = new List<double>();
        long stale = 0;
        var random = new Random(7);
        foreach (var token in tokens)
        {
            for (var i = 0; i < 2; i++)
            {
                if (await ResultAsync(client, b.BaseUrl + LoadRun.GetUserInfo, token) is not 0 and var refused)
                {
                    problems.Add($"Revocation: instance B answered {refused} for a live token before its revocation.");
                }
            }
            await Task.Delay(random.Next(0, 250));

            if (await ResultAsync(client, a.BaseUrl + RevokeToken, token) is not 0 and var failed)
            {
                problems.Add($"Revocation: RevokeToken through instance A answered {failed}.");
                continue;
            }
            var since = Stopwatch.StartNew();
            while (await ResultAsync(client, b.BaseUrl + LoadRun.GetUserInfo, token) == 0)
            {
                stale++;
                if (since.Elapsed > GiveUpAfter)
                {
                    problems.Add($"Revocation: instance B still accepted a token {GiveUpAfter.TotalSeconds} s after instance A revoked it.");
                    break;
                }
            }
            times.Add(since.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        log.WriteLine($"Revocation on {store.Describe()}: p50 {Tab.TabRenderer.Percentile(times, 0.5):F1} ms, p99 {Tab.TabRenderer.Percentile(times, 0.99):F1} ms, " +
                      $"max {times.LastOrDefault():F1} ms over {times.Count} revocations; {stale} answers of B still accepted a revoked token");
        return new RevocationOutcome(times, times.Count == 0 ? 0 : (double)stale / times.Count, problems);
    }

    /// <summary>The API's result code for one call with <paramref name="token"/> as the bearer.</summary>
    private static async Task<int> ResultAsync(HttpClient client, string url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("result").GetInt32();
    }
}
