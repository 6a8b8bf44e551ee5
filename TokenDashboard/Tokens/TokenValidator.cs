using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Tokens;

/// <summary>
/// The hot path of every API call: is this string a live token, whose, and what may it do?
/// Malformed strings (prefix, length, alphabet, checksum) are turned away before any database query; a
/// well-formed one costs one indexed lookup of its SHA-256 through a compiled query.
/// </summary>
public sealed class TokenValidator(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private sealed record Row(int Id, string UserId, string? Preset, List<string> Methods, DateOnly? ExpiresOn);

    private static readonly Func<AppDbContext, byte[], CancellationToken, Task<Row?>> FindByHash =
        EF.CompileAsyncQuery((AppDbContext db, byte[] hash, CancellationToken _) =>
            db.AccessTokens.AsNoTracking()
                .Where(t => t.SecretHash == hash)
                .Select(t => new Row(t.Id, t.UserId, t.Preset, t.Methods, t.ExpiresOn))
                .FirstOrDefault());

    public async Task<TokenValidation> ValidateAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (token is null || !TokenFormat.IsWellFormed(token))
        {
            return TokenValidation.Rejected(TokenRejection.Malformed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await FindByHash(db, TokenFormat.Hash(token), cancellationToken);
        if (row is null)
        {
            return TokenValidation.Rejected(TokenRejection.Unknown);
        }

        // Valid through the last second of its expiry day, in UTC.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (row.ExpiresOn is { } last && last < today)
        {
            return TokenValidation.Rejected(TokenRejection.Expired);
        }

        var methods = row.Preset is { } key && ApiCatalog.FindPreset(key) is { } preset
            ? preset.Methods
            : row.Methods.ToFrozenSet();
        return TokenValidation.Valid(new ValidatedToken(row.Id, row.UserId, methods));
    }
}
