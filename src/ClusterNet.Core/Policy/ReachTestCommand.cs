using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>The commands that test a cell for real from inside the source pod, as the user's notes do (nc, curl).</summary>
public static class ReachTestCommand
{
    public static ImmutableArray<string> For(ClusterSnapshot snapshot, ReachEndpoint from, ReachEndpoint to, ReachProbe probe)
    {
        var target = to.Ip ?? snapshot.Pods.Get(to.Pod!.Value)?.PodIp;
        var targetText = target ?? $"$(kubectl get pod -n {to.Pod!.Value.Namespace} {to.Pod!.Value.Name} -o jsonpath='{{.status.podIP}}')";
        var prefix = from.Pod is { } src ? $"kubectl exec -n {src.Namespace} {src.Name} -- " : "";
        var urlHost = target is not null && IPAddress.TryParse(target, out var a) && a.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{target}]" : targetText;
        return probe.Protocol switch
        {
            "UDP" => [$"{prefix}nc -zuv -w 2 {targetText} {probe.Port}"],
            "SCTP" => [$"{prefix}sh -c 'ncat --sctp -w 2 {targetText} {probe.Port} </dev/null && echo open'"],
            _ =>
            [
                $"{prefix}nc -zv -w 2 {targetText} {probe.Port}",
                $"{prefix}curl -sS -m 2 -o /dev/null -w '%{{http_code}}\\n' http://{urlHost}:{probe.Port}/",
            ],
        };
    }
}
