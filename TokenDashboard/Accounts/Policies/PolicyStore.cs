using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts.Admin;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;

namespace TokenDashboard.Accounts.Policies;

/// <summary>
/// The administrators' policies: read on every token change and every page an account opens, so they are remembered
/// until the next change of them on any instance (<see cref="ChangeTopics.Policies"/>; well under a second elsewhere)
/// and <see cref="MaxAge"/> at most. A save is an administrator's (checked here on the acting user), password-confirmed, audited on the administrator's own trail and
/// committed with its notice in one transaction, together with whatever the caller changes with it.
/// </summary>
public sealed class PolicyStore(
    IDbContextFactory<AppDbContext> dbFactory,
    ChangeTopics topics,
    PasswordConfirmation passwords,
    Administrators administrators,
    TimeProvider clock)
{
    /// <summary>How long a read policy is trusted at most, even with no change heard (one made behind the app's back).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly TopicMemory<int, SitePolicies> remembered = topics.Policies.Remember<int, SitePolicies>(MaxAge, maxEntries: 1);

    /// <summary>The policies in force (<see cref="SitePolicies.None"/> until an administrator saves some).</summary>
    public ValueTask<SitePolicies> GetAsync(CancellationToken cancellationToken = default) =>
        remembered.GetOrReadAsync(SitePolicy.SingletonId, ReadAsync, cancellationToken);

    /// <summary>When and by whom the policies were saved last; null before the first save.</summary>
    public async Task<(DateTime At, string? By)?> LastSavedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.SitePolicies.AsNoTracking().Where(p => p.Id == SitePolicy.SingletonId)
            .Select(p => new { p.UpdatedAt, p.UpdatedBy }).FirstOrDefaultAsync(cancellationToken);
        return row?.UpdatedAt is { } at ? (at, row.UpdatedBy) : null;
    }

    private async Task<SitePolicies> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.SitePolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == SitePolicy.SingletonId, cancellationToken);
        return row is null ? SitePolicies.None : From(row);
    }

    /// <summary>
    /// Saves <paramref name="policies"/> after the administrator's password — unless they contradict themselves, which
    /// costs no password attempt. <paramref name="alsoInTransaction"/> runs inside the same transaction once the row is
    /// saved (applying the policies to existing tokens) and returns the changes it made for their topics' notices; it
    /// saves its own changes. Either everything commits or nothing does.
    /// </summary>
    public async Task<Result<SitePolicies>> SetAsync(Actor actor, SitePolicies policies, string? password,
        Func<AppDbContext, CancellationToken, Task<IReadOnlyCollection<(ChangeTopic Topic, TopicChange Change)>>>? alsoInTransaction = null,
        CancellationToken cancellationToken = default)
    {
        if (await administrators.RefuseUnlessAdministratorAsync(actor, cancellationToken) is { } notAdministrator)
        {
            return notAdministrator;
        }
        if (policies.Contradiction() is { } contradiction)
        {
            return contradiction;
        }
        if (await passwords.ConfirmAsync(actor, password, cancellationToken) is { } refused)
        {
            return refused;
        }
        try
        {
            await SaveAsync(actor, policies, alsoInTransaction, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The very first save raced another administrator's first save for the one row: save over theirs.
            await SaveAsync(actor, policies, alsoInTransaction, cancellationToken);
        }
        return policies;
    }

    private async Task SaveAsync(Actor actor, SitePolicies policies,
        Func<AppDbContext, CancellationToken, Task<IReadOnlyCollection<(ChangeTopic Topic, TopicChange Change)>>>? alsoInTransaction,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.SitePolicies.FirstOrDefaultAsync(p => p.Id == SitePolicy.SingletonId, cancellationToken);
        if (row is null)
        {
            db.SitePolicies.Add(row = new SitePolicy());
        }
        row.MaxLifetimeDays = policies.MaxLifetimeDays;
        row.RequireExpiry = policies.RequireExpiry;
        row.AllowedPresets = policies.AllowedPresets?.ToList();
        row.RequireIpList = policies.RequireIpList;
        row.RequireTwoFactor = policies.RequireTwoFactor;
        row.Registration = policies.Registration.ToString();
        row.UpdatedAt = now;
        row.UpdatedBy = actor.UserId;
        db.AuditEvents.Add(new AuditEvent { UserId = actor.UserId, Action = AuditAction.PoliciesChanged, At = now, Ip = actor.Ip, Detail = policies.Describe() });
        await db.SaveChangesAsync(cancellationToken);

        var more = alsoInTransaction is null ? [] : await alsoInTransaction(db, cancellationToken);
        await topics.CommitAsync(db, transaction, [(topics.Policies, new TopicChange("", "")), .. more], cancellationToken);
    }

    private static SitePolicies From(SitePolicy row) => new(
        row.MaxLifetimeDays,
        row.RequireExpiry,
        row.AllowedPresets,
        row.RequireIpList,
        row.RequireTwoFactor,
        Enum.TryParse<RegistrationMode>(row.Registration, out var mode) ? mode : RegistrationMode.Open);
}
