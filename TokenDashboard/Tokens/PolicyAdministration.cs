using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Accounts.Admin;
using TokenDashboard.Accounts.Mail;
using TokenDashboard.Accounts.Policies;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;

namespace TokenDashboard.Tokens;

/// <summary>What saving the policies did: the policies now in force, and how many existing tokens got an earlier expiry (and of how many owners).</summary>
internal sealed record PolicySaved(SitePolicies Policies, int TokensShortened, int OwnersTold);

/// <summary>
/// An administrator saves the policies (the page and the API alike): the presets they name must exist in the catalog,
/// and — only when the administrator asks for it — existing tokens are brought within the new maximum lifetime in
/// the same transaction (those beyond it, and those that never expire where a date is now required, get the latest
/// date the policy allows). Each moved token gets an entry on its owner's Activity trail, and each owner one mail.
/// Tokens outside the other rules (a preset no longer allowed, no IP list) keep working: those rules apply when a
/// token is next created or changed.
/// </summary>
internal sealed class PolicyAdministration(
    PolicyStore store,
    Administrators administrators,
    ChangeTopics topics,
    AccountNotices notices,
    TimeProvider clock,
    ILogger<PolicyAdministration> logger)
{
    public ValueTask<SitePolicies> GetAsync(CancellationToken cancellationToken = default) => store.GetAsync(cancellationToken);

    /// <summary>
    /// <c>allowedPresets</c> as people and scripts write it: preset names or keys and "Custom", separated by ',' or ';';
    /// "*" for any. Unknown names are refused, naming the first.
    /// </summary>
    public static Result<List<string>?> ParsePresets(string text)
    {
        if (text.Trim() == "*")
        {
            return (List<string>?)null;
        }
        var keys = new List<string>();
        foreach (var name in text.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var key = string.Equals(name, SitePolicies.Custom, StringComparison.OrdinalIgnoreCase) ? SitePolicies.Custom : ApiCatalog.FindPreset(name)?.Key;
            if (key is null)
            {
                var shown = name.Length <= 60 ? name : name[..57] + "...";
                return Error.Invalid("allowedPresets",
                    $"There is no preset named '{shown}'. Choose from: {string.Join(", ", ApiCatalog.Presets.Select(p => p.Name))}, Custom; or * for any.");
            }
            if (!keys.Contains(key))
            {
                keys.Add(key);
            }
        }
        return keys;
    }

    /// <summary>The policies in force, for an administrator only (the API's GetPolicies; the page is guarded by the admin policy).</summary>
    public async Task<Result<SitePolicies>> GetForAdministratorAsync(Actor actor, CancellationToken cancellationToken = default) =>
        await administrators.RefuseUnlessAdministratorAsync(actor, cancellationToken) is { } refused ? refused : await store.GetAsync(cancellationToken);

    /// <summary>
    /// Saves <paramref name="policies"/> as <paramref name="actor"/>, who must be an administrator (then the presets
    /// must exist, the policies must not contradict themselves, then the password); with
    /// <paramref name="applyToExisting"/>, tokens beyond the new limits get the latest date they allow, all in one transaction.
    /// </summary>
    public async Task<Result<PolicySaved>> SetAsync(Actor actor, SitePolicies policies, string? password, bool applyToExisting, CancellationToken cancellationToken = default)
    {
        if (await administrators.RefuseUnlessAdministratorAsync(actor, cancellationToken) is { } notAdministrator)
        {
            return notAdministrator;
        }
        if (policies.AllowedPresets?.FirstOrDefault(k => k != SitePolicies.Custom && ApiCatalog.FindPreset(k) is null) is { } unknown)
        {
            return Error.Invalid("allowedPresets", $"There is no preset '{(unknown.Length <= 60 ? unknown : unknown[..57] + "...")}'.");
        }
        var shortened = new List<(string UserId, int TokenId)>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var policy = TokenPolicy.From(policies);
        var saved = await store.SetAsync(actor, policies, password,
            applyToExisting ? (db, ct) => ShortenAsync(db, actor, policy, today, shortened, ct) : null, cancellationToken);
        if (!saved.Succeeded)
        {
            return saved.Error!;
        }
        var owners = shortened.GroupBy(s => s.UserId).ToList();
        foreach (var owner in owners)
        {
            await TellOwnerAsync(owner.Key, owner.Count(), policy, today);
        }
        if (shortened.Count > 0)
        {
            logger.LogInformation("Policies applied to existing tokens: {Tokens} tokens of {Owners} accounts got an earlier expiry", shortened.Count, owners.Count);
        }
        return new PolicySaved(saved.Value!, shortened.Count, owners.Count);
    }

    /// <summary>The latest date the policy allows to every token that lies beyond it; inside the policy's transaction.</summary>
    private async Task<IReadOnlyCollection<(ChangeTopic Topic, TopicChange Change)>> ShortenAsync(
        AppDbContext db, Actor actor, TokenPolicy policy, DateOnly today, List<(string UserId, int TokenId)> shortened, CancellationToken cancellationToken)
    {
        if (!policy.ExpiryRequired)
        {
            return [];
        }
        var latest = policy.LatestExpiry(today) ?? policy.DefaultExpiry(today);
        var beyond = policy.MaxLifetimeDays is null
            ? db.AccessTokens.Where(t => t.ExpiresOn == null)
            : db.AccessTokens.Where(t => t.ExpiresOn == null || t.ExpiresOn > latest);
        var tokens = await beyond.ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var rule = policy.MaxLifetimeDays is { } days ? $"at most {days} days" : "an expiry date required";
        foreach (var token in tokens)
        {
            db.AuditEvents.Add(new AuditEvent
            {
                UserId = token.UserId, TokenId = token.Id, Action = AuditAction.ExpiryShortenedByPolicy, At = now, Ip = actor.Ip,
                Detail = $"by an administrator applying the token policy ({rule}): expires on {latest:dd-MM-yyyy} instead of {(token.ExpiresOn is { } was ? was.ToString("dd-MM-yyyy") : "never")}",
            });
            token.ExpiresOn = latest;
            token.UpdatedAt = now;
            shortened.Add((token.UserId, token.Id));
        }
        await db.SaveChangesAsync(cancellationToken);
        // The validators of every instance remember each token's date: each owner's tokens are voided there.
        return [.. shortened.Select(s => s.UserId).Distinct().Select(u => (topics.Tokens, new TopicChange(u, "")))];
    }

    /// <summary>One mail per owner, with the count and the date — no descriptions: nothing anyone typed goes out.</summary>
    private Task TellOwnerAsync(string userId, int count, TokenPolicy policy, DateOnly today)
    {
        var latest = policy.LatestExpiry(today) ?? policy.DefaultExpiry(today);
        var rule = policy.MaxLifetimeDays is { } days ? $"an access token may live at most {days} days" : "every access token must have an expiry date";
        var which = count == 1 ? "One of your access tokens now expires" : $"{count} of your access tokens now expire";
        return notices.TellAsync(userId, "Your access tokens' expiry was changed by a policy", $"""
            The administrators of TokenDashboard set a token policy: {rule}.
            They applied it to existing tokens, so {which.ToLowerInvariant()} on {latest:dd-MM-yyyy} (UTC) — the latest date the policy allows.

            Scripts that use them keep working until then. Before that day, regenerate each one that is still needed
            (Settings → Access Tokens → Edit → Regenerate token) and update the scripts. Settings → Activity lists
            every token that changed ("Expiry shortened by policy").

            -- TokenDashboard
            """);
    }
}
