using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Accounts.Admin;
using TokenDashboard.Accounts.Policies;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;
using TokenDashboard.Tokens.Usage;

namespace TokenDashboard.Tokens;

/// <summary>
/// Personal access tokens for the dashboard and the API alike. Every method takes the acting user's id (from the
/// authenticated principal) and only ever touches that user's tokens: another user's token behaves exactly like
/// one that does not exist. Every change is confirmed with the account password and written to the audit trail
/// in the same transaction; a refused change changes nothing. Checks run in one order for every door (dialog or
/// API): the token is the caller's, the parameters are valid, and only then the password — so bad input never
/// costs a password attempt. The password is never checked inside a write transaction (SQLite's write lock would
/// be held through the hash).
/// </summary>
public sealed partial class TokenService(
    IDbContextFactory<AppDbContext> dbFactory,
    PasswordConfirmation passwords,
    PolicyStore policies,
    Administrators administrators,
    TimeProvider clock,
    ChangeTopics topics,
    TokenMetrics metrics)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;
    private DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>
    /// The token policy in force for <paramref name="userId"/>'s tokens: what the dialog offers and says, and what
    /// every change is checked against — the administrators' policies, and whether the holder is one of them.
    /// </summary>
    public async Task<TokenPolicy> PolicyAsync(string userId, CancellationToken cancellationToken = default) =>
        TokenPolicy.From(await policies.GetAsync(cancellationToken)) with
        {
            HolderIsAdministrator = await administrators.IsAdministratorAsync(userId, cancellationToken),
        };

    /// <summary>
    /// The draft's first problem under <paramref name="policy"/> (from <see cref="PolicyAsync"/>), for a message beside
    /// the field before asking for the password; null if fine. With <paramref name="current"/> it is an edit of a token
    /// with those settings (an expired one keeps its date). The change itself is checked again against the policy then in force.
    /// </summary>
    public Error? CheckDraft(TokenDraft draft, TokenPolicy policy, TokenDraft? current = null) =>
        (current is null ? TokenDraftValidator.Validate(draft, Today, policy) : TokenDraftValidator.ValidateEdit(current, draft, Today, policy)).Error;

    public Task<IReadOnlyList<TokenSummary>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        ListAsync(userId, filter: null, cancellationToken);

    /// <summary>The user's tokens, newest first; only those in <paramref name="filter"/> when given (others' ids match nothing).</summary>
    public async Task<IReadOnlyList<TokenSummary>> ListAsync(string userId, TokenScope? filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await Owned(db.AccessTokens.AsNoTracking(), userId, filter ?? TokenScope.AllTokens)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .ToListAsync(cancellationToken);
        var today = Today;
        return tokens.Select(t => Summarize(t, today)).ToList();
    }

    public async Task<TokenSummary?> GetAsync(string userId, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        return token is null ? null : Summarize(token, Today);
    }

    public async Task<Result<IssuedToken>> GenerateAsync(Actor actor, TokenDraft draft, string? password, CancellationToken cancellationToken = default)
    {
        var settings = await CheckAndConfirmAsync(actor, draft, password, cancellationToken);
        if (!settings.Succeeded)
        {
            return settings.Error!;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await InsertAsync(db, actor, settings.Value!, AuditAction.Created, detail: null, cancellationToken);
    }

    /// <summary>
    /// Changes a token's settings: <paramref name="change"/> gets the token's current settings and returns the new
    /// ones, so a caller that changes only some (the API's EditToken) need not read the token first.
    /// </summary>
    public Task<Result<TokenSummary>> EditAsync(Actor actor, int id, Func<TokenDraft, TokenDraft> change, string? password, CancellationToken cancellationToken = default) =>
        EditAsync(actor, id, change, password, AuditAction.Edited, _ => null, cancellationToken);

    /// <summary>
    /// Makes the token Custom with exactly <paramref name="methods"/> — narrowed to what it used, or with the methods
    /// it was refused added — keeping its description, expiry and value. An audited, password-confirmed edit.
    /// </summary>
    public Task<Result<TokenSummary>> SetMethodsAsync(Actor actor, int id, MethodsChange change, IReadOnlyCollection<string> methods, string? password, CancellationToken cancellationToken = default) =>
        EditAsync(actor, id, current => current with { Preset = null, Methods = methods }, password,
            change == MethodsChange.Narrow ? AuditAction.Narrowed : AuditAction.Edited,
            current =>
            {
                var detail = change == MethodsChange.Narrow
                    ? $"narrowed from {current.Methods.Count} to {methods.Count} methods"
                    : $"added the refused methods: {string.Join(", ", methods.Except(current.Methods))}";
                return detail.Length <= 400 ? detail : detail[..397] + "...";
            },
            cancellationToken);

    private Task<Result<TokenSummary>> EditAsync(Actor actor, int id, Func<TokenDraft, TokenDraft> change, string? password,
        AuditAction action, Func<TokenSummary, string?> detail, CancellationToken cancellationToken) =>
        ChangeOneAsync(actor, id, (current, policy) => TokenDraftValidator.ValidateEdit(current, change(current), Today, policy), password,
            (db, token, _, before) =>
            {
                token.UpdatedAt = Now;
                Audit(db, actor, token.Id, action, detail(before));
                return Summarize(token, Today);
            }, cancellationToken);

    /// <summary>
    /// A change to one token, in the order every door keeps: it is the caller's, the settings <paramref name="check"/>
    /// makes of its current ones pass their rules, then the password (outside the transaction), and then
    /// <paramref name="change"/> on the token — tracked, the settings applied — with the settings and the token as it
    /// was. The commit makes it apply from the next call on and reloads the open Access Tokens tabs.
    /// </summary>
    private async Task<Result<T>> ChangeOneAsync<T>(Actor actor, int id, Func<TokenDraft, TokenPolicy, Result<TokenSettings>> check, string? password,
        Func<AppDbContext, AccessToken, TokenSettings, TokenSummary, T> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await FindOwnedAsync(db.AccessTokens.AsNoTracking(), actor.UserId, id, cancellationToken);
        if (current is null)
        {
            return TokenErrors.NoSuchToken(id);
        }
        var before = Summarize(current, Today);
        var settings = await ConfirmAsync(actor, check(before.ToDraft(), await PolicyAsync(actor.UserId, cancellationToken)), password, cancellationToken);
        if (!settings.Succeeded)
        {
            return settings.Error!;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = await FindOwnedAsync(db.AccessTokens, actor.UserId, id, cancellationToken);
        if (token is null)
        {
            return TokenErrors.NoSuchToken(id);
        }
        Apply(token, settings.Value!);
        var answer = change(db, token, settings.Value!, before);
        await db.SaveChangesAsync(cancellationToken);
        await topics.Tokens.CommitAsync(db, transaction, actor.UserId, "", cancellationToken); // new methods, expiry or value apply from the next call on
        return answer;
    }

    /// <summary>Sets a token's settings to <paramref name="draft"/>, as the Edit dialog does.</summary>
    public Task<Result<TokenSummary>> EditAsync(Actor actor, int id, TokenDraft draft, string? password, CancellationToken cancellationToken = default) =>
        EditAsync(actor, id, _ => draft, password, cancellationToken);

    /// <summary>
    /// A new, independent token with the source's settings, or with <paramref name="overrides"/> when the person
    /// changed them in the Copy dialog.
    /// </summary>
    public async Task<Result<IssuedToken>> CopyAsync(Actor actor, int sourceId, TokenDraft? overrides, string? password, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var source = await FindOwnedAsync(db.AccessTokens.AsNoTracking(), actor.UserId, sourceId, cancellationToken);
        if (source is null)
        {
            return TokenErrors.NoSuchToken(sourceId);
        }

        var settings = await CheckAndConfirmAsync(actor, overrides ?? Summarize(source, Today).ToDraft(), password, cancellationToken);
        if (!settings.Succeeded)
        {
            return settings.Error!;
        }

        return await InsertAsync(db, actor, settings.Value!, AuditAction.Copied, detail: $"copy of token {source.Id}", cancellationToken);
    }

    /// <summary>Removes all of <paramref name="ids"/> or, if any is not the user's, none of them.</summary>
    public Task<Result<int>> RemoveAsync(Actor actor, IReadOnlyCollection<int> ids, string? password, CancellationToken cancellationToken = default) =>
        RemoveAsync(actor, TokenScope.Of([.. ids]), password, cancellationToken);

    /// <summary>
    /// Removes the tokens in <paramref name="scope"/>, all or none: listed ids must all be the user's; "all" is
    /// whatever the user has when it runs (nothing, on a re-run — that succeeds and removes 0).
    /// </summary>
    public async Task<Result<int>> RemoveAsync(Actor actor, TokenScope scope, string? password, CancellationToken cancellationToken = default)
    {
        var removed = await ChangeOwnedAsync(actor, scope, CheckIds(scope, "remove"), password, (db, tokens) =>
        {
            db.AccessTokens.RemoveRange(tokens);
            foreach (var token in tokens)
            {
                Audit(db, actor, token.Id, AuditAction.Removed, token.Description, tokenName: token.Description);
            }
            return tokens.Count;
        }, cancellationToken);
        if (removed.Succeeded)
        {
            metrics.Revoked(removed.Value, "removed");
        }
        return removed;
    }

    /// <summary>
    /// A change to the tokens in <paramref name="scope"/>, all or none, in the order every door keeps: the input
    /// (<paramref name="invalid"/>), then ownership, then the password (outside the transaction), and then
    /// <paramref name="change"/> on the tokens loaded inside it. The commit makes it apply from the next call on and
    /// reloads the open Access Tokens tabs.
    /// </summary>
    private async Task<Result<T>> ChangeOwnedAsync<T>(Actor actor, TokenScope scope, Error? invalid, string? password,
        Func<AppDbContext, List<AccessToken>, T> change, CancellationToken cancellationToken)
    {
        if (invalid is not null)
        {
            return invalid;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await CheckOwnedThenPasswordAsync(db, actor, scope, password, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var loaded = await LoadOwnedAsync(db, actor.UserId, scope, cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }
        var answer = change(db, loaded.Value!);
        await db.SaveChangesAsync(cancellationToken);
        await topics.Tokens.CommitAsync(db, transaction, actor.UserId, "", cancellationToken);
        return answer;
    }

    /// <summary>
    /// Before a change to the tokens in <paramref name="scope"/>: every listed id is the user's (a stranger's id is
    /// a missing one), and only then the password — outside any write transaction (SQLite's write lock would be held
    /// through the hash).
    /// </summary>
    private async Task<Error?> CheckOwnedThenPasswordAsync(AppDbContext db, Actor actor, TokenScope scope, string? password, CancellationToken cancellationToken)
    {
        if (!scope.All && await FirstMissingAsync(db, actor.UserId, scope.Ids, cancellationToken) is { } missing)
        {
            return TokenErrors.NoSuchToken(missing, scope.Field);
        }
        return await passwords.ConfirmAsync(actor, password, cancellationToken) is { } refused ? refused : null;
    }

    /// <summary>The tokens in <paramref name="scope"/>, tracked, inside the caller's transaction; all of the listed ids or none.</summary>
    private static async Task<Result<List<AccessToken>>> LoadOwnedAsync(AppDbContext db, string userId, TokenScope scope, CancellationToken cancellationToken)
    {
        var tokens = await Owned(db.AccessTokens, userId, scope).ToListAsync(cancellationToken);
        return scope.All || tokens.Count == scope.Ids.Count
            ? tokens
            : TokenErrors.NoSuchToken(scope.Ids.Except(tokens.Select(t => t.Id)).First(), scope.Field);
    }

    /// <summary>A list of ids names at least one token, each once.</summary>
    private static Error? CheckIds(TokenScope scope, string verb)
    {
        if (scope.All)
        {
            return null;
        }
        if (scope.Ids.Count == 0)
        {
            return Error.Invalid(scope.Field, $"Select at least one token to {verb}.");
        }
        return scope.Ids.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1) is { } repeated
            ? Error.Invalid(scope.Field, $"Token {repeated.Key} is listed more than once.")
            : null;
    }

    /// <summary>
    /// The presenting token revokes itself (users.Authentication.RevokeToken). No password: holding the value is the
    /// proof, and whoever finds a leaked token must be able to kill it without the owner's help. The owner's trail
    /// says so, with the holder's address. False when the token is already gone.
    /// </summary>
    public async Task<bool> RevokeByHolderAsync(string userId, int tokenId, string? ip, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mine = db.AccessTokens.Where(t => t.Id == tokenId && t.UserId == userId);
        var name = await mine.Select(t => t.Description).FirstOrDefaultAsync(cancellationToken);
        if (await mine.ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return false;
        }
        Audit(db, new Actor(userId, ip), tokenId, AuditAction.RevokedByHolder, $"revoked by its holder from {ip ?? "an unknown address"}", tokenName: name);
        await db.SaveChangesAsync(cancellationToken);
        await topics.Tokens.CommitAsync(db, transaction, userId, "", cancellationToken); // the value stops working on the very next call
        metrics.Revoked(1, "revoked_by_holder");
        return true;
    }

    /// <summary>The first of <paramref name="ids"/>, in the order given, that is not one of the user's tokens.</summary>
    private static async Task<int?> FirstMissingAsync(AppDbContext db, string userId, IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        var owned = await db.AccessTokens.Where(t => t.UserId == userId && ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        return owned.Count == ids.Count ? null : ids.First(id => !owned.Contains(id));
    }

    /// <summary>The draft's rules first (bad input never costs a password attempt), then the password.</summary>
    private async Task<Result<TokenSettings>> CheckAndConfirmAsync(Actor actor, TokenDraft draft, string? password, CancellationToken cancellationToken) =>
        await ConfirmAsync(actor, TokenDraftValidator.Validate(draft, Today, await PolicyAsync(actor.UserId, cancellationToken)), password, cancellationToken);

    /// <summary>The password, once the settings passed their rules; a refusal of either is the answer.</summary>
    private async Task<Result<TokenSettings>> ConfirmAsync(Actor actor, Result<TokenSettings> settings, string? password, CancellationToken cancellationToken)
    {
        if (!settings.Succeeded)
        {
            return settings;
        }
        return await passwords.ConfirmAsync(actor, password, cancellationToken) is { } refused ? refused : settings;
    }

    /// <summary>The user's tokens in <paramref name="scope"/>: all of them, or those of the listed ids that are theirs.</summary>
    private static IQueryable<AccessToken> Owned(IQueryable<AccessToken> tokens, string userId, TokenScope scope) =>
        scope.All ? tokens.Where(t => t.UserId == userId) : tokens.Where(t => t.UserId == userId && scope.Ids.Contains(t.Id));

    private async Task<IssuedToken> InsertAsync(AppDbContext db, Actor actor, TokenSettings settings, AuditAction action, string? detail, CancellationToken cancellationToken)
    {
        var value = TokenFormat.Generate();
        var now = Now;
        var token = new AccessToken
        {
            UserId = actor.UserId,
            Description = settings.Description,
            SecretHash = TokenFormat.Hash(value),
            Hint = TokenFormat.Hint(value),
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(token, settings);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        Audit(db, actor, token.Id, action, detail);
        await db.SaveChangesAsync(cancellationToken);
        await topics.Tokens.CommitAsync(db, transaction, actor.UserId, "", cancellationToken); // "unknown" may have been remembered for its hash
        metrics.Created(1, "generated");
        return new IssuedToken(Summarize(token, Today), value);
    }

    private static Task<AccessToken?> FindOwnedAsync(IQueryable<AccessToken> tokens, string userId, int id, CancellationToken cancellationToken) =>
        tokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);

    private static void Apply(AccessToken token, TokenSettings settings)
    {
        token.Description = settings.Description;
        token.ExpiresOn = settings.ExpiresOn;
        token.Preset = settings.PresetKey;
        token.Methods = settings.Methods;
        token.AllowedAddresses = settings.AllowedAddresses;
    }

    /// <param name="tokenName">On an entry that removes the token: its description, which names the token's entries from then on.</param>
    private void Audit(AppDbContext db, Actor actor, int tokenId, AuditAction action, string? detail = null, string? tokenName = null) =>
        db.AuditEvents.Add(new AuditEvent { UserId = actor.UserId, TokenId = tokenId, Action = action, At = Now, Ip = actor.Ip, Detail = detail, TokenName = tokenName });

    internal static TokenSummary Summarize(AccessToken token, DateOnly today)
    {
        var (preset, methods) = ApiCatalog.PermissionsOf(token.Preset, token.Methods);
        var status = TokenLifetime.HasExpired(token.ExpiresOn, today) ? TokenStatus.Expired : TokenStatus.Active;
        return new TokenSummary(token.Id, token.Description, preset, methods, token.ExpiresOn, token.CreatedAt, token.UpdatedAt,
            token.LastUsedAt, token.LastUsedIp, token.LastUsedMethod, status, token.Hint, token.AllowedAddresses);
    }
}
