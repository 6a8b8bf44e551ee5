using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>Which audit entries to show; every part optional. Dates are UTC days, both ends included.</summary>
internal sealed record ActivityFilter(string? Kind = null, int? TokenId = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>One line of the account's activity: when, what, from where, which token (by its description). Never a secret.</summary>
internal sealed record ActivityEntry(long Id, DateTime At, string Kind, string? Ip, int? TokenId, string? Token, string? Detail)
{
    public string KindName => ActivityLog.KindName(Kind);
}

/// <summary>
/// A page and how many entries match: exactly, or — when <paramref name="More"/> — at least <paramref name="Total"/>
/// (the count stops <see cref="ActivityLog.CountAhead"/> entries past the page's first row).
/// </summary>
internal sealed record ActivityPage(IReadOnlyList<ActivityEntry> Entries, int Total, bool More = false);

/// <summary>
/// The account's audit trail as the Activity tab shows and exports it, read a page at a time. Kinds are the audit
/// actions themselves, so an action added anywhere in the app shows up here (and in the filter) without a change.
/// </summary>
internal sealed partial class ActivityLog(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Rows a CSV export holds at most; the tab says so when the filter matches more.</summary>
    public const int MaxExportRows = 100_000;

    /// <summary>
    /// How far past the page the count goes. A full COUNT over a busy account's million entries is most of the first
    /// page's time (it reads every matching index entry); beyond this the tab says "10,000+" and counts on as the
    /// person pages on, so a further page is always reachable.
    /// </summary>
    public const int CountAhead = 10_000;

    /// <summary>Every kind of entry, in the order the filter lists them.</summary>
    public static IReadOnlyList<string> Kinds { get; } = Enum.GetNames<AuditAction>();

    /// <summary>Each kind's name, worked out once: an export of 100,000 entries asks for it 100,000 times.</summary>
    private static readonly IReadOnlyDictionary<string, string> KindNames =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(Kinds, kind => kind, NameOf);

    /// <summary>"PasswordRejected" → "Password rejected"; token actions say so ("Token generated").</summary>
    public static string KindName(string kind) => KindNames.TryGetValue(kind, out var name) ? name : NameOf(kind);

    private static string NameOf(string kind) => kind switch
    {
        nameof(AuditAction.Created) => "Token generated",
        nameof(AuditAction.Edited) or nameof(AuditAction.Regenerated) or nameof(AuditAction.Copied)
            or nameof(AuditAction.Removed) or nameof(AuditAction.Narrowed) => "Token " + kind.ToLowerInvariant(),
        nameof(AuditAction.ReportedLeaked) => "Token reported as leaked",
        _ => Words().Replace(kind, m => " " + m.Value.ToLowerInvariant()).TrimStart(),
    };

    [GeneratedRegex("(?<=[a-z])[A-Z]")]
    private static partial Regex Words();

    public async Task<ActivityPage> PageAsync(string userId, ActivityFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, userId, filter);
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, 500);
        var limit = skip + CountAhead; // CountAhead ≥ the largest page, so a page's own rows are always inside it
        // Ordered as the (UserId, At) index is read backwards, so the limit is well-defined and costs no sort.
        var counted = await query.OrderByDescending(e => e.At).Take(limit + 1).CountAsync(cancellationToken);
        var entries = await ReadAsync(db, userId, query, skip, take, cancellationToken);
        return new ActivityPage(entries, Math.Min(counted, limit), counted > limit);
    }

    /// <summary>The filtered entries as CSV (UTC times), newest first, at most <see cref="MaxExportRows"/>.</summary>
    public async Task<string> ExportCsvAsync(string userId, ActivityFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await ReadAsync(db, userId, Filtered(db, userId, filter), 0, MaxExportRows, cancellationToken);
        var csv = new StringBuilder("Time (UTC),Kind,Token,Client address,Detail\r\n");
        foreach (var e in entries)
        {
            csv.Append(e.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(Cell(e.KindName)).Append(',')
                .Append(Cell(e.Token)).Append(',')
                .Append(Cell(e.Ip)).Append(',')
                .Append(Cell(e.Detail)).Append("\r\n");
        }
        return csv.ToString();
    }

    private static IQueryable<AuditEvent> Filtered(AppDbContext db, string userId, ActivityFilter filter)
    {
        var query = db.AuditEvents.AsNoTracking().Where(e => e.UserId == userId);
        if (filter.Kind is not null && Enum.TryParse<AuditAction>(filter.Kind, out var action))
        {
            query = query.Where(e => e.Action == action);
        }
        if (filter.TokenId is { } tokenId)
        {
            query = query.Where(e => e.TokenId == tokenId);
        }
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At < end);
        }
        return query;
    }

    private static async Task<List<ActivityEntry>> ReadAsync(AppDbContext db, string userId, IQueryable<AuditEvent> query, int skip, int take, CancellationToken cancellationToken)
    {
        var rows = await query
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(skip).Take(take)
            .Select(e => new { e.Id, e.At, e.Action, e.Ip, e.TokenId, e.Detail })
            .ToListAsync(cancellationToken);
        var names = await TokenNamesAsync(db, userId, [.. rows.Where(r => r.TokenId != null).Select(r => r.TokenId!.Value).Distinct()], cancellationToken);

        return rows.Select(r => new ActivityEntry(r.Id, r.At, r.Action.ToString(), r.Ip, r.TokenId,
                r.TokenId is { } id ? names.GetValueOrDefault(id) : null,
                r.Action == AuditAction.Removed ? null : r.Detail))
            .ToList();
    }

    /// <summary>Ids sent to the database in one query at most; keeps every provider's parameter limit far away.</summary>
    private const int IdsPerQuery = 500;

    /// <summary>
    /// Each token's name, once per token rather than once per row (a token's many entries cost one lookup): its
    /// description while it exists, else the name its removal entry kept — whatever removed it (Remove, its holder,
    /// a leak report). Entries written before removal entries kept a name had it in a Removed entry's detail.
    /// </summary>
    private static async Task<Dictionary<int, string?>> TokenNamesAsync(AppDbContext db, string userId, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var names = new Dictionary<int, string?>(ids.Count);
        foreach (var chunk in ids.Chunk(IdsPerQuery))
        {
            foreach (var live in await db.AccessTokens.AsNoTracking()
                .Where(t => t.UserId == userId && chunk.Contains(t.Id))
                .Select(t => new { t.Id, t.Description }).ToListAsync(cancellationToken))
            {
                names[live.Id] = live.Description;
            }
            var gone = chunk.Where(id => !names.ContainsKey(id)).ToArray();
            if (gone.Length == 0)
            {
                continue;
            }
            var removals = await db.AuditEvents.AsNoTracking()
                .Where(e => e.UserId == userId && e.TokenId != null && gone.Contains(e.TokenId.Value)
                    && (e.TokenName != null || e.Action == AuditAction.Removed))
                .Select(e => new { TokenId = e.TokenId!.Value, e.At, e.Id, Name = e.TokenName ?? e.Detail })
                .ToListAsync(cancellationToken);
            foreach (var removal in removals.OrderBy(r => r.At).ThenBy(r => r.Id))
            {
                names[removal.TokenId] = removal.Name; // the newest wins
            }
        }
        return names;
    }

    /// <summary>
    /// Quoted (RFC 4180) when it holds a separator any spreadsheet may split on — ',' or ';' (the list separator of
    /// many locales), a tab — or a quote or line break; a leading = + - @ tab or line break is defused with a ' so a
    /// spreadsheet never runs a description as a formula.
    /// </summary>
    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",;\"\t\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
