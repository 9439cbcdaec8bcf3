using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Policy;

/// <summary>
/// The upstream NetworkPolicy e2e model: namespaces x, y, z (label ns=NAME), pods a, b, c (label pod=NAME), one container
/// per port and protocol (80, 81 × TCP, UDP, SCTP) with ports named serve-PORT-proto. Pod IPs are 10.244.{ns}.{pod}.
/// </summary>
internal static class ConformanceModel
{
    public static readonly string[] Namespaces = ["x", "y", "z"];
    public static readonly string[] PodNames = ["a", "b", "c"];

    public static string IpOf(string ns, string pod) => $"10.244.{Array.IndexOf(Namespaces, ns) + 1}.{Array.IndexOf(PodNames, pod) + 1}";

    public static IEnumerable<IClusterObject> Objects(params string[] pods)
    {
        var which = pods.Length == 0 ? Namespaces.SelectMany(n => PodNames.Select(p => $"{n}/{p}")).ToArray() : pods;
        foreach (var ns in Namespaces)
        {
            yield return new NamespaceInfo { Name = ns, Labels = LabelMap.Of(("ns", ns)) };
        }

        foreach (var s in which)
        {
            var (ns, name) = (s.Split('/')[0], s.Split('/')[1]);
            yield return new PodInfo
            {
                Namespace = ns,
                Name = name,
                Labels = LabelMap.Of(("pod", name)),
                Phase = "Running",
                PodIps = [IpOf(ns, name)],
                Containers =
                [
                    .. new[] { 80, 81 }.SelectMany(port => new[] { "TCP", "UDP", "SCTP" }.Select(proto => new ContainerInfo
                    {
                        Name = $"cont-{port}-{proto.ToLowerInvariant()}",
                        Image = "agnhost",
                        Ports = [new ContainerPortInfo($"serve-{port}-{proto.ToLowerInvariant()}", port, proto)],
                    })),
                ],
            };
        }
    }

    public static ClusterSnapshot Snapshot(string[] pods, params NetworkPolicyInfo[] policies) =>
        ClusterSnapshot.Create(new SourceInfo("file", "conformance"), Objects(pods).Concat(policies));
}
