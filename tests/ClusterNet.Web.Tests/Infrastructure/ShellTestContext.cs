using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.Interop;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.Configuration;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Sources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace ClusterNet.Web.Tests.Infrastructure;

/// <summary>
/// bUnit context with the shell's services over a <see cref="TestClusterSource"/> and strict JS interop: our own
/// module calls are set up exactly; MudBlazor's internal calls (identifiers starting with "mud") are allowed explicitly.
/// </summary>
public abstract class ShellTestContext : BunitContext
{
    protected ShellTestContext(TestClusterSource? source = null, string? impersonateUser = null)
    {
        Source = source ?? new TestClusterSource();
        Feed = new SnapshotFeed(Source.Store, TimeSpan.Zero);
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);

        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton<ISnapshotFeed>(Feed);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(new SourceSelection(new ClusterSourceSpec(Source.Info.Type), impersonateUser));
        Services.AddScoped<UrlState>();
        Services.AddScoped<SelectionService>();
        Services.AddScoped<ShellInterop>();
        Services.AddOptions<DetailsViewOptions>();
        Services.AddSingleton(new global::ClusterNet.Web.Security.LookupThrottle(new global::ClusterNet.Web.Security.HttpLimitsOptions()));

        JSInterop.Mode = JSRuntimeMode.Strict;
        var shell = JSInterop.SetupModule(ShellInterop.ModulePath);
        ShellInitialize = shell.SetupVoid("initialize", _ => true);
        ShellInitialize.SetVoidResult();
        shell.SetupVoid("dispose").SetVoidResult();
        RememberTheme = shell.SetupVoid("rememberTheme", _ => true);
        RememberTheme.SetVoidResult();
        shell.Setup<bool>("copyText", _ => true).SetResult(true);
        JSInterop.SetupVoid(i => i.Identifier.StartsWith("mud", StringComparison.Ordinal)).SetVoidResult();
        JSInterop.Setup<bool>(i => i.Identifier.StartsWith("mud", StringComparison.Ordinal)).SetResult(false);
        JSInterop.Setup<int>(i => i.Identifier.StartsWith("mud", StringComparison.Ordinal)).SetResult(0);
        JSInterop.Setup<string>(i => i.Identifier.StartsWith("mud", StringComparison.Ordinal)).SetResult("");
        // MudBlazor asks whether its script (mudElementRef & co.) is loaded before calling it.
        JSInterop.Setup<bool>("window.hasOwnProperty", i => i.Arguments.Count == 1 && i.Arguments[0] is string name && name.StartsWith("mud", StringComparison.Ordinal)).SetResult(true);
        JSInterop.Setup<MudBlazor.Interop.BoundingClientRect>(i => i.Identifier.StartsWith("mud", StringComparison.Ordinal)).SetResult(new MudBlazor.Interop.BoundingClientRect());
        JSInterop.Setup<MudBlazor.Interop.BoundingClientRect[]>(i => i.Identifier.StartsWith("mud", StringComparison.Ordinal)).SetResult([]);
    }

    private bool _disposing;

    // MudBlazor registers services that only implement IAsyncDisposable; xUnit 2 disposes test classes synchronously.
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposing)
        {
            _disposing = true;
            DisposeAsync().AsTask().GetAwaiter().GetResult();
            return;
        }

        base.Dispose(disposing);
    }

    protected TestClusterSource Source { get; }

    protected SnapshotFeed Feed { get; }

    protected FakeTimeProvider Time { get; }

    protected JSRuntimeInvocationHandler ShellInitialize { get; }

    /// <summary>shell.js <c>rememberTheme(cookieValue, name)</c>: the layout calls it when it applies a theme.</summary>
    protected JSRuntimeInvocationHandler RememberTheme { get; }

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>Changes the store and publishes, as a source would.</summary>
    protected ClusterSnapshot Publish(Action<Core.Store.ClusterStore> change)
    {
        change(Source.Store);
        return Source.Store.Flush();
    }
}
