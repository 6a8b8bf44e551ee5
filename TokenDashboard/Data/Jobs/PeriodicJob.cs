namespace TokenDashboard.Data.Jobs;

/// <summary>
/// The one way the app runs work on a schedule: a round at start-up, then one <see cref="Interval"/> after each on the
/// app's <see cref="TimeProvider"/> (so tests move time instead of waiting for it), a failed round logged and tried
/// again in the next, and <see cref="StoppingAsync"/> once at an orderly stop. The change feeds are not jobs: they
/// watch a database connection in real time.
/// </summary>
internal abstract class PeriodicJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The app's clock, for the job's own use too.</summary>
    protected TimeProvider Clock { get; } = clock;

    /// <summary>The longest wait a timer takes (about 49 days); a longer interval would throw at start-up.</summary>
    private static readonly TimeSpan LongestInterval = TimeSpan.FromDays(30);

    /// <summary>Time between rounds, read once when the job starts.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>False when a switch turned the job off: it then never runs, not even at stop.</summary>
    protected virtual bool Enabled => true;

    /// <summary>What the log calls the job when a round fails.</summary>
    protected abstract string Name { get; }

    /// <summary>One round of the work.</summary>
    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    /// <summary>Runs once when the app stops in order, after the last round (e.g. writes what is still in memory).</summary>
    protected virtual Task StoppingAsync() => Task.CompletedTask;

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }
        var interval = TimeSpan.FromTicks(Math.Clamp(Interval.Ticks, TimeSpan.FromMilliseconds(1).Ticks, LongestInterval.Ticks));
        try
        {
            while (true)
            {
                await RunSafelyAsync(stoppingToken);
                // One timer at a time, armed after the round: a clock moved days ahead at once (a test's fake clock
                // fires a periodic timer for every interval it skips) brings one round, not a million.
                await Task.Delay(interval, Clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await StoppingAsync();
    }

    private async Task RunSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunRoundAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "{Job} failed; trying again in the next round", Name);
        }
    }
}
