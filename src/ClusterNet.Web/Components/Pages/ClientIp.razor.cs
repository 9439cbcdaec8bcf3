using ClusterNet.Core.ClientIp.Decoding;
using ClusterNet.Core.Model;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.PageModels.ClientIp;
using ClusterNet.Web.Snapshots;
using Microsoft.AspNetCore.Components;

namespace ClusterNet.Web.Components.Pages;

/// <summary>
/// The Client IP page: URL parameters in, <see cref="ClientIpPageModel"/> decides, the markup shows its view. Picking a
/// subject pushes a history entry (Back returns to the previous one); route and decoder edits replace it.
/// </summary>
public partial class ClientIp
{
    [Inject] private ClientIpPageModel Model { get; set; } = default!;

    [Inject] private UrlState Url { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Service to analyse, NAMESPACE/NAME.</summary>
    [SupplyParameterFromQuery(Name = "service")] public string? Service { get; set; }

    /// <summary>Ingress to analyse, NAMESPACE/NAME.</summary>
    [SupplyParameterFromQuery(Name = "ingress")] public string? Ingress { get; set; }

    /// <summary>Gateway to analyse, NAMESPACE/NAME.</summary>
    [SupplyParameterFromQuery(Name = "gateway")] public string? Gateway { get; set; }

    /// <summary>Route id shown (lb, nodeport, in-cluster, path:host/path...); the first route by default.</summary>
    [SupplyParameterFromQuery(Name = "route")] public string? Route { get; set; }

    [SupplyParameterFromQuery(Name = "remote")] public string? Remote { get; set; }

    /// <summary>Header lines, repeated in order.</summary>
    [SupplyParameterFromQuery(Name = "h")] public string[]? Headers { get; set; }

    /// <summary>Trusted CIDRs; "none" for no trusted proxies.</summary>
    [SupplyParameterFromQuery(Name = "trusted")] public string? Trusted { get; set; }

    [SupplyParameterFromQuery(Name = "hname")] public string? HeaderName { get; set; }

    [SupplyParameterFromQuery(Name = "rec")] public string? Recursive { get; set; }

    [SupplyParameterFromQuery(Name = "limit")] public string? Limit { get; set; }

    /// <summary>Envoy xff_num_trusted_hops (default 0).</summary>
    [SupplyParameterFromQuery(Name = "hops")] public string? Hops { get; set; }

    /// <summary>Envoy use_remote_address: "on", or absent for off (Envoy's default).</summary>
    [SupplyParameterFromQuery(Name = "ura")] public string? UseRemote { get; set; }

    private ClientIpPageView View { get; set; } = default!;

    protected override IReadOnlyCollection<string> WatchedKinds =>
    [
        ResourceKind.Services, ResourceKind.Endpoints, ResourceKind.Pods, ResourceKind.Nodes, ResourceKind.Ingresses, ResourceKind.IngressClasses,
        ResourceKind.Gateways, ResourceKind.GatewayClasses, ResourceKind.HttpRoutes, ResourceKind.GrpcRoutes, ResourceKind.TlsRoutes, ResourceKind.TcpRoutes,
        ResourceKind.UdpRoutes, ResourceKind.ReferenceGrants, ResourceKind.ClientTrafficPolicies, ResourceKind.EnvoyProxies, ResourceKind.NginxProxies,
        ResourceKind.Deployments, ResourceKind.DaemonSets, ResourceKind.StatefulSets, ResourceKind.ConfigMaps,
    ];

    protected override void OnParametersSet() => View = Model.Update(Snapshot, UrlState());

    // A new snapshot is analysed off the circuit's thread; an answer overtaken by a newer one is dropped.
    protected override async Task OnSnapshotChangedAsync(SnapshotBatch batch)
    {
        if (await Model.UpdateInBackgroundAsync(Snapshot, UrlState()) is { } view)
        {
            View = view;
        }
    }

    private ClientIpUrlState UrlState() => new()
    {
        Service = Service,
        Ingress = Ingress,
        Gateway = Gateway,
        Route = Route,
        Remote = Remote,
        Headers = Headers is null ? [] : [.. Headers],
        Trusted = Trusted,
        HeaderName = HeaderName,
        Recursive = Recursive,
        Limit = Limit,
        Hops = Hops,
        UseRemote = UseRemote,
    };

    private void Show(string? key) => Url.Set(false, ClientIpPageModel.Select(key));

    private void OnRouteChanged(string id) => Url.Set("route", id, replace: true);

    private void OnDecoderChanged(DecodeInput input) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(ClientIpPageModel.DecoderParameters(input)), replace: true);
}
