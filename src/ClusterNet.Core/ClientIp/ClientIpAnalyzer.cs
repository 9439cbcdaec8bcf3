using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.ClientIp.Queries;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp;

/// <summary>Entry point: the report for a Service or an Ingress, and the overview of every exposed Service.</summary>
public static class ClientIpAnalyzer
{
    public static ClientIpReport? ForService(ClusterSnapshot snapshot, string @namespace, string name) =>
        snapshot.Services.Get(@namespace, name) is { } s ? ServiceClientIpAnalyzer.Analyze(snapshot, s) : null;

    public static ClientIpReport? ForIngress(ClusterSnapshot snapshot, string @namespace, string name) =>
        snapshot.Ingresses.Get(@namespace, name) is { } i ? IngressClientIpAnalyzer.Analyze(snapshot, i) : null;

    public static ClientIpReport? ForGateway(ClusterSnapshot snapshot, string @namespace, string name) =>
        snapshot.Gateways.Get(@namespace, name) is { } g ? GatewayClientIpAnalyzer.Analyze(snapshot, g) : null;

    /// <summary>The report a query asks for; null for the overview or when the Service/Ingress is not in the snapshot.</summary>
    public static ClientIpReport? For(ClusterSnapshot snapshot, ClientIpPathQuery query) => query.Target switch
    {
        ClientIpTarget.Service => ForService(snapshot, query.Namespace, query.Name),
        ClientIpTarget.Ingress => ForIngress(snapshot, query.Namespace, query.Name),
        ClientIpTarget.Gateway => ForGateway(snapshot, query.Namespace, query.Name),
        _ => null,
    };

    /// <summary>
    /// Every Service reachable from outside: NodePort and LoadBalancer Services, Services with externalIPs, and
    /// Ingress backends (one row per Ingress that routes to it) and Gateway backends (one row per Gateway listener whose
    /// routes reach it). Sorted by namespace, name, exposedVia.
    /// </summary>
    public static IReadOnlyList<ClientIpOverviewRow> Overview(ClusterSnapshot snapshot)
    {
        var rows = new List<ClientIpOverviewRow>();
        foreach (var s in snapshot.Services)
        {
            if (s.Type is "NodePort" or "LoadBalancer" || !s.ExternalIps.IsDefaultOrEmpty)
            {
                var report = ServiceClientIpAnalyzer.Analyze(snapshot, s);
                var via = s.Type is "NodePort" or "LoadBalancer" ? s.Type : "externalIPs";
                rows.Add(new ClientIpOverviewRow(s.Namespace, s.Name, s.Type, s.ExternalTrafficPolicy ?? "Cluster", via, report.Outcome, report.Verdict));
            }
        }

        foreach (var ingress in snapshot.Ingresses)
        {
            var report = IngressClientIpAnalyzer.Analyze(snapshot, ingress);
            foreach (var (label, backend) in IngressClientIpAnalyzer.Paths(ingress))
            {
                if (backend.BackendService is null)
                {
                    continue;
                }

                var route = report.Routes.FirstOrDefault(r => r.Id == "path:" + label);
                if (route is null || rows.Any(r => r.Namespace == ingress.Namespace && r.Name == backend.BackendService && r.ExposedVia == $"Ingress {ingress.Name}"))
                {
                    continue;
                }

                var svc = snapshot.Services.Get(ingress.Namespace, backend.BackendService);
                rows.Add(new ClientIpOverviewRow(ingress.Namespace, backend.BackendService, svc?.Type ?? "(missing)", svc?.ExternalTrafficPolicy ?? (svc?.Type is "NodePort" or "LoadBalancer" ? "Cluster" : "-"),
                    $"Ingress {ingress.Name}", route.Outcome, route.Verdict));
            }
        }

        foreach (var gateway in snapshot.Gateways)
        {
            rows.AddRange(GatewayClientIpAnalyzer.Rows(snapshot, gateway));
        }

        return [.. rows.OrderBy(r => r.Namespace, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.ExposedVia, StringComparer.Ordinal)];
    }
}
