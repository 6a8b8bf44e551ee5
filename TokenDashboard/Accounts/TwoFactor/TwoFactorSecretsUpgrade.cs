using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts.TwoFactor;

/// <summary>
/// A start-up step after the database's: two-factor secrets written in plain text by an earlier version (authenticator
/// keys, unused recovery codes) are rewritten as <see cref="TwoFactorSecretStore"/> keeps them. Each row is replaced
/// only if it still holds what was read, so instances starting together never wrap a secret twice; the codes and keys
/// the owners hold keep working.
/// </summary>
internal sealed class TwoFactorSecretsUpgrade(
    IDbContextFactory<AppDbContext> dbFactory,
    IDataProtectionProvider protection,
    ILogger<TwoFactorSecretsUpgrade> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.UserTokens.AsNoTracking()
            .Where(t => t.LoginProvider == TwoFactorSecretStore.IdentityProvider
                && (t.Name == TwoFactorSecretStore.KeyName || t.Name == TwoFactorSecretStore.CodesName))
            .ToListAsync(cancellationToken);
        var protector = TwoFactorSecretStore.ProtectorOf(protection);
        var upgraded = 0;
        foreach (var row in rows)
        {
            var value = row.Name == TwoFactorSecretStore.KeyName
                ? TwoFactorSecretStore.IsPlainKey(row.Value) ? TwoFactorSecretStore.ProtectKey(protector, row.Value!) : null
                : TwoFactorSecretStore.IsPlainCodes(row.Value) ? TwoFactorSecretStore.HashCodes(row.Value!.Split(';')) : null;
            if (value is null)
            {
                continue;
            }
            upgraded += await db.UserTokens
                .Where(t => t.UserId == row.UserId && t.LoginProvider == row.LoginProvider && t.Name == row.Name && t.Value == row.Value)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, value), cancellationToken);
        }
        if (upgraded > 0)
        {
            logger.LogInformation("Protected {Count} two-factor secret(s) stored in plain text by an earlier version", upgraded);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
