using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Accounts.Mail;
using TokenDashboard.Data;

namespace TokenDashboard.Tokens.Reminders;

/// <summary>A token the bell shows: expiring within <see cref="ExpiryReminders.Window"/> days, or expired within it.</summary>
internal sealed record ExpiryNotice(int TokenId, string Description, DateOnly ExpiresOn, int DaysLeft)
{
    public bool Expired => DaysLeft < 0;
}

/// <summary>
/// Expiry reminders: the app bar's bell (per user, read on demand) and the e-mails due 7 days and 1 day before a
/// token's last valid day. "Days left" counts the expiry day itself as 0, as the grid does.
/// Mail goes only to a confirmed address, at most once a day per account: one message lists every token due (a
/// reminder that comes due after that day's message goes out in the next day's). Each reminder is claimed by
/// inserting its row (unique per token, expiry date and threshold), and the day by moving the account's
/// <see cref="AccountMarks"/> value, before the message is sent — so restarts and several instances never send
/// twice; a failed send gives both claims back for the next round.
/// </summary>
internal sealed class ExpiryReminders(
    IDbContextFactory<AppDbContext> dbFactory,
    Mailer mailer,
    AccountMarks marks,
    TimeProvider clock,
    ILogger<ExpiryReminders> logger)
{
    public const int Window = 7;
    public static readonly int[] Thresholds = [7, 1];

    /// <summary>The mail's subject: fixed text, never anything a person typed.</summary>
    public const string Subject = "Access tokens of your TokenDashboard account expire soon";

    private const string DayMark = "LastReminderDay";

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

    /// <summary>Sends every account's due reminders, one message per account and day; returns how many messages went out.</summary>
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
                .Join(db.Users.Where(u => u.EmailConfirmed && u.Email != null), t => t.UserId, u => u.Id,
                    (t, u) => new { t.Id, t.UserId, t.Description, ExpiresOn = t.ExpiresOn!.Value, u.Email })
                .ToListAsync(cancellationToken);
            var ids = candidates.Select(c => c.Id).ToList();
            var sent = (await db.ExpiryReminders.AsNoTracking().Where(r => ids.Contains(r.TokenId))
                    .Select(r => new { r.TokenId, r.ExpiresOn, r.DaysBefore }).ToListAsync(cancellationToken))
                .Select(r => (r.TokenId, r.ExpiresOn, r.DaysBefore)).ToHashSet();
            due = [.. candidates
                .Select(c => new Due(c.Id, c.UserId, c.Description, c.ExpiresOn, c.Email!, c.ExpiresOn.DayNumber - today.DayNumber))
                // Only the nearest threshold crossed: a token made with 3 days left gets the 7-day reminder now and the 1-day one later.
                .Select(d => d with { Threshold = Thresholds.Where(t => d.DaysLeft <= t).DefaultIfEmpty(0).Min() })
                .Where(d => d.Threshold > 0 && !sent.Contains((d.TokenId, d.ExpiresOn, d.Threshold)))];
        }

        var count = 0;
        foreach (var account in due.GroupBy(d => d.UserId))
        {
            if (await SendDigestAsync(account.Key, [.. account.OrderBy(d => d.DaysLeft).ThenBy(d => d.TokenId)], today, cancellationToken))
            {
                count++;
            }
        }
        return count;
    }

    private async Task<bool> SendDigestAsync(string userId, IReadOnlyList<Due> reminders, DateOnly today, CancellationToken cancellationToken)
    {
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (claimedDay, previousDay) = await marks.TryMoveAsync(userId, DayMark, day,
            lastDay => lastDay is null || string.CompareOrdinal(lastDay, day) < 0, cancellationToken);
        if (!claimedDay)
        {
            return false; // this account had its message today (here or on another instance); the rest waits for tomorrow
        }
        var claimed = new List<(Due Reminder, long Claim)>();
        foreach (var reminder in reminders)
        {
            if (await TryClaimAsync(reminder, cancellationToken) is { } claim)
            {
                claimed.Add((reminder, claim));
            }
        }
        try
        {
            if (claimed.Count == 0)
            {
                await marks.RestoreAsync(userId, DayMark, day, previousDay, cancellationToken);
                return false;
            }
            await mailer.SendAsync(claimed[0].Reminder.Email, Subject, ReminderDigest.Body([.. claimed.Select(c => c.Reminder.Notice)], mailer.DashboardUrl), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Expiry reminders for account {UserId} could not be sent; they are retried in the next round", userId);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var ids = claimed.Select(c => c.Claim).ToList();
            await db.ExpiryReminders.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
            await marks.RestoreAsync(userId, DayMark, day, previousDay, cancellationToken);
            return false;
        }
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

    private sealed record Due(int TokenId, string UserId, string Description, DateOnly ExpiresOn, string Email, int DaysLeft, int Threshold = 0)
    {
        public ExpiryNotice Notice => new(TokenId, Description, ExpiresOn, DaysLeft);
    }
}
