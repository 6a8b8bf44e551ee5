using Bunit;
using MudBlazor.Services;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// The set-up every component test shares: bUnit with loose JS interop and MudBlazor's services, disposed
/// asynchronously (xunit 2 calls <see cref="IAsyncLifetime"/>, not <see cref="IAsyncDisposable"/>, on test classes).
/// Tests that need more start it in <see cref="InitializeAsync"/> and end it in <see cref="DisposeOwnedAsync"/>.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>What the test started besides bUnit (an app, a fixture), ended after the renderer.</summary>
    protected virtual ValueTask DisposeOwnedAsync() => ValueTask.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DisposeOwnedAsync();
    }
}
