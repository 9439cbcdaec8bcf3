using System.Security.Claims;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Model;
using FindingRecord = ClusterNet.Core.Findings.Finding;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.PageModels.Dns;
using ClusterNet.Web.Snapshots;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudSeverity = MudBlazor.Severity;

namespace ClusterNet.Web.Components.Pages;

/// <summary>
/// The DNS page's wiring: URL parameters into <see cref="DnsPageModel"/>, its view out, inputs back into the URL.
/// An input changes the model first and renders, then updates the URL: the browser has the new value on screen before
/// its address changes, and the URL's echo (OnParametersSet) finds nothing to change.
/// </summary>
public partial class Dns
{
    [Inject] private DnsPageModel Model { get; set; } = default!;

    [Inject] private UrlState Url { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Before sign-in the lookup budget is the address's, as for POST /api/dns/lookup.</summary>
    [CascadingParameter(Name = Routes.RemoteAddressCascade)] private string? RemoteAddress { get; set; }

    [SupplyParameterFromQuery(Name = "pod")] public string? Pod { get; set; }

    [SupplyParameterFromQuery(Name = "name")] public string? Name { get; set; }

    [SupplyParameterFromQuery(Name = "family")] public string? FamilyParameter { get; set; }

    [SupplyParameterFromQuery(Name = "conf")] public string? Conf { get; set; }

    [SupplyParameterFromQuery(Name = "finding")] public string? Finding { get; set; }

    [SupplyParameterFromQuery(Name = "case")] public string? Case { get; set; }

    [SupplyParameterFromQuery(Name = "libc")] public string? Libc { get; set; }

    [SupplyParameterFromQuery(Name = "libc-version")] public string? LibcVersion { get; set; }

    private DnsPageView View => Model.View;

    private DnsScenario Scenario => Model.Url.Parse().Query?.Scenario ?? DnsScenario.Exists;

    private LookupFamily Family => Model.Url.Parse().Query?.Family ?? LookupFamily.Unspec;

    private MudSeverity BannerSeverity => View.Banner switch
    {
        DnsBanner.Error => MudSeverity.Error,
        DnsBanner.Warning => MudSeverity.Warning,
        _ => MudSeverity.Success,
    };

    protected override IReadOnlyCollection<string> WatchedKinds =>
        [ResourceKind.Pods, ResourceKind.Services, ResourceKind.Nodes, ResourceKind.NetworkPolicies, ResourceKind.ConfigMaps, ResourceKind.DaemonSets, ResourceKind.Deployments, ResourceKind.StatefulSets];

    protected override void OnParametersSet() => Model.Show(Snapshot, new DnsPageUrl
    {
        Pod = Pod, Name = Name, Family = FamilyParameter, Conf = Conf, Finding = Finding, Case = Case, Libc = Libc, LibcVersion = LibcVersion,
    });

    protected override Task OnSnapshotChangedAsync(SnapshotBatch batch) => Model.RefreshAsync(batch.Snapshot);

    private Task<IEnumerable<string>> SearchPodsAsync(string text, CancellationToken cancellationToken) =>
        Task.FromResult(DnsPageModel.PodsMatching(Snapshot, text));

    private Task OnPodChangedAsync(string? pod) => SetAsync(Model.Url with { Pod = pod, Finding = null }, false, ("pod", pod), ("finding", null));

    private Task OnNameChangedAsync(string? name) => SetAsync(Model.Url with { Name = name?.Trim() }, false, ("name", name?.Trim()));

    private Task OnScenarioChangedAsync(DnsScenario scenario)
    {
        var text = scenario == DnsScenario.Exists ? null : DnsLookupQueryParser.ScenarioText(scenario);
        return SetAsync(Model.Url with { Case = text }, true, ("case", text));
    }

    private Task OnFamilyChangedAsync(LookupFamily family)
    {
        var text = family == LookupFamily.Unspec ? null : DnsLookupQueryParser.FamilyText(family);
        return SetAsync(Model.Url with { Family = text }, true, ("family", text));
    }

    private static IReadOnlyList<DnsLibcChoice> LibcChoices => DnsLibcChoice.All;

    /// <summary>The C library override goes into the URL (libc, libc-version); auto removes both.</summary>
    private Task OnLibcChangedAsync(string key)
    {
        var choice = DnsLibcChoice.All.FirstOrDefault(c => c.Key == key) ?? DnsLibcChoice.All[0];
        return SetAsync(Model.Url with { Libc = choice.Libc, LibcVersion = choice.Version }, false, ("libc", choice.Libc), ("libc-version", choice.Version));
    }

    private Task OnConfChangedAsync(string? conf) => SetAsync(Model.Url with { Conf = conf }, true, ("conf", conf));

    private Task OnFindingSelectedAsync(FindingRecord finding) => SetAsync(Model.Url with { Finding = finding.Id }, false, ("finding", finding.Id));

    private Task LookUpFromAsync(string pod)
    {
        var name = Model.Url.Name ?? "www.example.com";
        return SetAsync(Model.Url with { Pod = pod, Name = name }, false, ("pod", pod), ("name", name));
    }

    /// <summary>Shows the new state now, lets that render reach the browser, then writes it to the URL.</summary>
    private async Task SetAsync(DnsPageUrl url, bool replace, params (string Name, string? Value)[] values)
    {
        Model.Show(Snapshot, url);
        StateHasChanged();
        await Task.Yield();
        Url.Set(replace, values);
    }

    private async Task RunLiveAsync()
    {
        ClaimsPrincipal? user = AuthenticationState is null ? null : (await AuthenticationState).User;
        var running = Model.RunLiveAsync(user, RemoteAddress);
        StateHasChanged();
        await running;
    }
}
