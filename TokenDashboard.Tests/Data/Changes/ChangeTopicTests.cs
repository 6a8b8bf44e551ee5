using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;

namespace TokenDashboard.Tests.Data.Changes;

/// <summary>
/// What a page hears of its user's changes: per user, every open page, a burst folded into at most one delivery a
/// gap on the throttled topics, and nothing once the page is gone. The feed is real (SQLite, not started): changes
/// from other instances arrive through the same <see cref="ChangeTopic.Heard"/> as this instance's own.
/// </summary>
public sealed class ChangeTopicTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly ChangeTopics topics;

    public ChangeTopicTests() => topics = new ChangeTopics(
        new SqliteChangeFeed(new AppDatabase(DatabaseProvider.Sqlite, "Data Source=:memory:"), NullLogger<SqliteChangeFeed>.Instance),
        clock, NullLogger<ChangeTopic>.Instance);

    [Fact]
    public void Every_page_of_the_user_hears_and_other_users_do_not()
    {
        int first = 0, second = 0, other = 0;
        using var a = topics.Tokens.Subscribe("u1", _ => first++);
        using var b = topics.Tokens.Subscribe("u1", _ => second++);
        using var c = topics.Tokens.Subscribe("u2", _ => other++);

        topics.Tokens.Heard(new TopicChange("u1", ""));

        Assert.Equal((1, 1, 0), (first, second, other));
    }

    [Fact]
    public async Task A_burst_within_the_gap_is_one_delivery_now_and_one_at_the_end_of_the_gap()
    {
        var heard = 0;
        using var tab = topics.Usage.Subscribe("u1", _ => Interlocked.Increment(ref heard));

        for (var i = 0; i < 50; i++)
        {
            topics.Usage.Heard(new TopicChange("u1", ""));
        }
        var atOnce = heard;
        clock.Advance(ChangeTopics.TabGap - TimeSpan.FromMilliseconds(1));
        await Task.Yield();
        var beforeTheGapEnds = heard;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitUntilAsync(() => heard == 2);

        Assert.Equal((1, 1), (atOnce, beforeTheGapEnds));
        Assert.Equal(2, heard);
    }

    [Fact]
    public void Environment_changes_are_not_folded_and_carry_their_detail()
    {
        var heard = new List<string>();
        using var _ = topics.Environments.Subscribe("alice", c => heard.Add(c.Detail));

        topics.Environments.Heard(new TopicChange("bob", "StatusChanged|bobs-env"));
        topics.Environments.Heard(new TopicChange("alice", "StatusChanged|a"));
        topics.Environments.Heard(new TopicChange("alice", "Deleted|a"));

        Assert.Equal(["StatusChanged|a", "Deleted|a"], heard);
    }

    [Fact]
    public void Every_change_heard_moves_the_version_whoever_listens()
    {
        var before = topics.Tokens.Version;

        topics.Tokens.Heard(new TopicChange("nobody-listens", ""));

        Assert.Equal(before + 1, topics.Tokens.Version);
        Assert.Equal(0, topics.Usage.Version);
    }

    [Fact]
    public void A_closed_page_hears_nothing_more_and_leaves_no_handler()
    {
        var heard = 0;
        var tab = topics.Environments.Subscribe("u1", _ => heard++);

        topics.Environments.Heard(new TopicChange("u1", "Created|a"));
        tab.Dispose();
        topics.Environments.Heard(new TopicChange("u1", "Deleted|a"));

        Assert.Equal(1, heard);
        Assert.Equal(0, topics.Environments.SubscriberCount("u1"));
    }

    [Fact]
    public void A_failing_subscriber_does_not_stop_the_others_or_the_announcer()
    {
        var heard = 0;
        using var failing = topics.Environments.Subscribe("alice", _ => throw new InvalidOperationException("boom"));
        using var working = topics.Environments.Subscribe("alice", _ => heard++);

        topics.Environments.Heard(new TopicChange("alice", "StatusChanged|a"));

        Assert.Equal(1, heard);
    }

    [Fact]
    public void A_subscriber_may_unsubscribe_while_being_told()
    {
        IDisposable? self = null;
        var heard = 0;
        self = topics.Environments.Subscribe("alice", _ =>
        {
            heard++;
            self!.Dispose();
        });

        topics.Environments.Heard(new TopicChange("alice", "StatusChanged|a"));
        topics.Environments.Heard(new TopicChange("alice", "StatusChanged|a"));

        Assert.Equal(1, heard);
    }

    [Fact]
    public async Task A_memory_answers_until_the_next_change_of_its_topic_only()
    {
        var reads = 0;
        var memory = topics.Environments.Remember<string, int>(TimeSpan.FromMinutes(1), 10);
        Task<int> Read(CancellationToken _) => Task.FromResult(++reads);
        var current = new ChangeReading(true, topics.Environments.Version, clock.GetUtcNow());
        memory.Remember("u1", 0, current);

        var remembered = memory.TryGet("u1", current, out var value);
        topics.Tokens.Heard(new TopicChange("u1", ""));
        var afterAnotherTopic = memory.TryGet("u1", current with { Version = topics.Environments.Version }, out _);
        topics.Environments.Heard(new TopicChange("u1", "Created|a"));
        var afterItsOwn = memory.TryGet("u1", current with { Version = topics.Environments.Version }, out _);

        Assert.True(remembered);
        Assert.Equal(0, value);
        Assert.True(afterAnotherTopic);
        Assert.False(afterItsOwn);
        Assert.False(memory.TryGet("u1", current with { Current = false }, out _));
        Assert.Equal(0, reads);
        _ = await memory.GetOrReadAsync("u2", Read, CancellationToken.None); // the feed is not running: never current, always read
        _ = await memory.GetOrReadAsync("u2", Read, CancellationToken.None);
        Assert.Equal(2, reads);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
