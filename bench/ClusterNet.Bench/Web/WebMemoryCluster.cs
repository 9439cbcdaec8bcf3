using System.Globalization;
using System.Text;

namespace ClusterNet.Bench.Web;

/// <summary>
/// The issue #15 cluster as manifests for the file source: the graph benchmark's nodes and pods (100 pods per node,
/// 50 per namespace, 10 per workload: 10,000 pods → 100 nodes, 200 namespaces) with the policy benchmark's labels,
/// container ports and NetworkPolicy shapes (default deny, app allow-lists, cross-namespace by team, egress with
/// ipBlocks, CIDR allows; 2,000 at 10,000 pods), plus one Service per workload (every 20th a NodePort).
/// <see cref="Write"/> with another <c>generation</c> marks one more pod not ready: what a live pod change looks like.
/// </summary>
public sealed record WebMemoryCluster(int Pods)
{
    private static readonly string[] Apps = ["web", "api", "worker", "db", "cache", "auth", "search", "queue", "billing", "report"];

    public int Nodes => Math.Max(1, Pods / 100);

    public int Namespaces => Math.Max(1, Pods / 50);

    public int Workloads => (Pods + 9) / 10;

    /// <summary>One policy per five pods: 2,000 at 10,000 pods, as in the issue.</summary>
    public int Policies => Pods / 5;

    public static string NamespaceName(int n) => string.Create(CultureInfo.InvariantCulture, $"ns{n}");

    private string NamespaceOf(int pod) => NamespaceName(pod / 50 % Namespaces);

    /// <summary>Writes the cluster to <paramref name="path"/>; <paramref name="generation"/> pods flip to not ready, one per generation.</summary>
    public void Write(string path, int generation = 0)
    {
        var sb = new StringBuilder(Pods * 700);
        for (var n = 0; n < Namespaces; n++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {NamespaceName(n)}\n  labels:\n    team: t{n % 20}\n    env: {(n % 3 == 0 ? "prod" : "dev")}\n---\n");
        }

        for (var n = 0; n < Nodes; n++)
        {
            AppendNode(sb, n);
        }

        for (var p = 0; p < Pods; p++)
        {
            AppendPod(sb, p, notReady: p % 97 == 0 || (p % 101 == 1 && p / 101 < generation));
        }

        for (var w = 0; w < Workloads; w++)
        {
            var ns = NamespaceOf(w * 10);
            sb.Append(CultureInfo.InvariantCulture, $"""
                apiVersion: v1
                kind: Service
                metadata:
                  name: app{w}
                  namespace: {ns}
                spec:
                  type: {(w % 20 == 0 ? "NodePort" : "ClusterIP")}
                  clusterIP: 10.96.{w / 250 % 250}.{w % 250 + 1}
                  selector:
                    workload: app{w}
                  ports:
                  - name: http
                    port: 80
                    targetPort: http
                ---

                """);
        }

        for (var p = 0; p < Policies; p++)
        {
            AppendPolicy(sb, p);
        }

        var temp = path + ".tmp";
        File.WriteAllText(temp, sb.ToString());
        // One rename, so the file source's watcher never reads half a file.
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Node <paramref name="n"/> of the synthetic clusters (flannel vxlan, four zones, every 37th not ready); the topology graph benchmark writes the same nodes.</summary>
    public static void AppendNode(StringBuilder sb, int n)
    {
        var ip = string.Create(CultureInfo.InvariantCulture, $"172.16.{100 + n / 50}.{n % 50 + 10}");
        sb.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: v1
            kind: Node
            metadata:
              name: node{n}
              labels:
                topology.kubernetes.io/zone: zone-{n % 4}
              annotations:
                flannel.alpha.coreos.com/backend-type: vxlan
                flannel.alpha.coreos.com/backend-data: '{"{"}"VNI":1,"VtepMAC":"4e:1f:6b:00:{n / 256:x2}:{n % 256:x2}"{"}"}'
                flannel.alpha.coreos.com/public-ip: {ip}
            spec:
              podCIDR: 10.{244 + n / 250}.{n % 250}.0/24
            status:
              addresses:
              - type: InternalIP
                address: {ip}
              conditions:
              - type: Ready
                status: "{(n % 37 == 5 ? "False" : "True")}"
            ---

            """);
    }

    private void AppendPod(StringBuilder sb, int p, bool notReady)
    {
        // Spread each workload over nodes (p % nodes), as a scheduler would.
        var n = p % Nodes;
        var w = p / 10;
        var port = 8000 + w % 20;
        sb.Append(CultureInfo.InvariantCulture, $"""
            apiVersion: v1
            kind: Pod
            metadata:
              name: app{w}-5d9c7-{p}
              namespace: {NamespaceOf(p)}
              labels:
                app: {Apps[w % Apps.Length]}
                workload: app{w}
                tier: {(w % 2 == 0 ? "front" : "back")}
              ownerReferences:
              - apiVersion: apps/v1
                kind: ReplicaSet
                name: app{w}-5d9c7
                uid: rs-{w}
                controller: true
            spec:
              nodeName: node{n}
              containers:
              - name: main
                image: nginx
                ports:
                - name: {(port % 4 == 0 ? "http" : string.Create(CultureInfo.InvariantCulture, $"p{port}"))}
                  containerPort: {port}
            status:
              phase: Running
              podIP: 10.{244 + n / 250}.{n % 250}.{p / Nodes % 250 + 2}
              conditions:
              - type: Ready
                status: "{(notReady ? "False" : "True")}"
            ---

            """);
    }

    private void AppendPolicy(StringBuilder sb, int p)
    {
        var ns = NamespaceName(p % Namespaces);
        var app = Apps[p * 7 % Apps.Length];
        var peer = Apps[p * 3 % Apps.Length];
        sb.Append(CultureInfo.InvariantCulture, $"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  namespace: {ns}\n");
        sb.Append((p / Namespaces % 5) switch
        {
            0 => string.Create(CultureInfo.InvariantCulture, $"  name: default-deny-{p}\nspec:\n  podSelector: {{}}\n  policyTypes: [Ingress]\n"),
            1 => string.Create(CultureInfo.InvariantCulture,
                $"  name: allow-app-{p}\nspec:\n  podSelector:\n    matchLabels: {{app: {app}}}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - podSelector:\n        matchLabels: {{app: {peer}}}\n    ports:\n    - {{protocol: TCP, port: {8000 + p % 20}}}\n    - {{protocol: TCP, port: http}}\n"),
            2 => string.Create(CultureInfo.InvariantCulture,
                $"  name: allow-team-{p}\nspec:\n  podSelector:\n    matchExpressions:\n    - {{key: tier, operator: In, values: [front]}}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - namespaceSelector:\n        matchLabels: {{team: t{p % 20}}}\n      podSelector:\n        matchLabels: {{tier: front}}\n    ports:\n    - {{protocol: TCP, port: 8000, endPort: 8010}}\n"),
            3 => string.Create(CultureInfo.InvariantCulture,
                $"  name: egress-{p}\nspec:\n  podSelector:\n    matchLabels: {{app: {app}}}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - namespaceSelector:\n        matchLabels: {{env: prod}}\n    ports:\n    - {{protocol: TCP, port: http}}\n  - to:\n    - ipBlock:\n        cidr: 0.0.0.0/0\n        except: [10.0.0.0/8]\n"),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"  name: allow-cidr-{p}\nspec:\n  podSelector:\n    matchLabels: {{tier: back}}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.244.{p % 40}.0/24\n"),
        });
        sb.Append("---\n");
    }
}
