using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Data;

namespace TokenDashboard.Tokens;

/// <summary>
/// Regeneration: a new value for a token, the old one dead with the commit. It is also the way back for an expired
/// token — the only way, since an edit never revives a dead value — so it takes a new expiry date, and gives an
/// expired token for which none is chosen the default lifetime (and says so).
/// </summary>
internal sealed partial class TokenService
{
    /// <summary>What Regenerate in the Edit dialog would give the new value, for the dialog to say before it is clicked.</summary>
    public RegeneratedExpiry RegeneratedExpiry(TokenDraft current, TokenDraft edited) =>
        TokenDraftValidator.ValidateRegeneration(current, edited, Today) is { Succeeded: true, Value: { } settings }
            ? new RegeneratedExpiry(settings.ExpiresOn, settings.ExpiryDefaulted)
            : new RegeneratedExpiry(edited.ExpiresOn, Defaulted: false);

    /// <summary>The first problem of regenerating with the dialog's settings, for a message beside its field; null if fine.</summary>
    public Error? CheckRegeneration(TokenDraft current, TokenDraft edited) =>
        TokenDraftValidator.ValidateRegeneration(current, edited, Today).Error;

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
        var regenerated = await ChangeOneAsync(actor, id, current => TokenDraftValidator.ValidateRegeneration(current, edited, Today), password,
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
        var invalid = CheckIds(scope, "regenerate") ?? TokenDraftValidator.RegeneratedExpiry(current: null, expiry, today).Error;
        var regenerated = await ChangeOwnedAsync<IReadOnlyList<IssuedToken>>(actor, scope, invalid, password, (db, tokens) =>
        {
            var ordered = scope.All
                ? tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
                : scope.Ids.Select(id => tokens.Single(t => t.Id == id));
            var issued = new List<(AccessToken Token, string Value, bool Defaulted)>(tokens.Count);
            foreach (var token in ordered)
            {
                var newExpiry = TokenDraftValidator.RegeneratedExpiry(token.ExpiresOn, expiry, today).Value!;
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

    /// <summary>Gives a tracked token a new value (returned, never stored) and records it; the caller saves.</summary>
    private string Reissue(AppDbContext db, Actor actor, AccessToken token, bool expiryDefaulted)
    {
        var value = TokenFormat.Generate();
        token.SecretHash = TokenFormat.Hash(value);
        token.Hint = TokenFormat.Hint(value);
        token.UpdatedAt = Now;
        Audit(db, actor, token.Id, AuditAction.Regenerated,
            expiryDefaulted ? $"had expired; the new value expires on {token.ExpiresOn:dd-MM-yyyy}, the default {TokenLifetime.DefaultDays} days" : null);
        return value;
    }
}
