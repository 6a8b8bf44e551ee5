using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Tests.Tokens.Usage;

/// <summary>Live grid updates: per user, every open tab, at most about once a second.</summary>
public sealed class TokenActivityNotifierTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly TokenActivityNotifier notifier;

    public TokenActivityNotifierTests() => notifier = new TokenActivityNotifier(clock, NullLogger<TokenActivityNotifier>.Instance);

    [Fact]
    public void Every_tab_of_the_user_hears_and_other_users_do_not()
    {
        int first = 0, second = 0, other = 0;
        using var a = notifier.Subscribe("u1", () => first++);
        using var b = notifier.Subscribe("u1", () => second++);
        using var c = notifier.Subscribe("u2", () => other++);

        notifier.Publish("u1");

        Assert.Equal((1, 1, 0), (first, second, other));
    }

    [Fact]
    public async Task A_burst_within_a_second_is_one_delivery_now_and_one_at_the_end_of_the_second()
    {
        var heard = 0;
        using var tab = notifier.Subscribe("u1", () => Interlocked.Increment(ref heard));

        for (var i = 0; i < 50; i++)
        {
            notifier.Publish("u1");
        }
        var atOnce = heard;
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Yield();
        var beforeTheSecond = heard;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => heard == 2);

        Assert.Equal((1, 1), (atOnce, beforeTheSecond));
        Assert.Equal(2, heard);
    }

    [Fact]
    public void A_closed_tab_hears_nothing_more()
    {
        var heard = 0;
        var tab = notifier.Subscribe("u1", () => heard++);

        tab.Dispose();
        notifier.Publish("u1");

        Assert.Equal(0, heard);
        Assert.Equal(0, notifier.SubscriberCount("u1"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
