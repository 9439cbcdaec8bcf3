using ClusterNet.Core.Model;

namespace ClusterNet.Web.Tests.Policy;

/// <summary>The notes' dev/prod pods with deny-all-ingress in dev, plus flannel alone (policies unenforced).</summary>
internal static class PolicyFixture
{
    public static PodInfo Pod(string ns, string name, string ip) => new()
    {
        Namespace = ns,
        Name = name,
        Labels = LabelMap.Of(("app", "myapp")),
        PodIps = [ip],
        Phase = "Running",
        Containers = [new ContainerInfo { Name = "myapp", Ports = [new ContainerPortInfo("http", 80)] }],
    };

    public static IReadOnlyList<IClusterObject> Objects(bool withPolicy = true, bool flannel = false)
    {
        var list = new List<IClusterObject>
        {
            new NamespaceInfo { Name = "dev" },
            new NamespaceInfo { Name = "prod" },
            Pod("dev", "pod1", "10.244.1.2"),
            Pod("dev", "pod2", "10.244.1.3"),
            Pod("prod", "pod1", "10.244.2.2"),
        };
        if (withPolicy)
        {
            list.Add(new NetworkPolicyInfo { Namespace = "dev", Name = "deny-all-ingress", PolicyTypes = ["Ingress"] });
        }

        if (flannel)
        {
            list.Add(new WorkloadInfo { Kind = "DaemonSet", Namespace = "kube-flannel", Name = "kube-flannel-ds" });
        }

        return list;
    }
}
