using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Accounts.Admin;
using TokenDashboard.Accounts.Mail;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;

namespace TokenDashboard.Tokens.Admin;

/// <summary>
/// One token of any account in the credentials inventory. Never its value or hash: the hint (last 4 characters) is
/// what the owner sees too. <see cref="UsedMethods"/> counts the held methods called in the last
/// <see cref="TokenInventory.UsageDays"/> days ("uses 2 of 24").
/// </summary>
internal sealed record InventoryToken(
    int Id,
    string OwnerId,
    string Owner,
    string Description,
    string Hint,
    string? Preset,
    int Methods,
    int UsedMethods,
    DateTime CreatedAt,
    DateOnly? ExpiresOn,
    DateTime? LastUsedAt,
    string? LastUsedIp,
    string? LastUsedMethod,
    bool Expired)
{
    public string Status => Expired ? "Expired" : "Active";

    /// <summary>"IDE Plugins", or "Custom: 3 methods".</summary>
    public string Permissions => Preset ?? $"Custom: {Methods} method{(Methods == 1 ? "" : "s")}";

    /// <summary>Holds more than twice what it used lately: a candidate for narrowing.</summary>
    public bool Broad => Methods >= 2 && UsedMethods * 2 < Methods;
}

/// <summary>Which tokens to list; every part optional. Days count from today (UTC).</summary>
internal sealed record InventoryFilter(
    string? Owner = null,
    bool ExpiredOnly = false,
    int? ExpiringWithinDays = null,
    int? UnusedForDays = null,
    bool NeverExpires = false,
    bool BroadOnly = false);

internal enum InventorySort { Owner, Description, Created, Expires, LastUsed, Methods }

/// <summary>A page of the inventory and how many tokens match in all.</summary>
internal sealed record InventoryPage(IReadOnlyList<InventoryToken> Tokens, int Total);

/// <summary>
/// The credentials inventory: every token of every account, for administrators only (the guard runs first, on the
/// acting user), filtered, sorted and paged; exported as CSV; and revoked one or many at once — all or nothing,
/// with the administrator's password, each owner told in their Activity and by mail.
/// </summary>
internal sealed class TokenInventory(
    IDbContextFactory<AppDbContext> dbFactory,
    Administrators administrators,
    PasswordConfirmation passwords,
    ChangeTopics topics,
    AccountNotices notices,
    TokenMetrics metrics,
    TimeProvider clock)
{
    /// <summary>The window "uses 2 of 24" is counted over.</summary>
    public const int UsageDays = 30;

    /// <summary>The most tokens one revocation takes; more is refused whole (result 4), nothing revoked.</summary>
    public const int MaxRevoke = 1000;

    /// <summary>The most days a filter looks ahead or back.</summary>
    public const int MaxDays = 3650;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<Result<InventoryPage>> ListAsync(Actor admin, InventoryFilter filter, InventorySort sort = InventorySort.Owner,
        bool descending = false, int skip = 0, int take = 50, CancellationToken cancellationToken = default)
    {
        if (await administrators.RefuseUnlessAdministratorAsync(admin, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (Check(filter) is { } invalid)
        {
            return invalid;
        }
        if (skip < 0)
        {
            return Error.Invalid("skip", "Skip 0 or more tokens.");
        }
        if (take is < 1 or > ApiCatalog.MaxAdminPage)
        {
            return Error.Invalid("take", $"Take 1 to {ApiCatalog.MaxAdminPage} tokens.");
        }
        if (filter.BroadOnly || sort == InventorySort.Methods)
        {
            // What "broad" and a preset's method count are is worked out from the catalog, so these read every match.
            var all = await ReadAsync(filter, cancellationToken);
            return new InventoryPage([.. Sort(all, sort, descending).Skip(skip).Take(take)], all.Count);
        }
        // Otherwise the database counts, orders and pages: one page of rows is read, however many tokens there are.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matches = Filtered(db, filter);
        var total = await matches.CountAsync(cancellationToken);
        var page = await Columns(Order(matches, sort, descending).Skip(skip).Take(take)).ToListAsync(cancellationToken);
        return new InventoryPage(await ToTokensAsync(db, page, cancellationToken), total);
    }

    /// <summary>The filtered tokens as CSV (UTC), in the order shown; the Activity export's cell rules.</summary>
    public async Task<Result<string>> ExportCsvAsync(Actor admin, InventoryFilter filter, InventorySort sort = InventorySort.Owner,
        bool descending = false, CancellationToken cancellationToken = default)
    {
        if (await administrators.RefuseUnlessAdministratorAsync(admin, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (Check(filter) is { } invalid)
        {
            return invalid;
        }
        var tokens = Sort(await ReadAsync(filter, cancellationToken), sort, descending);
        var csv = new StringBuilder("Owner,Description,Hint,API,Uses,Created (UTC),Expires,Last used (UTC),Last used from,Last method,Status\r\n");
        foreach (var t in tokens)
        {
            csv.Append(ActivityLog.Cell(t.Owner)).Append(',')
                .Append(ActivityLog.Cell(t.Description)).Append(',')
                .Append(ActivityLog.Cell("…" + t.Hint)).Append(',')
                .Append(ActivityLog.Cell(t.Permissions)).Append(',')
                .Append(ActivityLog.Cell($"{t.UsedMethods} of {t.Methods}")).Append(',')
                .Append(t.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(',')
                .Append(t.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never").Append(',')
                .Append(t.LastUsedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "").Append(',')
                .Append(ActivityLog.Cell(t.LastUsedIp)).Append(',')
                .Append(ActivityLog.Cell(t.LastUsedMethod)).Append(',')
                .Append(t.Status).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>
    /// Revokes the tokens <paramref name="ids"/> of any accounts, all or nothing: an empty list, more than
    /// <see cref="MaxRevoke"/>, a repeated id or one that is no token is refused (naming <c>ids</c>) before the
    /// password is asked for. Each owner gets an Activity entry per token and one mail; the administrator's trail
    /// gets one entry. Returns how many were revoked.
    /// </summary>
    public async Task<Result<int>> RevokeAsync(Actor admin, IReadOnlyCollection<int> ids, string? password, CancellationToken cancellationToken = default)
    {
        if (await administrators.RefuseUnlessAdministratorAsync(admin, cancellationToken) is { } refused)
        {
            return refused;
        }
        if (ids.Count == 0)
        {
            return Error.Invalid("ids", "Select at least one token to revoke.");
        }
        if (ids.Count > MaxRevoke)
        {
            return Error.Invalid("ids", $"Revoke at most {MaxRevoke:N0} tokens at once; {ids.Count:N0} were given. Nothing was revoked.");
        }
        if (ids.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return Error.Invalid("ids", $"Token {repeated.Key} is listed more than once. Nothing was revoked.");
        }
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var existing = await db.AccessTokens.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
            if (existing.Count != ids.Count)
            {
                return Error.Invalid("ids", $"There is no token {ids.First(id => !existing.Contains(id))} (it may have been removed). Nothing was revoked.");
            }
        }
        if (await passwords.ConfirmAsync(admin, password, cancellationToken) is { } wrong)
        {
            return wrong;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var from = $"by an administrator from {admin.Ip ?? "an unknown address"}";
        List<(int Id, string UserId, string Description, string? Email)> revoked;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            revoked = (await (from t in db.AccessTokens
                              where ids.Contains(t.Id)
                              join u in db.Users on t.UserId equals u.Id
                              select new { t.Id, t.UserId, t.Description, u.Email }).ToListAsync(cancellationToken))
                .Select(r => (r.Id, r.UserId, r.Description, (string?)r.Email)).ToList();
            // Read again inside the transaction: a token removed meanwhile makes the whole revocation refuse.
            if (revoked.Count != ids.Count)
            {
                return Error.Invalid("ids", "A token was removed meanwhile. Nothing was revoked; refresh and try again.");
            }
            await db.AccessTokens.Where(t => ids.Contains(t.Id)).ExecuteDeleteAsync(cancellationToken);
            foreach (var token in revoked)
            {
                db.AuditEvents.Add(new AuditEvent
                {
                    UserId = token.UserId, TokenId = token.Id, Action = AuditAction.RevokedByAdministrator, At = now, Ip = admin.Ip,
                    Detail = from, TokenName = token.Description,
                });
            }
            db.AuditEvents.Add(new AuditEvent
            {
                UserId = admin.UserId, Action = AuditAction.AdministratorAction, At = now, Ip = admin.Ip,
                Detail = $"Revoked {revoked.Count} token{(revoked.Count == 1 ? "" : "s")} of {string.Join(", ", revoked.Select(r => r.Email).Distinct())}",
            });
            await db.SaveChangesAsync(cancellationToken);
            await topics.Tokens.CommitAsync(db, transaction,
                [.. revoked.Select(r => r.UserId).Distinct().Select(userId => new TopicChange(userId, ""))], cancellationToken);
        }
        metrics.Revoked(revoked.Count, "revoked_by_administrator");
        foreach (var owner in revoked.GroupBy(r => r.UserId))
        {
            var names = string.Join(", ", owner.Select(r => $"\"{r.Description}\""));
            await notices.SendAsync(owner.Key, "An administrator revoked your tokens",
                $"An administrator revoked {owner.Count()} of your TokenDashboard access tokens: {names}. They no longer work.",
                admin.Ip, cancellationToken);
        }
        return revoked.Count;
    }

    private static Error? Check(InventoryFilter filter) =>
        filter.Owner is { Length: > AccountList.MaxSearchLength } ? Error.Invalid("owner", $"Search for at most {AccountList.MaxSearchLength} characters.")
        : filter.ExpiringWithinDays is < 0 or > MaxDays ? Error.Invalid("expiringDays", $"Give 0 to {MaxDays} days.")
        : filter.UnusedForDays is < 1 or > MaxDays ? Error.Invalid("unusedDays", $"Give 1 to {MaxDays} days.")
        : null;

    private async Task<List<InventoryToken>> ReadAsync(InventoryFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await ToTokensAsync(db, await Columns(Filtered(db, filter)).ToListAsync(cancellationToken), cancellationToken);
        return filter.BroadOnly ? [.. tokens.Where(t => t.Broad)] : tokens;
    }

    /// <summary>A token with its owner's address, as the filters and the order need it (set by name, so EF can still translate them).</summary>
    private sealed class Match
    {
        public required AccessToken Token { get; init; }
        public required string Email { get; init; }
        public required string? NormalizedEmail { get; init; }
    }

    /// <summary>The columns shown: never the hash.</summary>
    private sealed record Row(int Id, string UserId, string Email, string Description, string Hint, string? Preset, List<string> Methods,
        DateTime CreatedAt, DateOnly? ExpiresOn, DateTime? LastUsedAt, string? LastUsedIp, string? LastUsedMethod);

    /// <summary>Every filter but "broad", in the query.</summary>
    private IQueryable<Match> Filtered(AppDbContext db, InventoryFilter filter)
    {
        var today = Today;
        var query = from t in db.AccessTokens.AsNoTracking()
                    join u in db.Users on t.UserId equals u.Id
                    select new Match { Token = t, Email = u.Email ?? u.UserName ?? "", NormalizedEmail = u.NormalizedEmail };
        if (!string.IsNullOrWhiteSpace(filter.Owner))
        {
            var term = filter.Owner.Trim().ToUpperInvariant();
            query = query.Where(r => r.NormalizedEmail != null && r.NormalizedEmail.Contains(term));
        }
        if (filter.ExpiredOnly)
        {
            query = query.Where(r => r.Token.ExpiresOn != null && r.Token.ExpiresOn < today);
        }
        if (filter.ExpiringWithinDays is { } within)
        {
            var until = today.AddDays(within);
            query = query.Where(r => r.Token.ExpiresOn != null && r.Token.ExpiresOn >= today && r.Token.ExpiresOn <= until);
        }
        if (filter.UnusedForDays is { } unused)
        {
            var since = clock.GetUtcNow().UtcDateTime.AddDays(-unused);
            query = query.Where(r => r.Token.LastUsedAt == null || r.Token.LastUsedAt < since);
        }
        if (filter.NeverExpires)
        {
            query = query.Where(r => r.Token.ExpiresOn == null);
        }
        return query;
    }

    private static IQueryable<Row> Columns(IQueryable<Match> matches) =>
        matches.Select(r => new Row(r.Token.Id, r.Token.UserId, r.Email, r.Token.Description, r.Token.Hint, r.Token.Preset, r.Token.Methods,
            r.Token.CreatedAt, r.Token.ExpiresOn, r.Token.LastUsedAt, r.Token.LastUsedIp, r.Token.LastUsedMethod));

    /// <summary><see cref="Sort"/>'s order, by the database (case-insensitive text, never-expiring last, never-used first).</summary>
    private static IQueryable<Match> Order(IQueryable<Match> matches, InventorySort sort, bool descending)
    {
        var ordered = (sort, descending) switch
        {
            (InventorySort.Description, false) => matches.OrderBy(r => r.Token.Description.ToUpper()),
            (InventorySort.Description, true) => matches.OrderByDescending(r => r.Token.Description.ToUpper()),
            (InventorySort.Created, false) => matches.OrderBy(r => r.Token.CreatedAt),
            (InventorySort.Created, true) => matches.OrderByDescending(r => r.Token.CreatedAt),
            (InventorySort.Expires, false) => matches.OrderBy(r => r.Token.ExpiresOn == null).ThenBy(r => r.Token.ExpiresOn),
            (InventorySort.Expires, true) => matches.OrderByDescending(r => r.Token.ExpiresOn == null).ThenByDescending(r => r.Token.ExpiresOn),
            (InventorySort.LastUsed, false) => matches.OrderBy(r => r.Token.LastUsedAt != null).ThenBy(r => r.Token.LastUsedAt),
            (InventorySort.LastUsed, true) => matches.OrderByDescending(r => r.Token.LastUsedAt != null).ThenByDescending(r => r.Token.LastUsedAt),
            (_, false) => matches.OrderBy(r => r.NormalizedEmail),
            (_, true) => matches.OrderByDescending(r => r.NormalizedEmail),
        };
        return ordered.ThenBy(r => r.Token.Id);
    }

    /// <summary>The rows as shown, with how many of the held methods each called in the last <see cref="UsageDays"/> days.</summary>
    private async Task<List<InventoryToken>> ToTokensAsync(AppDbContext db, List<Row> rows, CancellationToken cancellationToken)
    {
        var today = Today;
        var usedSince = today.AddDays(-(UsageDays - 1));
        var used = new Dictionary<int, HashSet<string>>();
        foreach (var chunk in rows.Select(r => r.Id).Chunk(500))
        {
            foreach (var day in await db.TokenUsage.AsNoTracking()
                         .Where(d => chunk.Contains(d.TokenId) && d.Day >= usedSince && d.Calls > 0)
                         .Select(d => new { d.TokenId, d.Method }).Distinct().ToListAsync(cancellationToken))
            {
                (used.TryGetValue(day.TokenId, out var set) ? set : used[day.TokenId] = new(StringComparer.Ordinal)).Add(day.Method);
            }
        }
        return [.. rows.Select(r =>
        {
            var (preset, methods) = ApiCatalog.PermissionsOf(r.Preset, r.Methods);
            var calledHeld = used.TryGetValue(r.Id, out var called) ? methods.Count(called.Contains) : 0;
            return new InventoryToken(r.Id, r.UserId, r.Email, r.Description, r.Hint, preset?.Name, methods.Count, calledHeld,
                r.CreatedAt, r.ExpiresOn, r.LastUsedAt, r.LastUsedIp, r.LastUsedMethod, TokenLifetime.HasExpired(r.ExpiresOn, today));
        })];
    }

    private static IEnumerable<InventoryToken> Sort(IEnumerable<InventoryToken> tokens, InventorySort sort, bool descending)
    {
        Func<InventoryToken, object?> key = sort switch
        {
            InventorySort.Description => t => t.Description.ToUpperInvariant(),
            InventorySort.Created => t => t.CreatedAt,
            // Never-expiring tokens last when ascending: they expire after every dated one.
            InventorySort.Expires => t => t.ExpiresOn ?? DateOnly.MaxValue,
            InventorySort.LastUsed => t => t.LastUsedAt ?? DateTime.MinValue,
            InventorySort.Methods => t => t.Methods,
            _ => t => t.Owner.ToUpperInvariant(),
        };
        var ordered = descending ? tokens.OrderByDescending(key) : tokens.OrderBy(key);
        return ordered.ThenBy(t => t.Id);
    }
}
