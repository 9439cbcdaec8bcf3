using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.ClientIp.Decoding;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// Applies ingress-nginx's template to an external entry. The template enables the realip module when
/// use-forwarded-headers, use-proxy-protocol or enable-real-ip is true, with real_ip_header proxy_protocol (PROXY
/// protocol) or forwarded-for-header, real_ip_recursive on, and set_real_ip_from for each proxy-real-ip-cidr
/// (default 0.0.0.0/0: every sender trusted). Upstream it sends X-Real-IP $remote_addr, X-Forwarded-For
/// $remote_addr (or "$http_x_forwarded_for, $realip_remote_addr" with use-forwarded-headers and
/// compute-full-forwarded-for) and the incoming header as X-Original-Forwarded-For.
/// </summary>
internal static class IngressNginxViewBuilder
{
    public static IngressNginxView Build(ClusterSnapshot snapshot, ExternalEntry entry, IngressNginxSettings s)
    {
        var reasoning = new List<string>();
        var lbName = entry.LoadBalancer?.Product ?? "the client";
        reasoning.Add(s.RealIpActive
            ? $"realip on: real_ip_header {(s.UseProxyProtocol ? "proxy_protocol" : s.ForwardedForHeader)}, real_ip_recursive on, set_real_ip_from {string.Join(", ", s.ProxyRealIpCidr)}"
            : "realip off (use-forwarded-headers, use-proxy-protocol and enable-real-ip are all false): $remote_addr is the socket address");
        reasoning.Add($"the controller's socket sees {entry.BackendSeesText}");

        if (entry.ProxyProtocol && !s.UseProxyProtocol)
        {
            return Broken($"{lbName} sends a PROXY protocol preamble but use-proxy-protocol is false: nginx reads \"PROXY TCP4 …\" as the request line and answers 400 to every request.", reasoning);
        }

        if (s.UseProxyProtocol && !entry.ProxyProtocol)
        {
            var unknown = entry.LoadBalancer is { Assumed: true } ? " (unless the load balancer is configured outside Kubernetes to send it)" : "";
            return Broken($"use-proxy-protocol is true but {(entry.LoadBalancer is null ? "nothing in front of the controller" : entry.LoadBalancer.Product)} sends no PROXY protocol preamble{unknown}: nginx rejects every connection (\"broken header\").", reasoning);
        }

        var socket = entry.BackendSees;
        var (covered, coverage) = Covered(snapshot, socket, s);
        RemoteAddrIs remote;
        var spoofable = false;
        string? demo = null;
        var lbIgnored = false;
        if (s.UseProxyProtocol)
        {
            reasoning.Add(coverage);
            remote = covered ? RemoteAddrIs.Client : ClientIpPeers.AsRemoteAddr(socket);
            reasoning.Add(covered ? "the PROXY preamble's source address becomes $remote_addr" : "the PROXY preamble is ignored because the sender is not trusted");
        }
        else if (s.UseForwardedHeaders || s.EnableRealIp)
        {
            reasoning.Add(coverage);
            if (!covered)
            {
                remote = ClientIpPeers.AsRemoteAddr(socket);
                lbIgnored = entry.AddsXForwardedFor;
            }
            else if (entry.AddsXForwardedFor)
            {
                remote = RemoteAddrIs.Client;
                if (s.TrustsEveryone)
                {
                    spoofable = true;
                    demo = Demonstrate(socket, s, $"6.6.6.6, {ExternalEntryBuilder.ExampleClient}");
                    reasoning.Add("every address is trusted, so the walk does not stop at the load balancer's entry: the leftmost X-Forwarded-For entry, which the client wrote, wins");
                }
                else
                {
                    reasoning.Add("the load balancer's entry is the rightmost untrusted address: the client");
                }
            }
            else
            {
                remote = ClientIpPeers.AsRemoteAddr(socket);
                spoofable = true;
                demo = Demonstrate(socket, s, "6.6.6.6");
                reasoning.Add($"nothing in front adds {s.ForwardedForHeader}, yet the sender is trusted: a client that sends its own {s.ForwardedForHeader} chooses $remote_addr");
            }
        }
        else
        {
            remote = ClientIpPeers.AsRemoteAddr(socket);
            lbIgnored = entry.AddsXForwardedFor;
        }

        if (lbIgnored)
        {
            reasoning.Add($"the {lbName}'s X-Forwarded-For is not used; the apps get it only as X-Original-Forwarded-For");
        }

        var remoteText = remote switch
        {
            RemoteAddrIs.Client => spoofable ? "the client's address — or any address the client puts in X-Forwarded-For" : "the client's address",
            RemoteAddrIs.Node => spoofable ? "a node address — or any address the client puts in X-Forwarded-For" : ExternalEntryBuilder.SeesText(BackendSees.Node, entry.LoadBalancer, snapshot, new EndpointPlacement()),
            _ => spoofable ? "the load balancer's address — or any address the client puts in X-Forwarded-For" : ExternalEntryBuilder.SeesText(BackendSees.LoadBalancer, entry.LoadBalancer, snapshot, new EndpointPlacement()),
        };
        var who = remote == RemoteAddrIs.Client ? "<client>" : remote == RemoteAddrIs.Node ? "<node address>" : "<load balancer address>";
        var headers = new List<ClientIpHeaderView>
        {
            new("X-Real-IP", who, "ingress-nginx's $remote_addr"),
            s.UseForwardedHeaders && s.ComputeFullForwardedFor
                ? new ClientIpHeaderView("X-Forwarded-For", $"<incoming X-Forwarded-For>, <address of the controller's peer: {socket}>", "compute-full-forwarded-for: the incoming chain plus the controller's peer ($realip_remote_addr); the app must skip trusted proxies from the right")
                : new ClientIpHeaderView("X-Forwarded-For", who, "ingress-nginx replaces the header with its $remote_addr"),
            new("X-Original-Forwarded-For", entry.AddsXForwardedFor ? "<client-supplied entries>, <client> (from the load balancer)" : "<whatever the client sent, if anything>", "the X-Forwarded-For the controller received, passed on untouched: client-controlled unless a trusted load balancer wrote it"),
        };
        return new IngressNginxView
        {
            RemoteAddrIs = remote,
            RemoteAddrText = remoteText,
            Spoofable = spoofable,
            SpoofDemonstration = demo,
            LoadBalancerHeaderIgnored = lbIgnored,
            UpstreamHeaders = [.. headers],
            Reasoning = [.. reasoning],
        };
    }

    private static IngressNginxView Broken(string reason, List<string> reasoning) => new()
    {
        RemoteAddrIs = RemoteAddrIs.Broken,
        RemoteAddrText = "no request gets through",
        BrokenReason = reason,
        Reasoning = [.. reasoning, reason],
    };

    /// <summary>Whether set_real_ip_from covers what the controller's socket sees.</summary>
    private static (bool Covered, string Why) Covered(ClusterSnapshot snapshot, BackendSees socket, IngressNginxSettings s)
    {
        if (s.TrustsEveryone)
        {
            return (true, $"proxy-real-ip-cidr {string.Join(", ", s.ProxyRealIpCidr)} trusts every sender");
        }

        var cidrs = s.ProxyRealIpCidr.Select(c => TrustedProxy.TryParse(c, out var t, out _) ? t : null).OfType<TrustedProxy>().ToList();
        switch (socket)
        {
            case BackendSees.Node:
                var nodeIps = snapshot.Nodes.Select(n => n.InternalIp).OfType<string>().Select(IPAddress.Parse).ToList();
                if (nodeIps.Count == 0)
                {
                    return (false, "no node addresses in the snapshot to compare with proxy-real-ip-cidr");
                }

                var missing = nodeIps.Where(ip => !cidrs.Any(c => c.Contains(ip))).ToList();
                return missing.Count == 0
                    ? (true, $"proxy-real-ip-cidr {string.Join(", ", s.ProxyRealIpCidr)} covers every node address")
                    : (false, $"proxy-real-ip-cidr {string.Join(", ", s.ProxyRealIpCidr)} does not cover node address{(missing.Count > 1 ? "es" : "")} {string.Join(", ", missing)}, the controller's peer under externalTrafficPolicy Cluster");
            case BackendSees.LoadBalancer:
                return (true, $"assuming proxy-real-ip-cidr {string.Join(", ", s.ProxyRealIpCidr)} covers the load balancer's own addresses (not visible in the snapshot)");
            default:
                return (false, $"proxy-real-ip-cidr {string.Join(", ", s.ProxyRealIpCidr)} does not trust arbitrary client addresses");
        }
    }

    /// <summary>Runs the decoder on a forged request to show what nginx makes of it.</summary>
    private static string Demonstrate(BackendSees socket, IngressNginxSettings s, string value)
    {
        var header = $"{s.ForwardedForHeader}: {value}";
        var remote = socket switch
        {
            BackendSees.Client => ExternalEntryBuilder.ExampleClient,
            BackendSees.Node => "10.0.0.11",
            _ => "100.64.0.10",
        };
        var trusted = s.ProxyRealIpCidr.Select(c => TrustedProxy.TryParse(c, out var t, out _) ? t : null).OfType<TrustedProxy>().ToImmutableArray();
        HeaderLine.TryParse(header, out var line, out _);
        var result = NginxRealIpDecoder.Decode(new ForwardedDecodeRequest
        {
            RemoteAddress = IPAddress.Parse(remote),
            Headers = [line!],
            Trusted = trusted,
            HeaderName = s.ForwardedForHeader,
            Recursive = true,
        });
        return $"A request from {remote} with \"{header}\", set_real_ip_from {string.Join(", ", s.ProxyRealIpCidr)}, real_ip_recursive on → $remote_addr = {result.ClientIp}";
    }
}
