namespace TokenDashboard.Tokens.Usage;

/// <summary>One token's calls of one method on one UTC day: allowed and refused (result 8).</summary>
internal sealed record DailyUsage(DateOnly Day, string Method, long Calls, long Refused, DateTime? LastCallAt, DateTime? LastRefusedAt);

/// <summary>Calls of one method over a window, and when the last one came.</summary>
internal sealed record MethodUsage(string Method, long Calls, DateTime? LastCallAt);

/// <summary>What narrowing (or adding the refused methods) would do: the methods the token would hold, and the change.</summary>
internal sealed record MethodsPlan(IReadOnlyList<string> Result, IReadOnlyList<string> Kept, IReadOnlyList<string> Changed)
{
    /// <summary>Only offered when it changes something and leaves the token at least one method.</summary>
    public bool Worthwhile => Changed.Count > 0 && Result.Count > 0;
}

/// <summary>
/// A token's recorded usage, day by day, for the last <see cref="Days"/> days up to <see cref="Today"/> (UTC).
/// Windows of fewer days (the details view's selector, the chart's 30 days) are cut from it in memory.
/// </summary>
internal sealed record TokenUsageReport(int TokenId, DateOnly Today, int Days, IReadOnlyList<DailyUsage> Daily)
{
    /// <summary>The first day of a window of <paramref name="days"/> days ending today.</summary>
    public DateOnly From(int days) => Today.AddDays(-(Math.Clamp(days, 1, Days) - 1));

    /// <summary>Methods called (and allowed) in the window, most-called first.</summary>
    public IReadOnlyList<MethodUsage> Used(int days) => Summarize(days, d => d.Calls, d => d.LastCallAt);

    /// <summary>Methods the token tried without holding them (result 8) in the window, most-tried first.</summary>
    public IReadOnlyList<MethodUsage> Refused(int days) => Summarize(days, d => d.Refused, d => d.LastRefusedAt);

    public long TotalCalls(int days) => Used(days).Sum(u => u.Calls);

    /// <summary>Calls per day for each used method, oldest day first: one series per method for a stacked chart.</summary>
    public IReadOnlyList<(string Method, double[] PerDay)> ChartSeries(int days)
    {
        var from = From(days);
        var length = Today.DayNumber - from.DayNumber + 1;
        return Daily.Where(d => d.Day >= from && d.Calls > 0)
            .GroupBy(d => d.Method)
            .OrderByDescending(g => g.Sum(d => d.Calls)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var perDay = new double[length];
                foreach (var d in g)
                {
                    perDay[d.Day.DayNumber - from.DayNumber] += d.Calls;
                }
                return (g.Key, perDay);
            })
            .ToList();
    }

    /// <summary>Custom with exactly the held methods used in the window (in catalog order).</summary>
    public MethodsPlan NarrowPlan(IReadOnlyCollection<string> held, int days)
    {
        var used = Used(days).Select(u => u.Method).ToHashSet(StringComparer.Ordinal);
        var keep = InCatalogOrder(held.Where(used.Contains));
        return new MethodsPlan(keep, keep, InCatalogOrder(held.Where(m => !used.Contains(m))));
    }

    /// <summary>The held methods plus the grantable ones the token was refused in the window.</summary>
    public MethodsPlan AddRefusedPlan(IReadOnlyCollection<string> held, int days)
    {
        var added = Refused(days).Select(r => r.Method)
            .Where(m => !held.Contains(m) && ApiCatalog.Find(m) is { Grantable: true })
            .ToList();
        return new MethodsPlan(InCatalogOrder(held.Concat(added)), InCatalogOrder(held), InCatalogOrder(added));
    }

    private IReadOnlyList<MethodUsage> Summarize(int days, Func<DailyUsage, long> count, Func<DailyUsage, DateTime?> last)
    {
        var from = From(days);
        return Daily.Where(d => d.Day >= from && count(d) > 0)
            .GroupBy(d => d.Method)
            .Select(g => new MethodUsage(g.Key, g.Sum(count), g.Max(last)))
            .OrderByDescending(m => m.Calls).ThenBy(m => m.Method, StringComparer.Ordinal)
            .ToList();
    }

    private static List<string> InCatalogOrder(IEnumerable<string> methods)
    {
        var set = methods.ToHashSet(StringComparer.Ordinal);
        return ApiCatalog.Grantable.Select(m => m.FullName).Where(set.Contains).ToList();
    }
}
