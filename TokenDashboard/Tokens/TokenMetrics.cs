using System.Diagnostics.Metrics;
using TokenDashboard.Data;

namespace TokenDashboard.Tokens;

/// <summary>
/// The Tokens part's figures on the app's meter: every token check by outcome and by what answered it (the memory of
/// remembered answers, the database, the format check before either, or a token's address allow-list), tokens created
/// and revoked, and the off-path writes of last use and usage counts (rows per write, failed writes).
/// Tags are preallocated constants: recording costs an increment, no allocation, on the hot path.
/// </summary>
public sealed class TokenMetrics
{
    private readonly Counter<long> checks;
    private readonly Counter<long> created;
    private readonly Counter<long> revoked;
    private readonly Histogram<long> flushRows;
    private readonly Counter<long> flushFailures;

    public TokenMetrics(AppMeter meter)
    {
        checks = meter.Meter.CreateCounter<long>("tokendashboard.token.checks", "{check}",
            "Token checks by outcome (valid, unknown, malformed, expired, address_refused) and what answered (memory, database, format, allow_list).");
        created = meter.Meter.CreateCounter<long>("tokendashboard.tokens.created", "{token}", "Token values issued (generated, copied, or regenerated).");
        revoked = meter.Meter.CreateCounter<long>("tokendashboard.tokens.revoked", "{token}", "Token values that stopped working (removed, regenerated, revoked by the holder).");
        flushRows = meter.Meter.CreateHistogram<long>("tokendashboard.usage.flush.rows", "{row}", "Rows per background write of last use or usage counts.");
        flushFailures = meter.Meter.CreateCounter<long>("tokendashboard.usage.flush.failures", "{write}", "Background writes of last use or usage counts that failed (kept for the next write).");
    }

    public enum Outcome { Valid, Unknown, Malformed, Expired, AddressRefused }

    public enum Source { Memory, Database, Format, AllowList }

    public enum Flush { LastUsed, Usage }

    private static readonly string[] Outcomes = ["valid", "unknown", "malformed", "expired", "address_refused"];
    private static readonly string[] Sources = ["memory", "database", "format", "allow_list"];
    private static readonly string[] Flushes = ["last_used", "usage"];

    public void Checked(Outcome outcome, Source source) =>
        checks.Add(1, new("outcome", Outcomes[(int)outcome]), new("answered_by", Sources[(int)source]));

    public void Created(int count, string how) => created.Add(count, new KeyValuePair<string, object?>("how", how));

    public void Revoked(int count, string how) => revoked.Add(count, new KeyValuePair<string, object?>("how", how));

    public void Flushed(Flush what, int rows) => flushRows.Record(rows, new KeyValuePair<string, object?>("what", Flushes[(int)what]));

    public void FlushFailed(Flush what) => flushFailures.Add(1, new KeyValuePair<string, object?>("what", Flushes[(int)what]));
}
