using System.Collections.Concurrent;
using System.Diagnostics;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Proxy;

/// <summary>
/// One of two instances behind nginx is killed with SIGKILL in the middle of writes: the other keeps answering
/// (directly and through the sticky proxy, which moves the survivors' clients over), and every change that was
/// acknowledged, by either instance, is in the database.
/// </summary>
public sealed class KillOneInstanceBehindNginxTests
{
    [ProxiedFact]
    public async Task Killing_one_instance_mid_load_leaves_the_other_answering_and_loses_nothing_acknowledged()
    {
        // Instances of its own: the kill would spoil a shared fixture.
        var instances = new ProxiedInstances();
        await instances.InitializeAsync();
        try
        {
            await RunAsync(instances);
        }
        finally
        {
            await instances.DisposeAsync();
        }
    }

    private static async Task RunAsync(ProxiedInstances instances)
    {
        using var toA = instances.Nginx.PinnedClient(0);
        using var toB = instances.Nginx.PinnedClient(1);
        using var sticky = new HttpClient { BaseAddress = instances.Nginx.Sticky, Timeout = TimeSpan.FromSeconds(30) };
        var session = await instances.A.SigninAsync(); // sessions live in the database: good on both
        var acknowledged = new ConcurrentBag<string>();
        var failuresOnB = new ConcurrentBag<string>();
        var stickyAfterKill = 0;
        var killedAt = long.MaxValue;
        using var writing = new CancellationTokenSource();

        async Task WriteAsync(string name, HttpClient client, bool mustNotFail)
        {
            for (var n = 0; !writing.IsCancellationRequested; n++)
            {
                var env = $"{name}-{n}";
                try
                {
                    var answer = await client.GetApiAsync("environment.Control.CreateEnvironment", session, ("envName", env));
                    if (answer.Result == 0)
                    {
                        acknowledged.Add(env);
                        if (client == sticky && Stopwatch.GetTimestamp() > Volatile.Read(ref killedAt))
                        {
                            Interlocked.Increment(ref stickyAfterKill);
                        }
                    }
                    else if (mustNotFail)
                    {
                        failuresOnB.Add(answer.Body);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
                {
                    if (mustNotFail)
                    {
                        failuresOnB.Add(ex.Message);
                    }
                    else if (client == toA)
                    {
                        return; // A is gone: this write was never acknowledged
                    }
                }
            }
        }

        var writers = new[]
        {
            Task.Run(() => WriteAsync("a1", toA, mustNotFail: false)),
            Task.Run(() => WriteAsync("a2", toA, mustNotFail: false)),
            Task.Run(() => WriteAsync("b1", toB, mustNotFail: true)),
            Task.Run(() => WriteAsync("b2", toB, mustNotFail: true)),
            Task.Run(() => WriteAsync("s1", sticky, mustNotFail: false)),
        };
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        instances.A.Kill();
        Volatile.Write(ref killedAt, Stopwatch.GetTimestamp());
        await Task.Delay(TimeSpan.FromSeconds(3));
        writing.Cancel();
        await Task.WhenAll(writers);

        Assert.Empty(failuresOnB);
        Assert.True(stickyAfterKill > 0, "Nothing was acknowledged through the sticky proxy after the kill.");
        var envs = await toB.GetApiAsync("environment.Control.GetEnvs", session);
        var names = envs["envs"].EnumerateArray().Select(e => e.GetProperty("envName").GetString()).ToHashSet();
        Assert.Contains(acknowledged, name => name.StartsWith("a", StringComparison.Ordinal));
        Assert.All(acknowledged, name => Assert.Contains(name, names));
    }
}
