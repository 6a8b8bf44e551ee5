using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace TokenDashboard.Components.Shared;

/// <summary>
/// Escape for a dialog that decides what Escape means itself — asking before a value shown once, or a filled form,
/// is lost. Such dialogs turn MudBlazor's own Escape off, and its key hook does not see Escape from every focus, so a
/// document-level listener brings the key here, only while the anchor's dialog is the top one (and no list of it is
/// open). Attach after the first render; dispose with the dialog.
/// </summary>
internal sealed class DialogEscape : IAsyncDisposable
{
    private readonly IJSRuntime js;
    private readonly ElementReference anchor;
    private readonly Func<Task> pressed;
    private readonly DotNetObjectReference<DialogEscape> reference;

    private DialogEscape(IJSRuntime js, ElementReference anchor, Func<Task> pressed)
    {
        (this.js, this.anchor, this.pressed) = (js, anchor, pressed);
        reference = DotNetObjectReference.Create(this);
    }

    /// <param name="anchor">An element inside the dialog: the listener acts only while its dialog is on top.</param>
    /// <param name="pressed">What Escape does, run on the component's dispatcher (pass it through <c>InvokeAsync</c>).</param>
    public static async Task<DialogEscape> AttachAsync(IJSRuntime js, ElementReference anchor, Func<Task> pressed)
    {
        var escape = new DialogEscape(js, anchor, pressed);
        await js.InvokeVoidAsync("tokenDashboard.attachDialogEscape", anchor, escape.reference);
        return escape;
    }

    [JSInvokable]
    public Task EscapePressed() => pressed();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await js.InvokeVoidAsync("tokenDashboard.detachDialogEscape", anchor);
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so is the page and its listener.
        }
        reference.Dispose();
    }
}
