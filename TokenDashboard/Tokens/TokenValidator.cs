using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;
using TokenDashboard.Data.Changes;

namespace TokenDashboard.Tokens;

/// <summary>
/// The hot path of every API call: is this string a live token, whose, and what may it do?
/// Malformed strings (prefix, length, alphabet, checksum) are turned away before any database query; a
/// well-formed one costs one indexed lookup of its SHA-256 through a compiled query — once: the answer for a valid
/// token is remembered, keyed by the hash, and reused while nothing changed. A remembered answer is dropped by any
/// committed token change on any instance — an account disabled by an administrator announces one too —
/// (<see cref="ChangeTopics.Tokens"/>: in this one at the commit, in the others when
/// the change feed brings the notice, well under a second), is used only while the feed proves it is hearing every
/// change (otherwise every call reads the database), is re-read after <see cref="MaxAge"/> whatever happens, and its
/// expiry date is checked on every call.
/// <para>
/// A well-formed but unknown token (a revoked one a forgotten script still sends, a guess) is remembered as unknown
/// on the same terms — voided by any token change anywhere, including a <em>generation</em>, trusted only while the
/// feed is current — and for <see cref="UnknownMaxAge"/> at most, in a memory of its own: a flood of made-up tokens
/// can only start that memory over, never push out the valid tokens'. A new token cannot be refused by it: its value
/// is random, so nobody presented it before it existed, and its generation voids every remembered unknown anyway.
/// </para>
/// </summary>
public sealed class TokenValidator(IDbContextFactory<AppDbContext> dbFactory, ChangeTopics topics, TokenMetrics metrics)
{
    /// <summary>How long a remembered answer is trusted at most, even with no change heard (a change made behind the app's back).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>How long an unknown answer is trusted at most: short, as a token inserted behind the app's back must work soon.</summary>
    public static readonly TimeSpan UnknownMaxAge = TimeSpan.FromSeconds(5);

    /// <summary>More live tokens than this in use at once just means starting over; it bounds the memory.</summary>
    private const int MaxEntries = 10_000;

    /// <summary>The bound of the unknown tokens' memory, apart from the valid ones' so that garbage cannot evict them.</summary>
    private const int MaxUnknownEntries = 10_000;

    private sealed record Row(int Id, string UserId, string? Preset, List<string> Methods, DateOnly? ExpiresOn, List<string> AllowedAddresses, bool AccountDisabled);

    /// <summary>A remembered valid token; its answer is kept as a completed task, so a hit allocates nothing.</summary>
    private readonly record struct Known(Task<TokenValidation> Valid, DateOnly? ExpiresOn);

    private static readonly Func<AppDbContext, byte[], CancellationToken, Task<Row?>> FindByHash =
        EF.CompileAsyncQuery((AppDbContext db, byte[] hash, CancellationToken _) =>
            db.AccessTokens.AsNoTracking()
                .Where(t => t.SecretHash == hash)
                .Select(t => new Row(t.Id, t.UserId, t.Preset, t.Methods, t.ExpiresOn, t.AllowedAddresses,
                    db.Users.Any(u => u.Id == t.UserId && u.DisabledAt != null)))
                .FirstOrDefault());

    private static readonly Task<TokenValidation> Malformed = Task.FromResult(TokenValidation.Rejected(TokenRejection.Malformed));
    private static readonly Task<TokenValidation> Unknown = Task.FromResult(TokenValidation.Rejected(TokenRejection.Unknown));
    private static readonly Task<TokenValidation> Expired = Task.FromResult(TokenValidation.Rejected(TokenRejection.Expired));
    private static readonly Task<TokenValidation> Disabled = Task.FromResult(TokenValidation.Rejected(TokenRejection.AccountDisabled));

    private readonly TopicMemory<HashKey, Known> remembered = topics.Tokens.Remember<HashKey, Known>(MaxAge, MaxEntries);

    /// <summary>Only whether a token is unknown: the value is nothing.</summary>
    private readonly TopicMemory<HashKey, bool> unknown = topics.Tokens.Remember<HashKey, bool>(UnknownMaxAge, MaxUnknownEntries);

    public Task<TokenValidation> ValidateAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (token is null || !TokenFormat.IsWellFormed(token))
        {
            metrics.Checked(TokenMetrics.Outcome.Malformed, TokenMetrics.Source.Format);
            return Malformed;
        }

        var key = HashKey.Of(token);
        // Taken before the database is read, so that a change committed meanwhile invalidates this read.
        var reading = topics.Tokens.Read();
        if (remembered.TryGet(key, reading, out var known))
        {
            return Check(known, reading.At, TokenMetrics.Source.Memory);
        }
        if (unknown.TryGet(key, reading, out _))
        {
            metrics.Checked(TokenMetrics.Outcome.Unknown, TokenMetrics.Source.Memory);
            return Unknown;
        }
        return LookUpAsync(key, reading, cancellationToken);
    }

    private async Task<TokenValidation> LookUpAsync(HashKey key, ChangeReading reading, CancellationToken cancellationToken)
    {
        Row? row;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            row = await FindByHash(db, key.ToArray(), cancellationToken);
        }
        if (row is null)
        {
            remembered.Forget(key);
            unknown.Remember(key, true, reading);
            metrics.Checked(TokenMetrics.Outcome.Unknown, TokenMetrics.Source.Database);
            return await Unknown;
        }
        unknown.Forget(key);
        if (row.AccountDisabled)
        {
            // Not remembered: disabling and enabling announce a token change, and this answer is rare.
            remembered.Forget(key);
            metrics.Checked(TokenMetrics.Outcome.Unknown, TokenMetrics.Source.Database);
            return await Disabled;
        }

        var methods = ApiCatalog.PermissionsOf(row.Preset, row.Methods).Methods.ToFrozenSet();
        var valid = Task.FromResult(TokenValidation.Valid(new ValidatedToken(row.Id, row.UserId, methods, AddressAllowList.Networks(row.AllowedAddresses))));
        var known = new Known(valid, row.ExpiresOn);
        remembered.Remember(key, known, reading);
        return await Check(known, reading.At, TokenMetrics.Source.Database);
    }

    /// <summary>Valid through the last second of its expiry day, in UTC.</summary>
    private Task<TokenValidation> Check(Known known, DateTimeOffset now, TokenMetrics.Source source)
    {
        var expired = TokenLifetime.HasExpired(known.ExpiresOn, DateOnly.FromDateTime(now.UtcDateTime));
        metrics.Checked(expired ? TokenMetrics.Outcome.Expired : TokenMetrics.Outcome.Valid, source);
        return expired ? Expired : known.Valid;
    }

    /// <summary>A token's SHA-256 as a value (no allocation to compute or compare it).</summary>
    private readonly record struct HashKey(ulong A, ulong B, ulong C, ulong D)
    {
        public static HashKey Of(string token)
        {
            // Well-formed tokens are ASCII, so their UTF-8 bytes (what TokenFormat.Hash stores) are their chars.
            Span<byte> text = stackalloc byte[TokenFormat.Length];
            var length = Encoding.UTF8.GetBytes(token, text);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(text[..length], hash);
            var words = MemoryMarshal.Cast<byte, ulong>(hash);
            return new HashKey(words[0], words[1], words[2], words[3]);
        }

        public byte[] ToArray()
        {
            var bytes = new byte[SHA256.HashSizeInBytes];
            var words = MemoryMarshal.Cast<byte, ulong>(bytes.AsSpan());
            (words[0], words[1], words[2], words[3]) = (A, B, C, D);
            return bytes;
        }
    }
}
