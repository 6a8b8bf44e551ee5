using System.Diagnostics.Metrics;

namespace TokenDashboard.Data.Changes;

/// <summary>
/// The change feed as an operator watches it: notices sent and received (by topic), whether it is current (1) or not
/// (0, remembered answers unused until it is back), and how old its last proof of having heard everything is — an
/// upper bound of the lag between a commit on another instance and this one hearing it. Read when scraped, so the feed
/// itself pays nothing.
/// </summary>
internal sealed class ChangeFeedMetrics
{
    public ChangeFeedMetrics(AppMeter meter, ChangeFeed feed)
    {
        meter.Meter.CreateObservableCounter("tokendashboard.change_feed.notices.sent", () => ByTopic(feed.Sent), "{notice}",
            "Change notices this instance announced, by topic.");
        meter.Meter.CreateObservableCounter("tokendashboard.change_feed.notices.received", () => ByTopic(feed.Received), "{notice}",
            "Change notices this instance heard from other instances, by topic.");
        meter.Meter.CreateObservableGauge("tokendashboard.change_feed.healthy", () => feed.IsCurrent ? 1 : 0, null,
            "1 while the feed has proved within 750 ms that it hears every change; 0 otherwise (every call reads the database).");
        meter.Meter.CreateObservableGauge("tokendashboard.change_feed.lag", () => feed.ProofAge?.TotalSeconds ?? double.NaN, "s",
            "Age of the feed's last proof of having heard every committed change: what it may not have heard yet is at most this old.");
    }

    private static IEnumerable<Measurement<long>> ByTopic(IReadOnlyDictionary<string, ChangeFeed.Tally> tallies) =>
        tallies.Select(t => new Measurement<long>(t.Value.Count, new KeyValuePair<string, object?>("topic", t.Key)));
}
