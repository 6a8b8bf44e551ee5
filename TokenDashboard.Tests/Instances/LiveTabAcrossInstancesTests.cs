using Bunit;
using TokenDashboard.Components.AccessTokens;
using TokenDashboard.Data.Changes;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Instances;

/// <summary>
/// The Access Tokens tab, live across instances: the real tab rendered on instance B's services hears a token removed
/// through instance A on the shared database (SQLite's polled notices, or PostgreSQL's NOTIFY under
/// TEST_DATABASE=postgres) and drops the row by itself, within the second the change feed promises.
/// </summary>
public sealed class LiveTabAcrossInstancesTests : DashboardComponentTest
{
    private readonly TwoInstances instances;

    public LiveTabAcrossInstancesTests() : this(Started(new TwoInstances()))
    {
    }

    private LiveTabAcrossInstancesTests(TwoInstances instances) : base(instances.B) => this.instances = instances;

    private static TwoInstances Started(TwoInstances instances)
    {
        instances.InitializeAsync().GetAwaiter().GetResult();
        return instances;
    }

    [Fact]
    public async Task A_tab_open_on_B_drops_a_token_removed_through_A_by_itself()
    {
        var onA = instances.A.Get<TokenService>();
        var kept = (await onA.GenerateAsync(Demo, new TokenDraft("kept", null, "ide-plugins"), AppFactory.DemoPassword)).Value!;
        var removed = (await onA.GenerateAsync(Demo, new TokenDraft("removed on A", null, "ide-plugins"), AppFactory.DemoPassword)).Value!;
        await RevocationAcrossInstancesTests.WaitUntilCurrentAsync(instances.B.Get<ChangeFeed>());
        var tab = RenderWithProviders<AccessTokensTab>();
        tab.WaitForAssertion(() => Assert.Equal(2, tab.FindAll("tr.td-row").Count), TimeSpan.FromSeconds(10));
        var heardOnB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var beside = instances.B.Get<TokenWatcher>().Watch(Demo.UserId, () => heardOnB.TrySetResult());

        Assert.True((await onA.RemoveAsync(Demo, [removed.Token.Id], AppFactory.DemoPassword)).Succeeded);

        // The tab's reload starts when B hears the change (within the feed's second on a quiet machine; how fast is
        // the benchmarks' business, so the wait here only bounds a hang), then reads the database.
        await heardOnB.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // A topic delivers at most once a second per user, on the app's clock; this test's clocks stand still, so a
        // delivery held back behind the one the generations caused would wait for ever. Let the second pass.
        instances.B.Clock.Advance(TimeSpan.FromSeconds(2));
        tab.WaitForAssertion(() => Assert.DoesNotContain("removed on A", tab.Find("tbody").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains(kept.Token.Description, tab.Find("tbody").TextContent);
    }

    [Fact]
    public async Task Closing_the_tab_lets_go_of_every_subscription()
    {
        var tab = RenderWithProviders<AccessTokensTab>();
        tab.WaitForAssertion(() => Assert.Equal(1, instances.B.Get<TokenWatcher>().WatcherCount(Demo.UserId)));

        await DisposeComponentsAsync();

        var topics = instances.B.Get<ChangeTopics>();
        Assert.Equal((0, 0), (topics.Tokens.SubscriberCount(Demo.UserId), topics.Usage.SubscriberCount(Demo.UserId)));
    }

    protected override async ValueTask DisposeOwnedAsync() => await instances.DisposeAsync();
}
