using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts.Mail;
using TokenDashboard.Data;

namespace TokenDashboard.Tokens.Reminders;

/// <summary>A token the bell shows: expiring within <see cref="ExpiryReminders.Window"/> days, or expired within it.</summary>
public sealed record ExpiryNotice(int TokenId, string Description, DateOnly ExpiresOn, int DaysLeft)
{
    public bool Expired => DaysLeft < 0;
}

/// <summary>
/// Expiry reminders: the app bar's bell (per user, read on demand) and the e-mails sent once 7 days and once
/// 1 day before a token's last valid day. "Days left" counts the expiry day itself as 0, as the grid does.
/// A reminder is claimed by inserting its row (unique per token, expiry date and threshold) before the message is
/// sent, so restarts and several instances never send it twice; a failed send gives the claim back for the next round.
/// </summary>
public sealed class ExpiryReminders(
    IDbContextFactory<AppDbContext> dbFactory,
    Mailer mailer,
    TimeProvider clock,
    ILogger<ExpiryReminders> logger)
{
    public const int Window = 7;
    public static readonly int[] Thresholds = [7, 1];

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IReadOnlyList<ExpiryNotice>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var (from, to) = (today.AddDays(-Window), today.AddDays(Window));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.AccessTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.ExpiresOn != null && t.ExpiresOn >= from && t.ExpiresOn <= to)
            .Select(t => new { t.Id, t.Description, ExpiresOn = t.ExpiresOn!.Value })
            .ToListAsync(cancellationToken);
        return tokens
            .Select(t => new ExpiryNotice(t.Id, t.Description, t.ExpiresOn, t.ExpiresOn.DayNumber - today.DayNumber))
            .OrderBy(n => n.Expired).ThenBy(n => Math.Abs(n.DaysLeft)).ThenBy(n => n.TokenId)
            .ToList();
    }

    /// <summary>Sends every reminder that is due and not yet sent; returns how many went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        if (!mailer.Enabled)
        {
            return 0;
        }
        var today = Today;
        var last = today.AddDays(Thresholds.Max());
        List<Due> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var candidates = await db.AccessTokens.AsNoTracking()
                .Where(t => t.ExpiresOn != null && t.ExpiresOn >= today && t.ExpiresOn <= last)
                .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { t.Id, t.Description, ExpiresOn = t.ExpiresOn!.Value, u.Email })
                .ToListAsync(cancellationToken);
            var ids = candidates.Select(c => c.Id).ToList();
            var sent = (await db.ExpiryReminders.AsNoTracking().Where(r => ids.Contains(r.TokenId))
                    .Select(r => new { r.TokenId, r.ExpiresOn, r.DaysBefore }).ToListAsync(cancellationToken))
                .Select(r => (r.TokenId, r.ExpiresOn, r.DaysBefore)).ToHashSet();
            due = [.. candidates
                .Where(c => !string.IsNullOrEmpty(c.Email))
                .Select(c => new Due(c.Id, c.Description, c.ExpiresOn, c.Email!, c.ExpiresOn.DayNumber - today.DayNumber))
                // Only the nearest threshold crossed: a token made with 3 days left gets the 7-day reminder now and the 1-day one later.
                .Select(d => d with { Threshold = Thresholds.Where(t => d.DaysLeft <= t).DefaultIfEmpty(0).Min() })
                .Where(d => d.Threshold > 0 && !sent.Contains((d.TokenId, d.ExpiresOn, d.Threshold)))];
        }

        var count = 0;
        foreach (var reminder in due)
        {
            if (await TryClaimAsync(reminder, cancellationToken) is not { } claim)
            {
                continue; // another instance (or round) has it
            }
            try
            {
                await mailer.SendAsync(reminder.Email, reminder.Subject, reminder.Body(mailer.DashboardUrl), cancellationToken);
                count++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Expiry reminder for token {TokenId} could not be sent; it is retried in the next round", reminder.TokenId);
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                await db.ExpiryReminders.Where(r => r.Id == claim).ExecuteDeleteAsync(cancellationToken);
            }
        }
        return count;
    }

    private async Task<long?> TryClaimAsync(Due reminder, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = new ExpiryReminder { TokenId = reminder.TokenId, ExpiresOn = reminder.ExpiresOn, DaysBefore = reminder.Threshold, SentAt = clock.GetUtcNow().UtcDateTime };
        db.ExpiryReminders.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return row.Id;
        }
        catch (DbUpdateException)
        {
            return null; // the unique index: already claimed, or the token was removed meanwhile
        }
    }

    private sealed record Due(int TokenId, string Description, DateOnly ExpiresOn, string Email, int DaysLeft, int Threshold = 0)
    {
        public string Subject => DaysLeft switch
        {
            0 => $"Your access token \"{Description}\" expires today",
            1 => $"Your access token \"{Description}\" expires tomorrow",
            _ => $"Your access token \"{Description}\" expires in {DaysLeft} days",
        };

        public string Body(string? dashboardUrl) =>
            $"""
            Your personal access token "{Description}" is valid through {ExpiresOn:dd-MM-yyyy} (UTC); after that day every call with it is refused.

            If a script still needs it, open the token in the dashboard, give it a new expiry date and regenerate it:
            {(dashboardUrl ?? "").TrimEnd('/')}/settings/access-tokens?token={TokenId}

            If nothing uses it any more, let it expire or remove it.

            -- TokenDashboard (sent once {Threshold} day{(Threshold == 1 ? "" : "s")} before expiry)
            """;
    }
}
