using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Tokens;

/// <summary>
/// Puts calls refused by a token's IP allow-list in the owner's trail. At most one entry per token and address a
/// minute, so a script retrying in a loop (or someone hammering with a stolen token) cannot flood the trail or the
/// database; the entry carries the caller's address, never the allowed list.
/// </summary>
internal sealed class AddressRefusals(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<(int TokenId, string Ip), DateTimeOffset> lastWritten = new();

    public async Task RecordAsync(ValidatedToken token, string? ip, string? method, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var key = (token.TokenId, ip ?? "");
        if (lastWritten.TryGetValue(key, out var last) && now - last < Interval)
        {
            return;
        }
        if (lastWritten.Count >= MaxEntries)
        {
            lastWritten.Clear();
        }
        lastWritten[key] = now;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEvents.Add(new AuditEvent
        {
            UserId = token.UserId,
            TokenId = token.TokenId,
            Action = AuditAction.AddressRefused,
            At = now.UtcDateTime,
            Ip = ip,
            Detail = method is null ? "refused: address not in the token's allow-list" : $"{method} refused: address not in the token's allow-list",
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
