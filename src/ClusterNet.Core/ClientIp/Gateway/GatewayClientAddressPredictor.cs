using System.Collections.Immutable;
using System.Net;
using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>
/// Walks a request through the Service in front of a gateway and the gateway's own client-address logic, with the
/// decoders that model each proxy (Envoy's trusted client address, nginx realip). The Service step is kube-proxy's:
/// externalTrafficPolicy Cluster masquerades external traffic to the receiving node's address, Local keeps the
/// client's. Forgeability is found by asking again with a client-sent X-Forwarded-For, not by rule.
/// </summary>
public static class GatewayClientAddressPredictor
{
    /// <summary>TEST-NET-3 address used as the forged X-Forwarded-For when probing forgeability.</summary>
    public const string ForgedAddress = "203.0.113.66";

    public static GatewayClientAddressPrediction Predict(GatewayClientIpSettings settings, ServiceTrafficPolicy policy, GatewayRequestScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(scenario);
        var steps = new List<string>();
        var arrivesFrom = scenario.LoadBalancerIp ?? scenario.ClientIp;
        if (scenario.LoadBalancerIp is { } lbIp)
        {
            steps.Add($"the load balancer proxies: it connects from its own address {lbIp}" + (scenario.LoadBalancerAppendsXff ? $" and appends the client {scenario.ClientIp} to X-Forwarded-For" : ""));
        }

        var peer = policy == ServiceTrafficPolicy.Cluster ? scenario.NodeIp : arrivesFrom;
        steps.Add(policy switch
        {
            ServiceTrafficPolicy.Cluster => $"externalTrafficPolicy Cluster: the node masquerades the connection, the gateway pod sees {scenario.NodeIp}",
            ServiceTrafficPolicy.Local => $"externalTrafficPolicy Local: no SNAT, the gateway pod sees {(scenario.LoadBalancerIp is null ? "the client " : "the load balancer ")}{arrivesFrom}",
            _ => $"the gateway Service is not external: the connection arrives from {arrivesFrom} as sent",
        });

        if (settings.ProxyProtocol != scenario.LoadBalancerSendsProxyProtocol && !(settings.ProxyProtocolOptional && !scenario.LoadBalancerSendsProxyProtocol))
        {
            steps.Add(settings.ProxyProtocol
                ? "the gateway expects a PROXY protocol header the load balancer does not send: connections are refused"
                : "the load balancer sends a PROXY protocol header the gateway does not expect: requests fail to parse");
            return new GatewayClientAddressPrediction { Outcome = ClientIpOutcome.Broken, PeerAtGateway = peer, BackendSocket = scenario.GatewayPodIp, Steps = [.. steps] };
        }

        if (settings.ProxyProtocol && scenario.LoadBalancerSendsProxyProtocol)
        {
            peer = scenario.ClientIp;
            steps.Add($"PROXY protocol: the gateway takes the client address {scenario.ClientIp} from the header, whatever SNAT did");
        }

        // An L7 load balancer appends the client it saw to whatever the client sent.
        string? Arriving(string? fromClient) => !scenario.LoadBalancerAppendsXff ? fromClient : fromClient is null ? scenario.ClientIp : fromClient + ", " + scenario.ClientIp;
        var real = Decide(settings, peer, Arriving(scenario.ClientXff), steps);
        var forged = Decide(settings, peer, Arriving(scenario.ClientXff is null ? ForgedAddress : scenario.ClientXff + ", " + ForgedAddress), null);
        var forgeable = real.ClientIp is not null && forged.ClientIp is not null && forged.ClientIp != real.ClientIp;
        if (forgeable)
        {
            steps.Add($"a client that sends X-Forwarded-For: {ForgedAddress} makes the gateway believe {forged.ClientIp}");
        }

        ClientIpOutcome outcome;
        if (settings.Mechanism == GatewayClientIpMechanism.Unknown)
        {
            outcome = ClientIpOutcome.Unknown;
        }
        else if (real.ClientIp == scenario.ClientIp)
        {
            outcome = ClientIpOutcome.PreservedInHeader;
        }
        else
        {
            outcome = ClientIpOutcome.Lost;
        }

        return new GatewayClientAddressPrediction
        {
            Outcome = outcome,
            PeerAtGateway = peer,
            GatewayClientIp = real.ClientIp,
            Forgeable = forgeable,
            BackendSocket = scenario.GatewayPodIp,
            BackendXForwardedFor = real.Xff,
            BackendXRealIp = settings.SetsXRealIp ? real.ClientIp : null,
            Steps = [.. steps],
        };
    }

    private static (string? ClientIp, string? Xff) Decide(GatewayClientIpSettings settings, string peer, string? xff, List<string>? steps)
    {
        var remote = IPAddress.Parse(peer);
        ImmutableArray<HeaderLine> headers = xff is null ? [] : [new HeaderLine(ForwardedDecodeRequest.XForwardedFor, " " + xff)];
        var request = new ForwardedDecodeRequest { RemoteAddress = remote, Headers = headers };
        switch (settings.Mechanism)
        {
            case GatewayClientIpMechanism.Unknown:
                steps?.Add("unknown implementation: what it does with X-Forwarded-For is not known");
                return (null, null);
            case GatewayClientIpMechanism.CustomHeader:
                steps?.Add($"the client address comes from header {settings.CustomHeader}, which this request path does not set: Envoy falls back to the socket peer {peer}");
                break;
        }

        if (settings.Envoy is { } envoy)
        {
            var r = EnvoyClientAddressDecoder.Decode(request, envoy);
            steps?.Add($"Envoy: trusted client address {r.ClientIp}" + (r.FromXff ? " (from X-Forwarded-For)" : " (the socket peer)") + (r.ForwardedXff is null ? "" : $"; forwards X-Forwarded-For: {r.ForwardedXff}"));
            return (r.ClientIp, r.ForwardedXff);
        }

        if (settings.Implementation == GatewayImplementation.NginxGatewayFabric)
        {
            var trusted = new List<TrustedProxy>();
            foreach (var t in settings.TrustedAddresses)
            {
                if (TrustedProxy.TryParse(t, out var p, out _))
                {
                    trusted.Add(p!);
                }
            }

            var client = peer;
            if (settings.Mechanism == GatewayClientIpMechanism.NginxRealIp)
            {
                var r = NginxRealIpDecoder.Decode(request with { Trusted = [.. trusted], Recursive = settings.Recursive });
                client = r.ClientIp;
            }

            // $proxy_add_x_forwarded_for: the incoming header, ", ", then $remote_addr as realip left it.
            var forwarded = xff is null ? client : xff + ", " + client;
            steps?.Add($"nginx: $remote_addr {client}; forwards X-Forwarded-For: {forwarded}, X-Real-IP: {client}");
            return (client, forwarded);
        }

        if (settings.Implementation == GatewayImplementation.Traefik)
        {
            var trustsPeer = settings.TrustsEveryone || settings.TrustedAddresses.Any(t => TrustedProxy.TryParse(t, out var p, out _) && p!.Contains(remote));
            var forwarded = trustsPeer && xff is not null ? xff + ", " + peer : peer;
            steps?.Add(trustsPeer
                ? $"Traefik trusts {peer}: it keeps the incoming X-Forwarded-For and appends the peer: {forwarded}"
                : $"Traefik does not trust {peer}: it drops incoming X-Forwarded-* and sends X-Forwarded-For: {peer}");
            var leftmost = forwarded.Split(',')[0].Trim();
            return (trustsPeer ? leftmost : peer, forwarded);
        }

        steps?.Add($"the gateway acts on the socket peer {peer} and forwards X-Forwarded-For: {(xff is null ? peer : xff + ", " + peer)}");
        return (peer, xff is null ? peer : xff + ", " + peer);
    }
}
