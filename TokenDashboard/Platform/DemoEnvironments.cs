using TokenDashboard.Accounts;

namespace TokenDashboard.Platform;

/// <summary>The demo account's three running environments, so the first API call has something to stop.</summary>
internal sealed class DemoEnvironments(EnvironmentService environments) : IDemoAccountContent
{
    public static readonly string[] Names = ["my-project", "staging", "shop"];

    public async Task AddToAsync(string userId, CancellationToken cancellationToken)
    {
        foreach (var name in Names)
        {
            await environments.CreateAsync(userId, name, displayName: null, cancellationToken);
        }
    }
}
