using Bunit;
using ClusterNet.Core.Model;
using ClusterNet.Web.Components.Pages;
using ClusterNet.Web.PageModels.Policies;
using ClusterNet.Web.Snapshots;
using ClusterNet.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Policy;

/// <summary>
/// The Policies page over a <see cref="ControlledSnapshotFeed"/>: the test publishes snapshot N and awaits, then asserts;
/// nothing publishes behind its back, so no retries are needed.
/// </summary>
public abstract class PoliciesTestContext : ShellTestContext
{
    protected PoliciesTestContext(IEnumerable<IClusterObject> objects)
    {
        Controlled = new ControlledSnapshotFeed(ClusterSnapshot.Create(new SourceInfo("demo", "policies"), objects));
        Services.AddSingleton<ISnapshotFeed>(Controlled);
        Services.AddPoliciesPage();
    }

    protected ControlledSnapshotFeed Controlled { get; }

    protected IRenderedComponent<Policies> RenderPage(params (string Name, string? Value)[] query)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters("/policies", query.ToDictionary(q => q.Name, q => (object?)q.Value)));
        return Render<Policies>();
    }

    /// <summary>Clicks, then re-renders the page so it reads the URL the click navigated to (there is no router in bUnit).</summary>
    protected static void ClickAndFollow(IRenderedComponent<Policies> cut, string selector)
    {
        cut.Find(selector).Click();
        cut.Render();
    }
}
