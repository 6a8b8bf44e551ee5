using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TokenDashboard.Accounts;
using TokenDashboard.Data;
using TokenDashboard.Platform;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Security;

/// <summary>
/// 16 workers × 300 mixed operations on one database file: every operation is acknowledged (no error, no
/// "database is locked"), and the final state is exactly what the acknowledged operations imply.
/// </summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private const int Workers = 16;
    private const int OperationsPerWorker = 300;

    // The concurrency under test is the database's, not PBKDF2's: a cheaper (still real) hash keeps the run short.
    private readonly AppFactory factory = new()
    {
        TestServices = services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000),
    };

    [Fact]
    public async Task Mixed_operations_from_sixteen_workers_are_all_acknowledged_and_add_up()
    {
        var client = factory.CreateClient();
        var workers = new List<Worker>();
        for (var i = 0; i < Workers; i++)
        {
            var actor = await factory.CreateUserAsync($"worker{i}@example.com");
            Assert.True((await factory.Get<EnvironmentService>().CreateAsync(actor.UserId, $"env-{i}", null)).Succeeded);
            var apiToken = (await factory.Get<TokenService>().GenerateAsync(actor, new TokenDraft("api", null, "ide-plugins"), AppFactory.DemoPassword)).Value!;
            workers.Add(new Worker(i, actor, $"env-{i}", apiToken, factory, client));
        }

        await Task.WhenAll(workers.Select(w => Task.Run(w.RunAsync)));

        Assert.Empty(workers.SelectMany(w => w.Errors));
        Assert.Equal(Workers * OperationsPerWorker, workers.Sum(w => w.Acknowledged));
        foreach (var worker in workers)
        {
            await worker.AssertFinalStateAsync();
        }
        await using var db = factory.Database.CreateContext();
        Assert.Equal(workers.Sum(w => w.Live.Count + 1), db.AccessTokens.Count());
    }

    private sealed class Worker(int index, Actor actor, string environment, IssuedToken apiToken, AppFactory factory, HttpClient client)
    {
        private readonly Random random = new(index);
        private readonly TokenService tokens = factory.Get<TokenService>();
        private readonly TokenValidator validator = factory.Get<TokenValidator>();
        private EnvironmentStatus status = EnvironmentStatus.Running;
        private int counter;

        public Dictionary<int, (string Description, string Value)> Live { get; } = [];
        public List<string> Dead { get; } = [];
        public List<string> Errors { get; } = [];
        public int Acknowledged { get; private set; }

        public async Task RunAsync()
        {
            for (var i = 0; i < OperationsPerWorker; i++)
            {
                try
                {
                    var error = await NextAsync(random.Next(100));
                    if (error is null)
                    {
                        Acknowledged++;
                    }
                    else
                    {
                        Errors.Add($"worker {index}, op {i}: {error}");
                    }
                }
                catch (Exception ex)
                {
                    Errors.Add($"worker {index}, op {i}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        }

        private async Task<string?> NextAsync(int roll)
        {
            var someLive = Live.Count == 0 ? (int?)null : Live.Keys.ElementAt(random.Next(Live.Count));
            switch (roll)
            {
                case < 30:
                case < 45 when someLive is null:
                {
                    var description = $"w{index}-t{++counter}";
                    var issued = await tokens.GenerateAsync(actor, new TokenDraft(description, null, "ide-plugins"), AppFactory.DemoPassword);
                    if (issued.Value is { } token)
                    {
                        Live[token.Token.Id] = (description, token.Value);
                    }
                    return issued.Error?.Message;
                }
                case < 45:
                {
                    var description = $"w{index}-e{++counter}";
                    var edited = await tokens.EditAsync(actor, someLive!.Value, new TokenDraft(description, null, null, ["environment.Control.GetEnvs"]), AppFactory.DemoPassword);
                    if (edited.Succeeded)
                    {
                        Live[someLive.Value] = (description, Live[someLive.Value].Value);
                    }
                    return edited.Error?.Message;
                }
                case < 55 when someLive is not null:
                {
                    var regenerated = await tokens.RegenerateAsync(actor, someLive.Value, AppFactory.DemoPassword);
                    if (regenerated.Value is { } token)
                    {
                        Dead.Add(Live[someLive.Value].Value);
                        Live[someLive.Value] = (Live[someLive.Value].Description, token.Value);
                    }
                    return regenerated.Error?.Message;
                }
                case < 63 when someLive is not null:
                {
                    var removed = await tokens.RemoveAsync(actor, [someLive.Value], AppFactory.DemoPassword);
                    if (removed.Succeeded)
                    {
                        Dead.Add(Live[someLive.Value].Value);
                        Live.Remove(someLive.Value);
                    }
                    return removed.Error?.Message;
                }
                case < 85 when someLive is not null:
                {
                    var validation = await validator.ValidateAsync(Live[someLive.Value].Value);
                    return validation.Token?.UserId == actor.UserId ? null : $"live token rejected: {validation.Rejection}";
                }
                default:
                {
                    var method = status == EnvironmentStatus.Running ? "environment.Control.StopEnv" : "environment.Control.StartEnv";
                    var answer = await client.GetApiAsync(method, apiToken.Value, ("envName", environment));
                    if (answer.Result == 0)
                    {
                        status = status == EnvironmentStatus.Running ? EnvironmentStatus.Stopped : EnvironmentStatus.Running;
                        return null;
                    }
                    return $"{method}: {answer}";
                }
            }
        }

        public async Task AssertFinalStateAsync()
        {
            var stored = await tokens.ListAsync(actor.UserId);
            var expected = Live.Select(l => (l.Key, l.Value.Description)).Append((apiToken.Token.Id, "api")).OrderBy(t => t.Item1);
            Assert.Equal(expected, stored.Select(t => (t.Id, t.Description)).OrderBy(t => t.Item1));
            foreach (var (_, value) in Live.Values)
            {
                Assert.Equal(actor.UserId, (await validator.ValidateAsync(value)).Token?.UserId);
            }
            foreach (var value in Dead)
            {
                Assert.Null((await validator.ValidateAsync(value)).Token);
            }
            Assert.Equal(status, (await factory.Get<EnvironmentService>().GetAsync(actor.UserId, environment)).Value!.Status);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await factory.DisposeAsync();
}
