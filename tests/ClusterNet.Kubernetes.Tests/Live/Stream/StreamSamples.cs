using System.Text;
using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Demo;
using ClusterNet.Kubernetes.Files;
using ClusterNet.Kubernetes.Live;

namespace ClusterNet.Kubernetes.Tests.Live.Stream;

/// <summary>
/// Objects as the API server would send them, per kind: the demo cluster's manifests written as JSON, plus hand-made
/// items the demo lacks (StatefulSet, core/v1 Endpoints, a pod with every field the lean decode drops) and broken ones
/// (odd types, missing metadata, a non-string name, escaped names, fields the mappers refuse).
/// </summary>
internal static class StreamSamples
{
    public static readonly IReadOnlyDictionary<string, ResourceTarget> Targets =
        LiveResourceCatalog.Build(new LiveSourceOptions()).Where(s => s.Kind != ResourceKind.ConfigMaps)
            .ToDictionary(s => s.Kind, s => s.Candidates[0]);

    private static readonly Dictionary<string, string> KindByManifestKind = new(StringComparer.Ordinal)
    {
        ["Node"] = ResourceKind.Nodes,
        ["Namespace"] = ResourceKind.Namespaces,
        ["Pod"] = ResourceKind.Pods,
        ["Service"] = ResourceKind.Services,
        ["EndpointSlice"] = ResourceKind.Endpoints,
        ["NetworkPolicy"] = ResourceKind.NetworkPolicies,
        ["Ingress"] = ResourceKind.Ingresses,
        ["IngressClass"] = ResourceKind.IngressClasses,
        ["DaemonSet"] = ResourceKind.DaemonSets,
        ["Deployment"] = ResourceKind.Deployments,
        ["Gateway"] = ResourceKind.Gateways,
        ["GatewayClass"] = ResourceKind.GatewayClasses,
        ["HTTPRoute"] = ResourceKind.HttpRoutes,
    };

    public const string RichPod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"shop","uid":"u-1","resourceVersion":"42","creationTimestamp":"2026-12-06T07:12:03Z",
         "labels":{"app":"web","pod-template-hash":"5d8f"},"annotations":{"k8s.v1.cni.cncf.io/networks":"macvlan"},
         "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-5d8f","uid":"rs-1","controller":true}],
         "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2026-12-06T07:12:03Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}]},
         "spec":{"nodeName":"node-1","dnsPolicy":"None","dnsConfig":{"nameservers":["10.96.0.10"],"options":[{"name":"ndots","value":"2"}]},
          "hostname":"web-1","subdomain":"web","hostAliases":[{"ip":"10.0.0.5","hostnames":["db.local"]}],
          "containers":[{"name":"web","image":"nginx:1.25","ports":[{"name":"http","containerPort":8080,"protocol":"TCP"},{"containerPort":9090,"protocol":"UDP","hostPort":19090}],
            "env":[{"name":"HTTP_PROXY","value":"http://proxy:3128"},{"name":"NO_PROXY","valueFrom":{"configMapKeyRef":{"name":"net","key":"no_proxy"}}}],
            "readinessProbe":{"tcpSocket":{"port":"http"}},"resources":{"limits":{"cpu":"500m"}}}]},
         "status":{"phase":"Running","hostIP":"192.168.1.10","podIP":"10.244.1.7","podIPs":[{"ip":"10.244.1.7"},{"ip":"fd00::7"}],
          "conditions":[{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-12-06T07:12:05Z"}],
          "containerStatuses":[{"name":"web","ready":true,"restartCount":0,"image":"nginx:1.25","imageID":"sha","state":{"running":{"startedAt":"2026-12-06T07:12:05Z"}}}]}}
        """;

    /// <summary>Pods the decoders must treat alike although something in them is wrong or unusual.</summary>
    public static readonly string[] OddPods =
    [
        """{"metadata":{"name":"odd-containers","namespace":"dev"},"spec":{"containers":"not-a-list"}}""",
        """{"metadata":{"name":"odd-port","namespace":"dev"},"spec":{"containers":[{"name":"c","ports":[{"containerPort":"eighty"}]}]}}""",
        """{"metadata":{"name":42,"namespace":"dev"},"spec":{"containers":[]}}""",
        """{"metadata":{"name":"no-namespace"},"spec":{"containers":[]}}""",
        """{"spec":{"containers":[{"name":"c"}]}}""",
        """{"metadata":null,"status":{"podIP":"10.0.0.9"}}""",
        """{"metadata":{"name":"caf\u00e9-\"q\"","namespace":"d\u0065v","labels":{"a":"\ud83d\ude00"}},"spec":{"nodeName":"n1"}}""",
        """{"metadata":{"name":"bad-label","namespace":"dev","labels":{"app":7}},"spec":{}}""",
        """{"metadata":{"name":"bad-ip","namespace":"dev"},"status":{"podIP":"not-an-ip","podIPs":[{"ip":"300.1.1.1"}]}}""",
        """{"metadata":{"name":"deep","namespace":"dev","annotations":{"x":"y"}},"spec":{"unknown":{"a":[[[{"b":[1,2,{"c":null}]}]]]}},"extra":[true,false,1e5,-0.5]}""",
        """{"metadata":{"name":"empty","namespace":"dev"}}""",
        """{}""",
    ];

    public const string StatefulSet = """
        {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"data","labels":{"app":"db"}},
         "spec":{"serviceName":"db","replicas":3,"selector":{"matchLabels":{"app":"db"}},"template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"pg","image":"postgres:16","ports":[{"containerPort":5432}]}]}}},
         "status":{"replicas":3,"readyReplicas":2}}
        """;

    public const string Endpoints = """
        {"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"web","namespace":"shop"},
         "subsets":[{"addresses":[{"ip":"10.244.1.7","nodeName":"node-1","targetRef":{"kind":"Pod","name":"web-1","namespace":"shop"}}],"notReadyAddresses":[{"ip":"10.244.2.8"}],"ports":[{"name":"http","port":8080,"protocol":"TCP"}]}]}
        """;

    /// <summary>(kind, JSON) for every object of the demo cluster whose kind the live source reads.</summary>
    public static IEnumerable<(string Kind, string Json)> DemoObjects()
    {
        foreach (var document in ManifestTextReader.Read(DemoClusterSource.ManifestText(), "demo-cluster.yaml", []))
        {
            if (document.Root is not { } root)
            {
                continue;
            }

            var json = Encoding.UTF8.GetString(new ManifestJsonWriter().Write(root));
            using var parsed = JsonDocument.Parse(json);
            if (parsed.RootElement.TryGetProperty("kind", out var k) && k.GetString() is { } manifestKind
                && KindByManifestKind.TryGetValue(manifestKind, out var kind))
            {
                yield return (kind, json);
            }
        }
    }

    /// <summary>A list page of <paramref name="items"/> with the metadata first, as the API server writes it.</summary>
    public static string Page(IEnumerable<string> items, string? resourceVersion = "1234", string? continueToken = null, long? remaining = null)
    {
        var metadata = new StringBuilder("{");
        metadata.Append(resourceVersion is null ? "" : $"\"resourceVersion\":\"{resourceVersion}\"");
        if (continueToken is not null)
        {
            metadata.Append($",\"continue\":\"{continueToken}\"");
        }

        if (remaining is not null)
        {
            metadata.Append($",\"remainingItemCount\":{remaining}");
        }

        metadata.Append('}');
        return $"{{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{metadata},\"items\":[\n{string.Join(",\n", items)}\n]}}";
    }
}
