using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.Files;

public sealed class ManifestLoaderTests
{
    private const string PodYaml = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: pod1
          namespace: dev
          labels: {app: myapp}
        spec:
          nodeName: node01
          containers:
          - name: myapp
            image: ikubernetes/myapp:v1
            ports:
            - {name: http, containerPort: 80}
        status:
          phase: Running
          podIP: 10.244.1.2
          conditions: [{type: Ready, status: "True"}]
        """;

    [Fact]
    public void LoadText_MultiDocument_LoadsEveryObject()
    {
        var result = ManifestLoader.LoadText(PodYaml + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n  labels: {name: dev}\n---\n", "m.yaml");

        Assert.Empty(result.Diagnostics);
        var snapshot = result.ToSnapshot(new SourceInfo("file", "m.yaml"));
        var pod = snapshot.Pods.Get("dev", "pod1")!;
        Assert.Equal("10.244.1.2", pod.PodIp);
        Assert.True(pod.Ready);
        Assert.Equal(new ContainerPortInfo("http", 80), pod.Containers[0].Ports[0]);
        Assert.Equal("dev", snapshot.Namespaces.Get("", "dev")!.Labels["name"]);
    }

    [Fact]
    public void LoadText_KubectlGetList_LoadsItems()
    {
        var text = """
            apiVersion: v1
            items:
            - apiVersion: v1
              kind: Service
              metadata: {name: kube-dns, namespace: kube-system}
              spec:
                clusterIP: 10.96.0.10
                ports: [{name: dns, port: 53, protocol: UDP, targetPort: 53}]
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: deny-all-ingress, namespace: dev}
              spec: {podSelector: {}, policyTypes: [Ingress]}
            kind: List
            metadata:
              resourceVersion: ""
            """;

        var result = ManifestLoader.LoadText(text, "get.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.Objects.Length);
        var policy = Assert.Single(result.Objects.OfType<NetworkPolicyInfo>());
        Assert.Null(policy.Ingress);
        Assert.Equal(["Ingress"], policy.PolicyTypes!.Value.ToArray());
        Assert.Equal("53", Assert.Single(result.Objects.OfType<ServiceInfo>()).Ports[0].TargetPort);
    }

    [Fact]
    public void LoadText_TypedListWithoutItemKinds_InfersKindFromList()
    {
        var text = """{"kind":"NodeList","apiVersion":"v1","items":[{"metadata":{"name":"master"},"spec":{"podCIDR":"10.244.0.0/24"}},{"metadata":{"name":"node01"},"spec":{"podCIDR":"10.244.1.0/24"}}]}""";

        var result = ManifestLoader.LoadText(text, "nodes.json");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["master", "node01"], result.Objects.OfType<NodeInfo>().Select(n => n.Name).ToArray());
    }

    [Fact]
    public void LoadText_ClusterInfoDump_SkipsLogSectionsAndReadsConcatenatedJson()
    {
        var text = """
            {
                "kind": "NodeList",
                "apiVersion": "v1",
                "items": [{"metadata": {"name": "master"}, "status": {"addresses": [{"type": "InternalIP", "address": "172.16.100.101"}]}}]
            }
            {
                "kind": "PodList",
                "apiVersion": "v1",
                "items": [{"metadata": {"name": "coredns-1", "namespace": "kube-system"}, "spec": {"containers": [{"name": "coredns", "image": "coredns:1.7.0"}]}}]
            }
            ==== START logs for container coredns of pod kube-system/coredns-1 ====
            {"level":"info","msg":"this log line is JSON but not an object to load"}
            .:53
            ==== END logs for container coredns of pod kube-system/coredns-1 ====
            {
                "kind": "ServiceList",
                "apiVersion": "v1",
                "items": []
            }
            """;

        var result = ManifestLoader.LoadText(text, "dump.txt");

        Assert.Empty(result.Diagnostics);
        Assert.Equal("172.16.100.101", Assert.Single(result.Objects.OfType<NodeInfo>()).InternalIp);
        Assert.Equal("coredns-1", Assert.Single(result.Objects.OfType<PodInfo>()).Name);
    }

    [Fact]
    public void LoadText_MalformedJsonValue_ReportsLineAndKeepsLaterValues()
    {
        var text = "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"a\"}}\n{\"kind\": \"Namespace\",\n \"apiVersion\" \"v1\"}\n{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"c\"}}\n";

        var result = ManifestLoader.LoadText(text, "ns.json");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("error", "ns.json", 2, 3), (d.Severity, d.File, d.Document, d.Line));
        Assert.StartsWith("malformed JSON", d.Message);
        Assert.Equal(["a", "c"], result.Objects.OfType<NamespaceInfo>().Select(n => n.Name).ToArray());
    }

    [Fact]
    public void LoadText_MalformedYamlDocument_ReportsItAndLoadsTheOthers()
    {
        var text = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n   labels: x\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: c}\n";

        var result = ManifestLoader.LoadText(text, "bad.yaml");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("error", "bad.yaml", 2), (d.Severity, d.File, d.Document));
        Assert.Equal(9, d.Line);
        Assert.NotNull(d.Column);
        Assert.StartsWith("malformed YAML", d.Message);
        Assert.Equal(["a", "c"], result.Objects.OfType<NamespaceInfo>().Select(n => n.Name).ToArray());
        Assert.Contains("bad.yaml, document 2, line 9", d.ToString());
    }

    [Theory]
    [InlineData("  replicas: \"abc\"\n", "spec.replicas", "expected an integer, found string \"abc\"", 7)]
    [InlineData("  replicas: abc\n", "spec.replicas", "expected an integer, found \"abc\"", 7)]
    [InlineData("  template:\n    spec:\n      containers:\n      - name: c\n        ports: 80\n", "spec.template.spec.containers[0].ports", "expected a list, found \"80\"", 11)]
    [InlineData("  template:\n    spec:\n      hostNetwork: [1]\n", "spec.template.spec.hostNetwork", "expected true or false, found a list", 9)]
    public void LoadText_WrongFieldType_ReportsFieldAndLoadsTheRest(string spec, string field, string message, int line)
    {
        var text = $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n{spec}";

        var result = ManifestLoader.LoadText(text, "d.yaml");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("error", d.Severity);
        Assert.Equal(field, d.Field);
        Assert.Equal("Deployment shop/web", d.Object);
        Assert.Equal(line, d.Line);
        Assert.Equal(1, d.Document);
        Assert.StartsWith(message, d.Message);
        Assert.NotNull(result.ToSnapshot(new SourceInfo("file", "d")).Workloads.Get("shop", "Deployment/web"));
    }

    [Theory]
    [InlineData("kind: Pod\nmetadata: {name: p}\n", "apiVersion", "Pod has no apiVersion")]
    [InlineData("apiVersion: v1\nmetadata: {name: p}\n", "kind", "object has no kind")]
    [InlineData("apiVersion: v1\nkind: Pod\n", "metadata", "Pod has no metadata")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {namespace: x}\n", "metadata.name", "Pod has no metadata.name")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata: {name: [a]}\n", "metadata.name", "metadata.name must be a string")]
    public void LoadText_MissingIdentity_SkipsObjectWithFieldError(string text, string field, string message)
    {
        var result = ManifestLoader.LoadText(text + "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n", "x.yaml");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("error", field, 1), (d.Severity, d.Field, d.Document));
        Assert.StartsWith(message, d.Message);
        Assert.IsType<NamespaceInfo>(Assert.Single(result.Objects));
    }

    [Fact]
    public void LoadText_UnknownKindsAndSecrets_AreSkippedWithOneWarningEach()
    {
        var text = """
            apiVersion: v1
            kind: Secret
            metadata: {name: token, namespace: dev}
            data: {password: c2VjcmV0}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: a}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: b}
            """;

        var result = ManifestLoader.LoadText(text, "s.yaml");

        Assert.Empty(result.Objects);
        Assert.Equal(2, result.Diagnostics.Length);
        Assert.All(result.Diagnostics, d => Assert.Equal("warning", d.Severity));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("Secrets are never loaded", StringComparison.Ordinal) && d.Document == 1 && d.Object == "Secret dev/token");
        Assert.Contains(result.Diagnostics, d => d.Message == "kind ReplicaSet (apps/v1) is not used by ClusterNet: 2 objects skipped" && d.Document == 2);
        Assert.False(result.HasErrors);
    }

    [Fact]
    public void LoadText_InvalidCidrs_LoadAsWritten()
    {
        var text = """
            apiVersion: v1
            kind: Node
            metadata: {name: n1}
            spec: {podCIDR: 10.244.1.0/33}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: p, namespace: dev}
            spec:
              podSelector: {}
              ingress:
              - from:
                - ipBlock: {cidr: banana, except: [10.0.0.0/99]}
            """;

        var result = ManifestLoader.LoadText(text, "c.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["10.244.1.0/33"], Assert.Single(result.Objects.OfType<NodeInfo>()).PodCidrs.ToArray());
        var block = Assert.Single(result.Objects.OfType<NetworkPolicyInfo>()).Ingress!.Value[0].Peers!.Value[0].IpBlock!;
        Assert.Equal("banana", block.Cidr);
        Assert.Equal(["10.0.0.0/99"], block.Except.ToArray());
    }

    [Fact]
    public void LoadText_PlainScalarsWhereStringsBelong_AreReadAsWritten()
    {
        var text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {version: 1.10, enabled: yes, build: 0042}\n  annotations: {port: 9153}\nspec:\n  containers: [{name: c, image: x, resources: {limits: {cpu: 1}}}]\n";

        var result = ManifestLoader.LoadText(text, "p.yaml");

        Assert.Empty(result.Diagnostics);
        var pod = Assert.Single(result.Objects.OfType<PodInfo>());
        Assert.Equal("1.10", pod.Labels["version"]);
        Assert.Equal("yes", pod.Labels["enabled"]);
        Assert.Equal("0042", pod.Labels["build"]);
        Assert.Equal("9153", pod.Annotations["port"]);
        Assert.Equal("default", pod.Namespace);
    }

    [Fact]
    public void LoadText_AnchorsAndMergeKeys_AreExpanded()
    {
        var text = """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
              labels: &labels {app: web, tier: fe}
            spec:
              selector:
                <<: *labels
                tier: be
              ports: [{port: 80}]
            """;

        var result = ManifestLoader.LoadText(text, "a.yaml");

        Assert.Empty(result.Diagnostics);
        var service = Assert.Single(result.Objects.OfType<ServiceInfo>());
        Assert.Equal("web", service.Selector!["app"]);
        Assert.Equal("be", service.Selector!["tier"]);
        Assert.Equal("fe", service.Labels["tier"]);
    }

    [Fact]
    public void LoadText_AliasBomb_IsRejectedWithClearError()
    {
        var text = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: coredns, namespace: kube-system}
            a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
            b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
            c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
            d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
            e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
            f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
            g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
            h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
            i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: after}
            """;

        var result = ManifestLoader.LoadText(text, "bomb.yaml");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("error", 1), (d.Severity, d.Document));
        Assert.Contains("alias bomb", d.Message);
        Assert.InRange(d.Line!.Value, 5, 12);
        Assert.Equal("after", Assert.Single(result.Objects.OfType<NamespaceInfo>()).Name);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LoadText_AbsurdNesting_IsRejectedWithClearError(bool flow)
    {
        var text = flow
            ? "apiVersion: v1\nkind: Namespace\nmetadata: {name: deep}\nx: " + new string('[', 100_000) + new string(']', 100_000) + "\n"
            : "apiVersion: v1\nkind: Namespace\nmetadata: {name: deep}\n" + string.Concat(Enumerable.Range(0, 500).Select(i => new string(' ', i) + "x:\n")) + new string(' ', 500) + "y: 1\n";

        var result = ManifestLoader.LoadText(text + "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: after}\n", "deep.yaml");

        var d = Assert.Single(result.Diagnostics);
        Assert.Contains($"nesting deeper than {ManifestLimits.MaxDepth} levels", d.Message);
        Assert.Equal(1, d.Document);
        Assert.Equal("after", Assert.Single(result.Objects.OfType<NamespaceInfo>()).Name);
    }

    [Fact]
    public void LoadText_UndefinedAlias_IsReported()
    {
        var result = ManifestLoader.LoadText("apiVersion: v1\nkind: Namespace\nmetadata: {name: x, labels: *nope}\n", "u.yaml");
        var d = Assert.Single(result.Diagnostics);
        Assert.Contains("alias *nope refers to no anchor", d.Message);
        Assert.Equal(3, d.Line);
    }

    [Fact]
    public void LoadText_DuplicateKey_WarnsAndLastWins()
    {
        var result = ManifestLoader.LoadText("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  name: b\n", "dup.yaml");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("warning", 5), (d.Severity, d.Line));
        Assert.Equal("b", Assert.Single(result.Objects.OfType<NamespaceInfo>()).Name);
    }

    [Fact]
    public void LoadText_BetaEndpointSliceAndIngress_AreReshaped()
    {
        var text = """
            apiVersion: discovery.k8s.io/v1beta1
            kind: EndpointSlice
            metadata: {name: web-abc, namespace: dev, labels: {kubernetes.io/service-name: web}}
            addressType: IPv4
            endpoints:
            - addresses: [10.244.1.2]
              conditions: {ready: true}
              topology: {kubernetes.io/hostname: node01}
            ports: [{name: http, port: 80, protocol: TCP}]
            ---
            apiVersion: extensions/v1beta1
            kind: Ingress
            metadata:
              name: web
              namespace: dev
              annotations: {kubernetes.io/ingress.class: nginx}
            spec:
              backend: {serviceName: default-http, servicePort: 80}
              rules:
              - host: myapp.example.com
                http:
                  paths:
                  - path: /
                    backend: {serviceName: web, servicePort: http}
            """;

        var result = ManifestLoader.LoadText(text, "beta.yaml");

        Assert.Empty(result.Diagnostics);
        var slice = Assert.Single(result.Objects.OfType<EndpointSetInfo>());
        Assert.Equal(new EndpointAddressInfo("10.244.1.2", "node01", true), slice.Addresses[0]);
        Assert.Equal("web", slice.ServiceName);
        var ingress = Assert.Single(result.Objects.OfType<IngressInfo>());
        Assert.Equal("nginx", ingress.IngressClassName);
        Assert.Equal(new IngressPathInfo(null, null, "default-http", "80"), ingress.DefaultBackend);
        Assert.Equal(new IngressPathInfo("/", null, "web", "http"), ingress.Rules[0].Paths[0]);
    }

    [Fact]
    public void LoadText_MapperWarnings_CarryFileDocumentAndLine()
    {
        var text = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: dev}\nspec:\n  ports:\n  - port: 80\n    targetPort: Web_Port\n";

        var d = Assert.Single(ManifestLoader.LoadText(text, "svc.yaml").Diagnostics);

        Assert.Equal(("warning", "svc.yaml", 2, 11, "spec.ports[0].targetPort", "Service dev/s"), (d.Severity, d.File, d.Document, d.Line, d.Field, d.Object));
    }

    [Fact]
    public void LoadText_EndpointsAndSlicesForOneService_KeepsSlices()
    {
        var text = """
            apiVersion: v1
            kind: Endpoints
            metadata: {name: web, namespace: dev}
            subsets: [{addresses: [{ip: 10.244.1.2}], ports: [{port: 80}]}]
            ---
            apiVersion: v1
            kind: Endpoints
            metadata: {name: other, namespace: dev}
            subsets: [{addresses: [{ip: 10.244.1.3}], ports: [{port: 80}]}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: web-x, namespace: dev, labels: {kubernetes.io/service-name: web}}
            addressType: IPv4
            endpoints: [{addresses: [10.244.1.2]}]
            """;

        var sets = ManifestLoader.LoadText(text, "e.yaml").Objects.OfType<EndpointSetInfo>().ToList();

        Assert.Equal([("other", "Endpoints"), ("web-x", "EndpointSlice")], sets.Select(s => (s.Name, s.SourceKind)).ToArray());
    }

    [Fact]
    public void LoadText_UnanalysedConfigMap_IsSkippedSilently()
    {
        var result = ManifestLoader.LoadText("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-settings}\ndata: {a: b}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: kube-proxy, namespace: kube-system}\ndata: {config.conf: 'mode: ipvs'}\n", "cm.yaml");
        Assert.Empty(result.Diagnostics);
        Assert.Equal("kube-proxy", Assert.Single(result.Objects.OfType<ConfigMapInfo>()).Name);
    }

    [Fact]
    public void LoadText_DocumentThatIsNotAnObject_IsReported()
    {
        var d = Assert.Single(ManifestLoader.LoadText("- a\n- b\n", "l.yaml").Diagnostics);
        Assert.Equal(("warning", "document is a list, not a Kubernetes object; skipped"), (d.Severity, d.Message));
    }

    [Fact]
    public void LoadText_LastAppliedConfiguration_NotIngested()
    {
        var yaml = PodYaml.Replace("  labels: {app: myapp}", "  labels: {app: myapp}\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: '{\"env\":[{\"name\":\"DB_PASSWORD\",\"value\":\"hunter2\"}]}'\n    team: net", StringComparison.Ordinal);

        var result = ManifestLoader.LoadText(yaml, "m.yaml");

        Assert.Empty(result.Diagnostics);
        var pod = Assert.IsType<PodInfo>(Assert.Single(result.Objects));
        Assert.Equal(["team"], pod.Annotations.Keys);
    }
}
