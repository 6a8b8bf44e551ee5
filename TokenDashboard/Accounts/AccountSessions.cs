using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Accounts;

/// <summary>Ends the account's API sessions (users.Authentication.Signin), e.g. when its password changes.</summary>
public sealed class AccountSessions(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<int> RevokeApiSessionsAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ApiSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }
}
