using System.Text.Json;
using System.Text.RegularExpressions;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Conversion;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Testing;
using k8s;
using k8s.Models;

namespace ClusterNet.Kubernetes.Tests.Live;

public sealed class LiveJsonTests
{
    private const string RichPod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"shop","uid":"u-1","resourceVersion":"42","creationTimestamp":"2026-12-06T07:12:03Z",
         "labels":{"app":"web","pod-template-hash":"5d8f"},"annotations":{"k8s.v1.cni.cncf.io/networks":"macvlan"},
         "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-5d8f","uid":"rs-1","controller":true}],
         "finalizers":["x/y"],"generation":3,
         "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2026-12-06T07:12:03Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}]},
         "spec":{"nodeName":"node-1","hostNetwork":false,"dnsPolicy":"None","dnsConfig":{"nameservers":["10.96.0.10"],"searches":["shop.svc.cluster.local"],"options":[{"name":"ndots","value":"2"}]},
          "hostname":"web-1","subdomain":"web","serviceAccountName":"web","hostAliases":[{"ip":"10.0.0.5","hostnames":["db.local"]}],
          "tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],
          "volumes":[{"name":"cfg","configMap":{"name":"web"}}],"securityContext":{"runAsUser":1000},"schedulerName":"default-scheduler","terminationGracePeriodSeconds":30,
          "initContainers":[{"name":"init","image":"busybox:1.36","command":["sh","-c"],"args":["echo hi"]}],
          "containers":[{"name":"web","image":"nginx:1.25","ports":[{"name":"http","containerPort":8080,"protocol":"TCP"},{"containerPort":9090,"protocol":"UDP","hostPort":19090}],
            "env":[{"name":"HTTP_PROXY","value":"http://proxy:3128"},{"name":"NO_PROXY","valueFrom":{"configMapKeyRef":{"name":"net","key":"no_proxy"}}},{"name":"SECRET","value":"x"}],
            "lifecycle":{"preStop":{"exec":{"command":["sleep","5"]}}},
            "resources":{"limits":{"cpu":"500m","memory":"128Mi"}},"volumeMounts":[{"name":"cfg","mountPath":"/etc/web"}],
            "livenessProbe":{"httpGet":{"path":"/","port":8080}},"readinessProbe":{"tcpSocket":{"port":"http"}},"imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log"}]},
         "status":{"phase":"Running","hostIP":"192.168.1.10","podIP":"10.244.1.7","podIPs":[{"ip":"10.244.1.7"},{"ip":"fd00::7"}],"startTime":"2026-12-06T07:12:04Z","qosClass":"Burstable",
          "conditions":[{"type":"Ready","status":"True","lastProbeTime":null,"lastTransitionTime":"2026-12-06T07:12:05Z"}],
          "containerStatuses":[{"name":"web","ready":true,"restartCount":0,"image":"nginx:1.25","imageID":"sha","containerID":"containerd://1","state":{"running":{"startedAt":"2026-12-06T07:12:05Z"}}}]}}
        """;

    private const string RichNode = """
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1","uid":"n-1","labels":{"topology.kubernetes.io/zone":"a"},"annotations":{"flannel.alpha.coreos.com/backend-type":"vxlan"},
         "managedFields":[{"manager":"kubelet","operation":"Update","time":"2026-12-06T07:12:03Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{}}}]},
         "spec":{"podCIDR":"10.244.1.0/24","podCIDRs":["10.244.1.0/24"]},
         "status":{"addresses":[{"type":"InternalIP","address":"192.168.1.10"},{"type":"Hostname","address":"node-1"}],
          "conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"2026-12-06T07:12:03Z","lastTransitionTime":"2026-12-06T07:12:03Z","reason":"KubeletReady"}],
          "capacity":{"cpu":"4","pods":"110"},"allocatable":{"cpu":"4"},"images":[{"names":["nginx"],"sizeBytes":1}],"daemonEndpoints":{"kubeletEndpoint":{"Port":10250}},
          "nodeInfo":{"kernelVersion":"5.10.0","osImage":"Debian 11","kubeletVersion":"v1.20.2","containerRuntimeVersion":"containerd://1.4","architecture":"amd64","kubeProxyVersion":"v1.20.2","operatingSystem":"linux","machineID":"m","systemUUID":"s","bootID":"b"}}}
        """;

    private static string Json(object model) => JsonSerializer.Serialize(model, model.GetType());

    [Fact]
    public void Pod_WithEveryDroppedField_ConvertsToTheSameModelAsKubernetesClientsOwnOptions()
    {
        using var doc = JsonDocument.Parse(RichPod);
        var fullDiagnostics = new List<SourceDiagnostic>();
        var leanDiagnostics = new List<SourceDiagnostic>();

        var full = KubeModelMapper.ToModel(KubernetesJson.Deserialize<V1Pod>(doc.RootElement), fullDiagnostics);
        var lean = LiveObjectConverters.Pod(doc.RootElement, leanDiagnostics);

        Assert.Equal(Json(full), Json(lean));
        Assert.Equal(fullDiagnostics, leanDiagnostics);
        Assert.Equal("10.244.1.7", ((PodInfo)lean).PodIp);
    }

    [Fact]
    public void Node_WithEveryDroppedField_ConvertsToTheSameModelAsKubernetesClientsOwnOptions()
    {
        using var doc = JsonDocument.Parse(RichNode);

        var full = KubeModelMapper.ToModel(KubernetesJson.Deserialize<V1Node>(doc.RootElement));
        var lean = LiveObjectConverters.Node(doc.RootElement, []);

        Assert.Equal(Json(full), Json(lean));
        Assert.True(((NodeInfo)lean).Ready);
    }

    [Fact]
    public void Deserialize_Pod_LeavesDroppedFieldsUnset()
    {
        using var doc = JsonDocument.Parse(RichPod);

        var pod = LiveJson.Deserialize<V1Pod>(doc.RootElement);

        Assert.Null(pod.Metadata.ManagedFields);
        Assert.Null(pod.Spec.Tolerations);
        Assert.Null(pod.Status.ContainerStatuses);
        Assert.Equal("web", pod.Metadata.Labels["app"]);
    }

    /// <summary>A mapper that starts reading a dropped field would silently get null from the live source: none may.</summary>
    [Fact]
    public void Unread_NoMapperReadsADroppedProperty()
    {
        var conversion = Path.Combine(TestControlPlane.FindRepoRoot(), "src", "ClusterNet.Kubernetes", "Conversion");
        var code = string.Join('\n', Directory.GetFiles(conversion, "*.cs").Select(File.ReadAllText));
        foreach (var (type, names) in LiveJson.Unread)
        {
            foreach (var name in names)
            {
                var property = char.ToUpperInvariant(name[0]) + name[1..];
                Assert.False(Regex.IsMatch(code, $@"\.{property}\b"), $"{type.Name}.{property} is read in src/ClusterNet.Kubernetes/Conversion but LiveJson drops \"{name}\"");
            }
        }
    }
}
