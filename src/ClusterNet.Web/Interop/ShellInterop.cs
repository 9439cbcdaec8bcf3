using Microsoft.JSInterop;

namespace ClusterNet.Web.Interop;

/// <summary>
/// The shell's only JS surface (wwwroot/js/shell.js): keyboard shortcuts (<c>/</c> focuses search, <c>Esc</c> clears the
/// selection), the skip link, the remembered theme and copy-to-clipboard. Every call tolerates a circuit that is already gone.
/// </summary>
public sealed class ShellInterop(IJSRuntime js) : IAsyncDisposable
{
    public const string ModulePath = "./js/shell.js";
    private IJSObjectReference? _module;

    public async Task InitializeAsync<T>(DotNetObjectReference<T> callbacks, string searchInputId) where T : class
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            await _module.InvokeVoidAsync("initialize", callbacks, searchInputId);
        }
        catch (JSDisconnectedException)
        {
        }
    }

    /// <summary>
    /// Remembers the theme for the next page load (cookie <c>cn-theme</c>, read by App.razor) and marks the document
    /// with it (<c>html[data-cn-theme]</c>).
    /// </summary>
    public async Task RememberThemeAsync(string cookieValue, string name)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            await _module.InvokeVoidAsync("rememberTheme", cookieValue, name);
        }
        catch (JSDisconnectedException)
        {
        }
    }

    /// <summary>Copies text to the clipboard; false when the browser refused (no secure context, no permission).</summary>
    public async Task<bool> CopyTextAsync(string text)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            return await _module.InvokeAsync<bool>("copyText", text);
        }
        catch (JSDisconnectedException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.InvokeVoidAsync("dispose");
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
