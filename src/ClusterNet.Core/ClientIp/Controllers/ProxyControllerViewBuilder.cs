using System.Net;
using ClusterNet.Core.ClientIp.Decoding;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>
/// Applies a reverse-proxy controller's settings to what reaches it (<see cref="ExternalEntry"/>): PROXY protocol on
/// both sides or one (broken), the source address the controller uses (the socket peer, the PROXY preamble's client,
/// or a header), Envoy's trusted-hop count, and what happens to X-Forwarded-For on the way to the app.
/// </summary>
internal static class ProxyControllerViewBuilder
{
    public static ProxyControllerView Build(ClusterSnapshot snapshot, ExternalEntry entry, ProxyControllerSettings s)
    {
        var product = ProxyControllers.Product(s.Kind);
        var reasoning = new List<string> { $"the {product} socket sees {entry.BackendSeesText}" };
        var lbName = entry.LoadBalancer?.Product ?? "the client";
        var peer = entry.BackendSees;
        var ppCovered = s.AcceptsProxyProtocol && (s.ProxyProtocolFromEveryone || Covers(snapshot, peer, s.ProxyProtocolFrom));

        if (entry.ProxyProtocol && !s.AcceptsProxyProtocol)
        {
            return Broken($"{lbName} sends a PROXY protocol preamble but {product} does not expect one: it reads \"PROXY TCP4 …\" as the start of an HTTP request and fails every request.", reasoning);
        }

        if (entry.ProxyProtocol && !ppCovered && s.ProxyProtocolRequired)
        {
            return Broken($"{lbName} sends a PROXY protocol preamble but {product} expects one only from {string.Join(", ", s.ProxyProtocolFrom)}, which does not cover its peer: the preamble is read as HTTP and every request fails.", reasoning);
        }

        if (!entry.ProxyProtocol && s.AcceptsProxyProtocol && s.ProxyProtocolRequired && ppCovered)
        {
            var unknown = entry.LoadBalancer is { Assumed: true } ? " (unless the load balancer is configured outside Kubernetes to send it)" : "";
            return Broken($"{product} requires a PROXY protocol preamble but {(entry.LoadBalancer is null ? "nothing in front of it" : entry.LoadBalancer.Product)} sends none{unknown}: every connection is rejected.", reasoning);
        }

        var ppUsed = entry.ProxyProtocol && ppCovered;
        var src = ppUsed ? BackendSees.Client : peer;
        reasoning.Add(ppUsed ? "the PROXY preamble's source address becomes the controller's source address" : "the controller's source address is its socket peer");
        if (entry.ProxyProtocol && !ppUsed)
        {
            reasoning.Add($"the PROXY preamble comes from a sender {product} does not trust for it, so it is ignored");
        }

        var controllerClient = ClientIpPeers.AsRemoteAddr(src);
        var forgeable = false;
        string? forgeWhy = null;
        var lbDropped = false;
        var hopMismatch = false;
        var lbXff = entry.AddsXForwardedFor;

        if (s.SourceHeader is { } header)
        {
            forgeable = true;
            controllerClient = RemoteAddrIs.Client;
            forgeWhy = $"src-ip-header {header}: HAProxy takes the source address from that header whoever sends it, so a client that sends \"{header}: 6.6.6.6\" becomes 6.6.6.6 for HAProxy and in the X-Forwarded-For the app receives.";
            reasoning.Add(forgeWhy);
        }

        if (s.TrustedHops is { } hops)
        {
            var real = lbXff ? 1 : 0;
            var demo = EnvoyDemo(peer, hops, lbXff);
            if (hops > real)
            {
                forgeable = true;
                hopMismatch = true;
                controllerClient = RemoteAddrIs.Client;
                forgeWhy = $"num-trusted-hops {hops} but {(real == 0 ? "nothing in front adds X-Forwarded-For" : "only the load balancer adds an entry")}: Envoy takes entry {hops} from the right, which the client wrote. {demo}";
                reasoning.Add(forgeWhy);
            }
            else if (hops < real)
            {
                hopMismatch = true;
                lbDropped = true;
                reasoning.Add($"num-trusted-hops {hops}: Envoy takes its socket peer ({entry.BackendSeesText}) as the client although the load balancer put the client into X-Forwarded-For; its logs, rate limits and x-envoy-external-address show the load balancer. {demo}");
            }
            else if (hops > 0)
            {
                controllerClient = RemoteAddrIs.Client;
                reasoning.Add($"num-trusted-hops {hops} matches the load balancer in front: Envoy takes the client from its X-Forwarded-For entry. {demo}");
            }
        }

        var trusted = s.TrustsEveryoneForXff || (!s.XffTrustedFrom.IsDefaultOrEmpty && Covers(snapshot, peer, s.XffTrustedFrom));
        var srcText = src switch
        {
            BackendSees.Client => "<client>",
            BackendSees.Node => "<node address>",
            _ => "<load balancer address>",
        };
        if (s.SourceHeader is not null)
        {
            srcText = $"<value of {s.SourceHeader}>";
        }

        int? pos = null;
        var headers = new List<ClientIpHeaderView>();
        switch (s.XffHandling)
        {
            case ProxyXffHandling.Replace:
                headers.Add(new("X-Forwarded-For", srcText, "forwardfor add: the controller replaces the header with its source address"));
                headers.Add(new("X-Original-Forwarded-For", lbXff ? "<client-supplied entries>, <client> (from the load balancer)" : "<whatever the client sent, if anything>", "the incoming X-Forwarded-For, moved aside: client-controlled unless a trusted load balancer wrote it"));
                pos = src == BackendSees.Client || s.SourceHeader is not null ? 1 : null;
                lbDropped |= lbXff && src != BackendSees.Client;
                break;
            case ProxyXffHandling.Append:
                headers.Add(new("X-Forwarded-For", $"<incoming X-Forwarded-For>, {srcText}", $"{product} keeps the incoming entries and appends its source address"));
                pos = src == BackendSees.Client || s.SourceHeader is not null ? 1 : lbXff ? 2 : null;
                break;
            case ProxyXffHandling.AppendIfTrusted:
                headers.Add(trusted
                    ? new("X-Forwarded-For", $"<incoming X-Forwarded-For>, {srcText}", "forwardedHeaders: the sender is trusted, so Traefik keeps its entries and appends the peer")
                    : new("X-Forwarded-For", srcText, "forwardedHeaders: the sender is not trusted, so Traefik drops the incoming X-Forwarded-For and sends only the peer"));
                headers.Add(new("X-Real-Ip", trusted ? "<incoming X-Real-Ip, else the peer>" : srcText, "Traefik's X-Real-Ip"));
                pos = src == BackendSees.Client ? 1 : lbXff && trusted ? 2 : null;
                lbDropped |= lbXff && !trusted && src != BackendSees.Client;
                if (s.TrustsEveryoneForXff)
                {
                    forgeable = true;
                    forgeWhy ??= "forwardedHeaders trusts every sender (insecure or 0.0.0.0/0): Traefik passes on whatever X-Forwarded-For and X-Real-Ip a client sends, so apps and middlewares that read the first entry or X-Real-Ip take a client-chosen address.";
                    reasoning.Add(forgeWhy);
                }

                break;
            case ProxyXffHandling.PassThrough:
                headers.Add(new("X-Forwarded-For", "<as received>", "forwardfor ignore: passed on untouched, the controller adds nothing"));
                pos = lbXff ? 1 : null;
                if (!lbXff)
                {
                    forgeable = true;
                    forgeWhy ??= "forwardfor ignore and nothing in front adds X-Forwarded-For: the app gets only what the client wrote.";
                }

                break;
            case ProxyXffHandling.AddIfMissing:
                headers.Add(new("X-Forwarded-For", $"<as received>, or {srcText} when the request has none", "forwardfor ifmissing: added only when absent"));
                pos = lbXff || src == BackendSees.Client ? 1 : null;
                if (!lbXff)
                {
                    forgeable = true;
                    forgeWhy ??= "forwardfor ifmissing and nothing in front adds X-Forwarded-For: a client that sends its own header chooses the address the app gets.";
                }

                break;
            default:
                headers.Add(new("X-Forwarded-For", lbXff ? "<as received from the load balancer>" : "(none, unless the client sent one)", "forwarded-for false: HAProxy adds nothing"));
                pos = lbXff ? 1 : null;
                break;
        }

        if (s.Kind == IngressControllerKind.Contour)
        {
            headers.Add(new("X-Envoy-External-Address", controllerClient == RemoteAddrIs.Client ? "<client>" : srcText, "Envoy's trusted client address, for requests it counts as external"));
        }

        var text = controllerClient switch
        {
            RemoteAddrIs.Client => forgeable ? "the client's address — or any address the client chooses" : "the client's address",
            RemoteAddrIs.Node => ExternalEntryBuilder.SeesText(BackendSees.Node, entry.LoadBalancer, snapshot, new EndpointPlacement()),
            _ => ExternalEntryBuilder.SeesText(BackendSees.LoadBalancer, entry.LoadBalancer, snapshot, new EndpointPlacement()),
        };
        if (lbDropped)
        {
            reasoning.Add($"the {lbName}'s X-Forwarded-For does not reach the app where it would look");
        }

        return new ProxyControllerView
        {
            ControllerClient = controllerClient,
            ControllerClientText = text,
            Forgeable = forgeable,
            ForgeWhy = forgeWhy,
            LbHeaderDropped = lbDropped,
            ProxyProtocolUsed = ppUsed,
            ClientFromRight = pos,
            HopCountMismatch = hopMismatch,
            Headers = [.. headers],
            Reasoning = [.. reasoning],
        };
    }

    private static ProxyControllerView Broken(string reason, List<string> reasoning) => new()
    {
        ControllerClient = RemoteAddrIs.Broken,
        ControllerClientText = "no request gets through",
        BrokenReason = reason,
        Reasoning = [.. reasoning, reason],
    };

    /// <summary>Whether a trusted list covers the addresses the controller's socket sees (load balancer addresses are not in the snapshot: assumed covered by any list).</summary>
    internal static bool Covers(ClusterSnapshot snapshot, BackendSees peer, IEnumerable<string> cidrs)
    {
        var list = cidrs.ToList();
        if (list.Any(ProxyControllerSettings.IsEveryone))
        {
            return true;
        }

        var parsed = list.Select(c => TrustedProxy.TryParse(c, out var t, out _) ? t : null).OfType<TrustedProxy>().ToList();
        return peer switch
        {
            BackendSees.Node => snapshot.Nodes.Select(n => n.InternalIp).OfType<string>().Select(IPAddress.Parse).ToList() is { Count: > 0 } ips && ips.All(ip => parsed.Any(c => c.Contains(ip))),
            BackendSees.LoadBalancer => parsed.Count > 0,
            _ => false,
        };
    }

    /// <summary>The Envoy decoder on a sample request, to show what the hop count does.</summary>
    private static string EnvoyDemo(BackendSees peer, int hops, bool lbXff)
    {
        var remote = peer switch
        {
            BackendSees.Client => ExternalEntryBuilder.ExampleClient,
            BackendSees.Node => "10.0.0.11",
            _ => "100.64.0.10",
        };
        var xff = lbXff ? $"6.6.6.6, {ExternalEntryBuilder.ExampleClient}" : "6.6.6.6";
        HeaderLine.TryParse($"X-Forwarded-For: {xff}", out var line, out _);
        var r = EnvoyClientAddressDecoder.Decode(new ForwardedDecodeRequest { RemoteAddress = IPAddress.Parse(remote), Headers = [line!] }, new EnvoyXffSettings { UseRemoteAddress = true, NumTrustedHops = hops });
        return $"(A request from {remote} with \"X-Forwarded-For: {xff}\", use_remote_address true, xff_num_trusted_hops {hops} → client {r.ClientIp}.)";
    }
}
