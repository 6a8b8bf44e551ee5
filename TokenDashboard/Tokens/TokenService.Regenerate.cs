using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Data;

namespace TokenDashboard.Tokens;

/// <summary>
/// Regeneration: a new value for a token, the old one dead with the commit. It is also the way back for an expired
/// token — the only way, since an edit never revives a dead value — so it takes a new expiry date, and gives an
/// expired token for which none is chosen the default lifetime (and says so).
/// </summary>
public sealed partial class TokenService
{
    /// <summary>What Regenerate in the Edit dialog would give the new value, for the dialog to say before it is clicked.</summary>
    public RegeneratedExpiry RegeneratedExpiry(TokenDraft current, TokenDraft edited, TokenPolicy policy) =>
        TokenDraftValidator.ValidateRegeneration(current, edited, Today, policy) is { Succeeded: true, Value: { } settings }
            ? new RegeneratedExpiry(settings.ExpiresOn, settings.ExpiryDefaulted)
            : new RegeneratedExpiry(edited.ExpiresOn, Defaulted: false);

    /// <summary>The first problem of regenerating with the dialog's settings under <paramref name="policy"/>, for a message beside its field; null if fine.</summary>
    public Error? CheckRegeneration(TokenDraft current, TokenDraft edited, TokenPolicy policy) =>
        TokenDraftValidator.ValidateRegeneration(current, edited, Today, policy).Error;

    /// <summary>A new value for one token, its settings as they are (an expired one gets the default lifetime).</summary>
    public async Task<Result<IssuedToken>> RegenerateAsync(Actor actor, int id, string? password, CancellationToken cancellationToken = default)
    {
        var regenerated = await RegenerateAsync(actor, TokenScope.Of([id], "id"), expiry: null, password, cancellationToken);
        return regenerated.Succeeded ? regenerated.Value![0] : regenerated.Error!;
    }

    /// <summary>
    /// The Edit dialog's Regenerate: a new value that comes with the dialog's settings — its description, methods
    /// and date, so nothing typed there is lost (see <see cref="TokenDraftValidator.ValidateRegeneration"/>).
    /// </summary>
    public async Task<Result<IssuedToken>> RegenerateAsync(Actor actor, int id, TokenDraft edited, string? password, CancellationToken cancellationToken = default)
    {
        var regenerated = await ChangeOneAsync(actor, id, (current, policy) => TokenDraftValidator.ValidateRegeneration(current, edited, Today, policy), password,
            (db, token, settings, _) =>
            {
                var value = Reissue(db, actor, token, settings.ExpiryDefaulted);
                return new IssuedToken(Summarize(token, Today), value, settings.ExpiryDefaulted);
            }, cancellationToken);
        if (regenerated.Succeeded)
        {
            metrics.Revoked(1, "regenerated");
            metrics.Created(1, "regenerated");
        }
        return regenerated;
    }

    /// <summary>
    /// New values for the tokens in <paramref name="scope"/>, all or none, each with <paramref name="expiry"/> when
    /// given — else its date as it is, or the default lifetime when that has passed. In the order the ids were
    /// given (newest first for all tokens).
    /// </summary>
    public async Task<Result<IReadOnlyList<IssuedToken>>> RegenerateAsync(
        Actor actor, TokenScope scope, TokenExpiry? expiry, string? password, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var policy = await PolicyAsync(actor.UserId, cancellationToken);
        var invalid = CheckIds(scope, "regenerate") ?? (expiry is null
            ? await KeptExpiryOutsidePolicyAsync(actor.UserId, scope, today, policy, cancellationToken)
            : TokenDraftValidator.RegeneratedExpiry(current: null, expiry, today, policy).Error);
        var regenerated = await ChangeOwnedAsync<IReadOnlyList<IssuedToken>>(actor, scope, invalid, password, (db, tokens) =>
        {
            var ordered = scope.All
                ? tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
                : scope.Ids.Select(id => tokens.Single(t => t.Id == id));
            var issued = new List<(AccessToken Token, string Value, bool Defaulted)>(tokens.Count);
            foreach (var token in ordered)
            {
                // Checked before the password; a date edited in between to one the policy refuses keeps the policy's latest.
                var newExpiry = TokenDraftValidator.RegeneratedExpiry(token.ExpiresOn, expiry, today, policy).Value
                    ?? new RegeneratedExpiry(policy.LatestExpiry(today) ?? policy.DefaultExpiry(today), Defaulted: false);
                token.ExpiresOn = newExpiry.ExpiresOn;
                issued.Add((token, Reissue(db, actor, token, newExpiry.Defaulted), newExpiry.Defaulted));
            }
            // Summarized before the save: the ids are known, and nothing the summary reads changes on saving.
            return issued.Select(v => new IssuedToken(Summarize(v.Token, today), v.Value, v.Defaulted)).ToList();
        }, cancellationToken);
        if (regenerated.Succeeded)
        {
            // The old values stop working and new ones are issued: one of each per token.
            metrics.Revoked(regenerated.Value!.Count, "regenerated");
            metrics.Created(regenerated.Value.Count, "regenerated");
        }
        return regenerated;
    }

    /// <summary>
    /// A regeneration without a date keeps each token's own: the first of <paramref name="scope"/>'s tokens whose date
    /// the policy no longer allows (set before it was saved), as the refusal — before the password, like all bad input.
    /// </summary>
    private async Task<Error?> KeptExpiryOutsidePolicyAsync(string userId, TokenScope scope, DateOnly today, TokenPolicy policy, CancellationToken cancellationToken)
    {
        if (!policy.ExpiryRequired)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var kept = await Owned(db.AccessTokens.AsNoTracking(), userId, scope).Select(t => new { t.Id, t.ExpiresOn }).ToListAsync(cancellationToken);
        foreach (var token in kept.OrderBy(t => t.Id))
        {
            if (TokenDraftValidator.RegeneratedExpiry(token.ExpiresOn, requested: null, today, policy).Error is { } broken)
            {
                return Error.Invalid("expiresAt", $"Token {token.Id}: {broken.Message} Give expiresAt for the new value.");
            }
        }
        return null;
    }

    /// <summary>Gives a tracked token a new value (returned, never stored) and records it; the caller saves.</summary>
    private string Reissue(AppDbContext db, Actor actor, AccessToken token, bool expiryDefaulted)
    {
        var value = TokenFormat.Generate();
        token.SecretHash = TokenFormat.Hash(value);
        token.Hint = TokenFormat.Hint(value);
        token.UpdatedAt = Now;
        Audit(db, actor, token.Id, AuditAction.Regenerated,
            expiryDefaulted ? $"had expired; the new value expires on {token.ExpiresOn:dd-MM-yyyy}, the default {DaysFromToday(token.ExpiresOn)} days" : null);
        return value;
    }

    private int DaysFromToday(DateOnly? day) => day is { } d ? d.DayNumber - Today.DayNumber : 0;
}
