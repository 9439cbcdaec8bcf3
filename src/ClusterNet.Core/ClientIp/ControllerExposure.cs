using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// How outside traffic reaches an Ingress controller's proxy pods: through its LoadBalancer / NodePort / externalIPs
/// Service (with that Service's own client-IP risks and fixes, except the hostNetwork one), straight to the nodes'
/// ports (hostNetwork), or not visible. Shared by ingress-nginx and the other reverse-proxy controllers.
/// </summary>
internal static class ControllerExposure
{
    public static (ExternalEntry? Entry, string Exposure) Build(ClusterSnapshot snapshot, IngressControllerInfo controller, string product, List<Finding> risks, List<ClientIpFix> fixes, List<string> notes, List<ClientIpEvidence> inputs)
    {
        var svc = controller.Service;
        ExternalEntry? entry = null;
        string exposure;
        if (svc is not null && (svc.Type is "LoadBalancer" or "NodePort" || !svc.ExternalIps.IsDefaultOrEmpty))
        {
            var placement = EndpointPlacement.Of(snapshot, svc);
            var mode = svc.Type == "LoadBalancer" ? ExternalEntryMode.LoadBalancer : svc.Type == "NodePort" ? ExternalEntryMode.NodePort : ExternalEntryMode.ExternalIp;
            entry = ExternalEntryBuilder.Build(snapshot, svc, mode, placement);
            exposure = $"Service {svc.Namespace}/{svc.Name} ({svc.Type}, externalTrafficPolicy {entry.Policy})";
            var serviceReport = ServiceClientIpAnalyzer.Analyze(snapshot, svc);
            risks.AddRange(serviceReport.Risks.Where(r => r.Code != "hostnetwork-backend"));
            fixes.AddRange(serviceReport.Fixes);
            inputs.AddRange(serviceReport.Inputs.Select(i => i with { Field = $"controller Service {i.Field}" }));
        }
        else if (controller.HostNetwork)
        {
            entry = new ExternalEntry
            {
                Hops =
                [
                    new ClientIpHop { Id = "client", Kind = ClientIpHopKind.Client, Label = "Client", Address = $"{ExternalEntryBuilder.ExampleClient} (example)" },
                    new ClientIpHop
                    {
                        Id = "node",
                        Kind = ClientIpHopKind.Node,
                        Label = "Node running the controller (hostNetwork)",
                        Address = ExternalEntryBuilder.ExampleNode(snapshot, controller.Pods.Select(p => p.NodeName).FirstOrDefault(n => n is not null)),
                        SeesSource = $"client {ExternalEntryBuilder.ExampleClient}",
                        Detail = "Clients connect to the node's ports 80/443, where the controller listens directly: no kube-proxy, no SNAT.",
                    },
                ],
                BackendSees = BackendSees.Client,
                BackendSeesText = ExternalEntryBuilder.SeesText(BackendSees.Client, null, snapshot, new EndpointPlacement()),
                Policy = "n/a",
                Why = "the controller listens on the nodes' own ports (hostNetwork), so clients reach it without NAT",
            };
            exposure = "hostNetwork on the nodes (no LoadBalancer/NodePort Service found)";
        }
        else
        {
            exposure = svc is null ? "not exposed by any Service in the snapshot" : $"only the ClusterIP Service {svc.Namespace}/{svc.Name}";
            notes.Add($"The {product} controller is {exposure}: how outside traffic reaches it is not visible, so what it sees is unknown.");
        }

        return (entry, exposure);
    }
}
