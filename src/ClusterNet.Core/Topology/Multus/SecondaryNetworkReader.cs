using System.Collections.Immutable;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Topology.Multus;

/// <summary>
/// Reads pods' Multus interfaces: what Multus attached (<c>network-status</c>, the truth once the pod runs), else
/// what the pod asked for (<c>networks</c>), resolved against the NetworkAttachmentDefinitions. A malformed
/// annotation or NAD config is a finding naming the object and field; the other pods and networks still load.
/// Says, per secondary network, that NetworkPolicy does not apply to it (MultiNetworkPolicy is listed, not evaluated).
/// </summary>
public static class SecondaryNetworkReader
{
    public const string FromStatus = "network-status";
    public const string FromRequest = "requested";

    public static SecondaryNetworks Read(ClusterSnapshot snapshot)
    {
        var findings = new List<Finding>();
        foreach (var nad in snapshot.NetworkAttachmentDefinitions.Where(n => n.ConfigError is not null))
        {
            findings.Add(TopologyFindings.Create(WarningCode.NetworkAttachmentConfigInvalid, Severity.Warning,
                $"CNI config not read ({nad.ConfigError}): pods on this network are drawn without their parent device",
                $"NetworkAttachmentDefinition/{nad.Namespace}/{nad.Name}", "spec.config"));
        }

        var byPod = ImmutableDictionary.CreateBuilder<ObjectKey, ImmutableArray<SecondaryInterface>>();
        foreach (var pod in snapshot.Pods)
        {
            if (pod.Annotations.Count == 0 || pod.HostNetwork)
            {
                continue;
            }

            var list = ForPod(snapshot, pod, findings);
            if (!list.IsEmpty)
            {
                byPod[pod.Key] = list;
            }
        }

        var all = byPod.Values.SelectMany(l => l).ToList();
        foreach (var group in all.GroupBy(i => i.Network).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            var pods = group.Select(i => i.Pod.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
            var mnps = PoliciesFor(snapshot, group.Key).Select(p => $"MultiNetworkPolicy {p.Namespace}/{p.Name}").ToImmutableArray();
            var kind = first.IsSriov ? "SR-IOV" : first.CniType ?? "secondary";
            var covered = mnps.IsEmpty
                ? "no MultiNetworkPolicy names it"
                : $"{string.Join(", ", mnps)} name it (read and shown, not evaluated here; they take effect only where multi-networkpolicy is deployed)";
            findings.Add(TopologyFindings.Create(WarningCode.SecondaryNetworkUnpoliced, snapshot.NetworkPolicies.Count > 0 ? Severity.Warning : Severity.Info,
                $"NetworkPolicy does not apply to {kind} network {group.Key}: traffic on it to and from {pods.Length} pod(s) bypasses every NetworkPolicy; {covered}",
                $"NetworkAttachmentDefinition/{group.Key}", null, SecondaryElementIds.Interface(first.Pod.Namespace, first.Pod.Name, first.Interface)) with
            {
                Affected = pods,
                Evidence = [.. group.Take(10).Select(i => $"{i.Pod}: {i.Describe()}"), .. mnps],
            });
        }

        return new SecondaryNetworks(byPod.ToImmutable(), [.. findings]);
    }

    /// <summary>One pod's secondary interfaces (findings about its annotations are dropped; use <see cref="Read"/> for them).</summary>
    public static ImmutableArray<SecondaryInterface> ForPod(ClusterSnapshot snapshot, PodInfo pod) => ForPod(snapshot, pod, null);

    /// <summary>MultiNetworkPolicies whose policy-for names the network ("ns/name"; a bare name means the policy's namespace).</summary>
    public static IEnumerable<MultiNetworkPolicyInfo> PoliciesFor(ClusterSnapshot snapshot, string network) =>
        snapshot.MultiNetworkPolicies.Where(p => p.PolicyFor.Any(n => (n.Contains('/', StringComparison.Ordinal) ? n : $"{p.Namespace}/{n}") == network));

    /// <summary>MultiNetworkPolicies that name one of the pod's networks and select the pod.</summary>
    public static IEnumerable<MultiNetworkPolicyInfo> PoliciesFor(ClusterSnapshot snapshot, PodInfo pod, ImmutableArray<SecondaryInterface> interfaces) =>
        interfaces.SelectMany(i => PoliciesFor(snapshot, i.Network))
            .Where(p => p.Namespace == pod.Namespace && CompiledSelector.Compile(p.PodSelector).Matches(pod.Labels))
            .Distinct();

    private static ImmutableArray<SecondaryInterface> ForPod(ClusterSnapshot snapshot, PodInfo pod, List<Finding>? findings)
    {
        var subject = $"Pod/{pod.Namespace}/{pod.Name}";
        var result = new List<SecondaryInterface>();
        if (pod.Annotations.TryGetValue(MultusAnnotations.NetworkStatus, out var status))
        {
            var (entries, error) = MultusAnnotationParser.ParseStatus(status);
            if (error is null)
            {
                var n = 0;
                foreach (var e in entries.Where(e => !e.Default && !IsPrimary(e)))
                {
                    n++;
                    var network = Qualify(e.Name, pod.Namespace);
                    result.Add(new SecondaryInterface
                    {
                        Pod = pod.Key,
                        NodeName = pod.NodeName,
                        Interface = e.Interface ?? $"net{n}",
                        Network = network,
                        Definition = Resolve(snapshot, network, subject, $"metadata.annotations[{MultusAnnotations.NetworkStatus}]", findings),
                        Ips = e.Ips,
                        Mac = e.Mac,
                        PciAddress = e.PciAddress,
                        Source = FromStatus,
                    });
                }

                return [.. result];
            }

            findings?.Add(TopologyFindings.Create(WarningCode.NetworkStatusInvalid, Severity.Warning,
                $"network-status annotation not read ({error}); secondary interfaces are taken from the networks request if any",
                subject, $"metadata.annotations[{MultusAnnotations.NetworkStatus}]", ElementIds.Pod(pod.Namespace, pod.Name)));
        }

        if (pod.Annotations.TryGetValue(MultusAnnotations.Networks, out var request))
        {
            var field = $"metadata.annotations[{MultusAnnotations.Networks}]";
            var (selections, error) = MultusAnnotationParser.ParseRequest(request);
            if (error is not null)
            {
                findings?.Add(TopologyFindings.Create(WarningCode.NetworkStatusInvalid, Severity.Warning,
                    $"networks annotation not read ({error}): Multus refuses to start this pod", subject, field, ElementIds.Pod(pod.Namespace, pod.Name)));
                return [];
            }

            var n = 0;
            foreach (var s in selections)
            {
                n++;
                var network = $"{s.Namespace ?? pod.Namespace}/{s.Name}";
                result.Add(new SecondaryInterface
                {
                    Pod = pod.Key,
                    NodeName = pod.NodeName,
                    Interface = s.Interface ?? $"net{n}",
                    Network = network,
                    Definition = Resolve(snapshot, network, subject, field, findings),
                    Source = FromRequest,
                });
            }
        }

        return [.. result];
    }

    // Multus lists the cluster network first, marked default; older versions omit "default" but name it after the
    // delegate (not a namespaced NAD) on eth0.
    private static bool IsPrimary(NetworkStatusEntry e) => e.Interface == "eth0" || (e.Interface is null && !e.Name.Contains('/', StringComparison.Ordinal));

    private static string Qualify(string name, string podNamespace) => name.Contains('/', StringComparison.Ordinal) ? name : $"{podNamespace}/{name}";

    private static NetworkAttachmentDefinitionInfo? Resolve(ClusterSnapshot snapshot, string network, string subject, string field, List<Finding>? findings)
    {
        var slash = network.IndexOf('/', StringComparison.Ordinal);
        var nad = snapshot.NetworkAttachmentDefinitions.Get(network[..slash], network[(slash + 1)..]);
        if (nad is null && snapshot.StatusOf(ResourceKind.NetworkAttachmentDefinitions).State == KindState.Synced)
        {
            findings?.Add(TopologyFindings.Create(WarningCode.NetworkAttachmentMissing, Severity.Warning,
                $"network {network} is not a NetworkAttachmentDefinition in the snapshot: its type and parent device are unknown",
                subject, field));
        }

        return nad;
    }
}
