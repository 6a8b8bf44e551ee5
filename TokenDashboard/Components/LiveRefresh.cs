namespace TokenDashboard.Components;

/// <summary>
/// What every live component does when its user's things change: the news arrives on another thread (an API request,
/// a background writer, the change feed from another instance), so the work is handed to the component's own
/// dispatcher, skipped once the component is gone, and a failure is logged rather than tearing down the circuit.
/// Dispose it with the component: that also ends the subscription.
/// </summary>
internal sealed class LiveRefresh(Func<Func<Task>, Task> invokeAsync, ILogger logger) : IDisposable
{
    private IDisposable? subscription;
    private volatile bool disposed;

    /// <summary>Runs <paramref name="onChange"/> on the component after each change that <paramref name="subscribe"/> hears.</summary>
    public void Listen(Func<Action, IDisposable> subscribe, Func<Task> onChange) => subscription = subscribe(() => Run(onChange));

    /// <summary>Runs <paramref name="work"/> on the component's dispatcher, unless the component is gone.</summary>
    public void Run(Func<Task> work) => _ = RunAsync(work);

    private async Task RunAsync(Func<Task> work)
    {
        try
        {
            await invokeAsync(async () =>
            {
                if (!disposed)
                {
                    await work();
                }
            });
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A live update failed");
        }
    }

    public void Dispose()
    {
        disposed = true;
        subscription?.Dispose();
    }
}
