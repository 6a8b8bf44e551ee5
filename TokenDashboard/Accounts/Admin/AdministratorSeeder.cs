namespace TokenDashboard.Accounts.Admin;

/// <summary>
/// A start-up step after the demo account's: the Administrator role exists and the configured first administrators
/// hold it (idempotent: a second start, or several instances starting together, change nothing more).
/// </summary>
internal sealed class AdministratorSeeder(Administrators administrators) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => administrators.GrantConfiguredAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
