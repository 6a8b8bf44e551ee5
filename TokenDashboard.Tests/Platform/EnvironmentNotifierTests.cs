using Microsoft.Extensions.Logging.Abstractions;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;
using TokenDashboard.Platform;

namespace TokenDashboard.Tests.Platform;

public sealed class EnvironmentNotifierTests
{
    private readonly EnvironmentNotifier notifier = new(
        new SqliteChangeFeed(new AppDatabase(DatabaseProvider.Sqlite, "Data Source=:memory:"), NullLogger<SqliteChangeFeed>.Instance),
        NullLogger<EnvironmentNotifier>.Instance);

    [Fact]
    public void Subscriber_hears_only_its_own_users_changes()
    {
        var heard = new List<string>();
        using var _ = notifier.Subscribe("alice", c => heard.Add(c.EnvName));

        notifier.Publish(new EnvironmentChange("bob", "bobs-env", EnvironmentChangeKind.StatusChanged));
        notifier.Publish(new EnvironmentChange("alice", "alices-env", EnvironmentChangeKind.StatusChanged));

        Assert.Equal(["alices-env"], heard);
    }

    [Fact]
    public void Disposed_subscription_hears_nothing_more()
    {
        var heard = 0;
        var subscription = notifier.Subscribe("alice", _ => heard++);

        notifier.Publish(new EnvironmentChange("alice", "a", EnvironmentChangeKind.Created));
        subscription.Dispose();
        notifier.Publish(new EnvironmentChange("alice", "a", EnvironmentChangeKind.Deleted));

        Assert.Equal(1, heard);
        Assert.Equal(0, notifier.SubscriberCount("alice"));
    }

    [Fact]
    public void A_failing_subscriber_does_not_stop_the_others_or_the_publisher()
    {
        var heard = 0;
        using var failing = notifier.Subscribe("alice", _ => throw new InvalidOperationException("boom"));
        using var working = notifier.Subscribe("alice", _ => heard++);

        notifier.Publish(new EnvironmentChange("alice", "a", EnvironmentChangeKind.StatusChanged));

        Assert.Equal(1, heard);
    }

    [Fact]
    public void Subscriber_may_unsubscribe_while_being_notified()
    {
        IDisposable? self = null;
        var heard = 0;
        self = notifier.Subscribe("alice", _ =>
        {
            heard++;
            self!.Dispose();
        });

        notifier.Publish(new EnvironmentChange("alice", "a", EnvironmentChangeKind.StatusChanged));
        notifier.Publish(new EnvironmentChange("alice", "a", EnvironmentChangeKind.StatusChanged));

        Assert.Equal(1, heard);
    }
}
