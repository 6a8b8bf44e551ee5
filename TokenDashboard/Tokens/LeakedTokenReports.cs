using System.Text;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;
using TokenDashboard.Accounts.Mail;
using TokenDashboard.Data.Changes;

namespace TokenDashboard.Tokens;

/// <summary>
/// Token values someone found where they do not belong, reported without credentials (as GitHub's credential
/// revocation works): each value that is a token is revoked at once, its owner's trail says "reported as leaked from
/// &lt;address&gt;" and the owner gets one mail per report (to a confirmed address, where mail is set up). Nothing here
/// tells the reporter which values were tokens — a failure that only a real token could cause (the mail) is logged,
/// never answered.
/// </summary>
internal sealed class LeakedTokenReports(
    IDbContextFactory<AppDbContext> dbFactory,
    ChangeTopics topics,
    Mailer mailer,
    TokenMetrics metrics,
    TimeProvider clock,
    ILogger<LeakedTokenReports> logger)
{
    public const int MaxValues = 1_000;

    /// <summary>Reports one client address may send per hour (the API's rate limiter holds it).</summary>
    public const int MaxCallsPerHour = 60;

    /// <summary>
    /// The distinct values of a report: separated by ',', ';' or line breaks, blanks dropped; more than
    /// <see cref="MaxValues"/> is refused as a whole, before anything is looked up.
    /// </summary>
    public static Result<IReadOnlyList<string>> Parse(string text)
    {
        var values = text.Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
        if (values.Count == 0)
        {
            return Error.Invalid("tokens", "Give at least one token value.");
        }
        return values.Count <= MaxValues
            ? values
            : Error.Invalid("tokens", $"At most {MaxValues:N0} values per report; this one holds {values.Count:N0}. Send the rest in further reports.");
    }

    /// <summary>Revokes every value of <paramref name="values"/> that is a token; answers how many were (for the log and tests only).</summary>
    public async Task<int> ReportAsync(IReadOnlyList<string> values, string? ip, CancellationToken cancellationToken = default)
    {
        // Malformed values never reach the database, as at every other door.
        var hashes = values.Where(v => TokenFormat.IsWellFormed(v)).Select(TokenFormat.Hash).ToList();
        if (hashes.Count == 0)
        {
            return 0;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = new List<Revoked>();
        foreach (var hash in hashes)
        {
            // One seek of the unique hash index per value: at most 1,000 per report, 60 reports an hour.
            if (await db.AccessTokens.Where(t => t.SecretHash == hash)
                    .Select(t => new Revoked(t.Id, t.UserId, t.Description, t.Hint)).FirstOrDefaultAsync(cancellationToken) is { } token)
            {
                found.Add(token);
            }
        }
        if (found.Count == 0)
        {
            return 0;
        }
        var ids = found.Select(t => t.Id).ToList();
        await db.AccessTokens.Where(t => ids.Contains(t.Id)).ExecuteDeleteAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var where = ip ?? "an unknown address";
        foreach (var token in found)
        {
            db.AuditEvents.Add(new AuditEvent
            {
                UserId = token.UserId, TokenId = token.Id, Action = AuditAction.ReportedLeaked, At = now, Ip = ip,
                Detail = $"reported as leaked from {where}", TokenName = token.Description,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        // The values stop working on the very next call, and the owners' open tabs reload.
        var owners = found.Select(t => t.UserId).Distinct().Select(userId => new TopicChange(userId, "")).ToList();
        await topics.Tokens.CommitAsync(db, transaction, owners, cancellationToken);
        metrics.Revoked(found.Count, "reported_leaked");
        logger.LogInformation("A leak report from {Address} revoked {Count} of {Values} values", where, found.Count, values.Count);
        await TellOwnersAsync(db, found, where, now, cancellationToken);
        return found.Count;
    }

    private async Task TellOwnersAsync(AppDbContext db, List<Revoked> revoked, string where, DateTime at, CancellationToken cancellationToken)
    {
        if (!mailer.Enabled)
        {
            return;
        }
        var owners = revoked.Select(t => t.UserId).Distinct().ToList();
        // Only an address its owner confirmed: a report must not become a way to mail a stranger's address.
        var emails = await db.Users.AsNoTracking()
            .Where(u => owners.Contains(u.Id) && u.EmailConfirmed && u.Email != null)
            .Select(u => new { u.Id, u.Email }).ToDictionaryAsync(u => u.Id, u => u.Email!, cancellationToken);
        foreach (var owner in revoked.GroupBy(t => t.UserId))
        {
            if (!emails.TryGetValue(owner.Key, out var email))
            {
                continue;
            }
            try
            {
                await mailer.SendAsync(email, Subject, Body(owner.ToList(), where, at, mailer.DashboardUrl), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The leak-report mail to the owner of {Count} revoked tokens could not be sent", owner.Count());
            }
        }
    }

    /// <summary>Fixed text: nothing the reporter sends goes into a mail.</summary>
    internal const string Subject = "Access tokens of yours were reported as leaked and have been revoked";

    internal static string Body(IReadOnlyList<Revoked> tokens, string where, DateTime at, string? dashboardUrl)
    {
        var text = new StringBuilder()
            .Append($"Someone reported {(tokens.Count == 1 ? "an access token" : $"{tokens.Count} access tokens")} of your TokenDashboard account as leaked ")
            .Append($"(found where it should not be, such as a public repository), from {where} on {at:yyyy-MM-dd HH:mm} UTC.\n")
            .Append("They were revoked at once and no longer work:\n\n");
        foreach (var token in tokens)
        {
            // The description is the owner's own text: shown as quoted data, shortened.
            var description = token.Description.Length <= 60 ? token.Description : token.Description[..57] + "...";
            text.Append($"  - \"{description}\" (ending in {token.Hint})\n");
        }
        text.Append("\nWhere a script still needs access, generate a new token in Settings > Access Tokens")
            .Append(dashboardUrl is null ? "" : $" of {dashboardUrl.TrimEnd('/')}")
            .Append(" and keep its value out of shared places.\n");
        return text.ToString();
    }

    internal sealed record Revoked(int Id, string UserId, string Description, string Hint);
}
