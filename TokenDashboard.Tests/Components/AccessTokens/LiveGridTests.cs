using System.Data.Common;
using System.Diagnostics;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TokenDashboard.Components.AccessTokens;
using TokenDashboard.Data.Changes;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tests.Instances;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Tests.Components.AccessTokens;

/// <summary>
/// The grid live without fan-out: a recorded use reaches every open tab of the user from one read of the database
/// shared by all of them (not a read per tab), and a page that shows no usage is not told about it at all.
/// </summary>
public sealed class LiveGridTests(ApiFixture app) : DashboardComponentTest(app), IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_recorded_use_reaches_ten_open_tabs_with_one_read_of_the_token_list()
    {
        var token = (await Tokens.GenerateAsync(Demo, new TokenDraft("script", null, "ide-plugins"), AppFactory.DemoPassword)).Value!;
        await RevocationAcrossInstancesTests.WaitUntilCurrentAsync(App.Get<ChangeFeed>());
        var tabs = RenderTabs();
        tabs.WaitForAssertion(() => Assert.All(Rows(tabs), row => Assert.Contains("Never", row)), TimeSpan.FromSeconds(10));
        using var reads = new StoreReads(Demo.UserId);

        var log = App.Get<TokenUseLog>();
        log.Record(token.Token.Id, "users.Account.GetUserInfo", TokenUse.Succeeded, "203.0.113.5");
        await log.FlushAsync();

        tabs.WaitForAssertion(() => Assert.All(Rows(tabs), row => Assert.Contains("just now", row)), TimeSpan.FromSeconds(10));
        // The tokens and the methods they used: two queries, once, for the ten tabs; a read per tab would be twenty.
        // What is asserted is the absence of fan-out: on a loaded machine the shared read may already be under way
        // when counting starts (none counted), or the feed may resync in between (one more shared round).
        Assert.True(reads.Count <= 6, $"{reads.Count} reads of the token list for {TabCount} tabs: a read per tab");
    }

    private const int TabCount = 10;

    /// <summary>Access Tokens tabs of the demo account side by side (under one set of MudBlazor's providers).</summary>
    private IRenderedComponent<ContainerFragment> RenderTabs()
    {
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render<ContainerFragment>(p => p.AddChildContent(builder =>
        {
            builder.OpenComponent<MudBlazor.MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudBlazor.MudDialogProvider>(1);
            builder.CloseComponent();
            for (var i = 0; i < TabCount; i++)
            {
                builder.OpenComponent<AccessTokensTab>(2);
                builder.SetKey(i);
                builder.CloseComponent();
            }
        }));
    }

    private static List<string> Rows(IRenderedComponent<ContainerFragment> tabs)
    {
        var rows = tabs.FindAll("tr.td-row").Select(r => r.TextContent).ToList();
        Assert.Equal(TabCount, rows.Count);
        return rows;
    }

    [Fact]
    public async Task The_dashboards_expiring_tokens_listen_to_token_changes_only()
    {
        await RevocationAcrossInstancesTests.WaitUntilCurrentAsync(App.Get<ChangeFeed>());
        var cut = RenderWithProviders<ExpiringTokens>();
        var topics = App.Get<ChangeTopics>();
        cut.WaitForAssertion(() => Assert.Equal(1, topics.Tokens.SubscriberCount(Demo.UserId)));

        Assert.Equal(0, topics.Usage.SubscriberCount(Demo.UserId));
    }

    /// <summary>Queries of the token store about one user (they name the user's id), counted from EF Core's diagnostics.</summary>
    private sealed class StoreReads : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string userId;
        private readonly List<IDisposable> subscriptions = [];
        private int count;

        public StoreReads(string userId)
        {
            this.userId = userId;
            subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (subscriptions)
                {
                    subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData { Command: var command }
                && command.CommandText.Contains("AccessTokens", StringComparison.Ordinal)
                && command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, userId)))
            {
                Interlocked.Increment(ref count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (subscriptions)
            {
                subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
