using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.Interop;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.PageModels.Cluster;
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
/// For new tests prefer <see cref="ControlledShellTestContext"/>: the test publishes snapshot N and asserts, no waiting.
/// </summary>
public abstract class ShellTestContext : ShellTestContextBase
{
    protected ShellTestContext(TestClusterSource? source = null, string? impersonateUser = null)
        : this(WithFeed(source ?? new TestClusterSource()), impersonateUser)
    {
    }

    private ShellTestContext((TestClusterSource Source, SnapshotFeed Feed) setup, string? impersonateUser)
        : base(setup.Feed, setup.Source.Info, impersonateUser)
    {
        Source = setup.Source;
        Feed = setup.Feed;
    }

    private static (TestClusterSource, SnapshotFeed) WithFeed(TestClusterSource source) => (source, new SnapshotFeed(source.Store, TimeSpan.Zero));

    protected TestClusterSource Source { get; }

    protected SnapshotFeed Feed { get; }

    /// <summary>Changes the store and publishes, as a source would.</summary>
    protected ClusterSnapshot Publish(Action<Core.Store.ClusterStore> change)
    {
        change(Source.Store);
        return Source.Store.Flush();
    }
}

/// <summary>
/// The shell's bUnit context over a <see cref="ControlledSnapshotFeed"/>: <c>await Feed.PublishAsync(...)</c> returns once
/// every subscribed component handled the snapshot, so the next line can assert (no WaitFor, no retries).
/// </summary>
public abstract class ControlledShellTestContext : ShellTestContextBase
{
    protected ControlledShellTestContext(ClusterSnapshot? initial = null, string? impersonateUser = null)
        : this(new ControlledSnapshotFeed(initial ?? SampleCluster.Snapshot()), impersonateUser)
    {
    }

    private ControlledShellTestContext(ControlledSnapshotFeed feed, string? impersonateUser)
        : base(feed, feed.Current.Source, impersonateUser) => Feed = feed;

    protected ControlledSnapshotFeed Feed { get; }
}

/// <summary>The shell's services and strict JS interop over any <see cref="ISnapshotFeed"/>.</summary>
public abstract class ShellTestContextBase : BunitContext
{
    protected ShellTestContextBase(ISnapshotFeed feed, SourceInfo source, string? impersonateUser)
    {
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);

        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddSingleton(feed);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(new SourceSelection(new ClusterSourceSpec(source.Type), impersonateUser));
        Services.AddScoped<UrlState>();
        Services.AddScoped<SelectionService>();
        Services.AddScoped<ShellInterop>();
        Services.AddOptions<DetailsViewOptions>();
        Services.AddClusterPage();
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

    protected FakeTimeProvider Time { get; }

    protected JSRuntimeInvocationHandler ShellInitialize { get; }

    /// <summary>shell.js <c>rememberTheme(cookieValue, name)</c>: the layout calls it when it applies a theme.</summary>
    protected JSRuntimeInvocationHandler RememberTheme { get; }

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();
}
