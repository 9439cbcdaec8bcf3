using System.Collections.Immutable;
using System.Globalization;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// Client-IP analysis of one Service: a route per way in (load balancer, NodePort, external IPs, in-cluster
/// ClusterIP, or the ExternalName alias), risks with evidence and fixes. When the Service fronts an ingress-nginx
/// controller, the backend is that controller and its $remote_addr is analysed.
/// </summary>
internal static class ServiceClientIpAnalyzer
{
    public static ClientIpReport Analyze(ClusterSnapshot snapshot, ServiceInfo service)
    {
        var placement = EndpointPlacement.Of(snapshot, service);
        var controller = IngressControllerDetector.ForControllerService(snapshot, service);
        // Traefik, HAProxy and Contour's Envoy get the controller risks here; their Ingress-level analysis is in Controllers.
        var proxy = controller is null ? Controllers.ProxyControllerService.For(snapshot, service) : null;
        var routes = new List<ClientIpRoute>();
        var risks = new List<ClientIpRisk>();
        var fixes = new List<ClientIpFix>();
        var notes = new List<string>();
        var inputs = Inputs(snapshot, service, placement);
        var key = $"{service.Namespace}/{service.Name}";

        if (service.Type == "ExternalName")
        {
            var route = ExternalNameRoute(service);
            return new ClientIpReport
            {
                Kind = ClientIpSubjectKind.Service,
                Namespace = service.Namespace,
                Name = service.Name,
                Outcome = route.Outcome,
                Verdict = route.Verdict,
                Routes = [route],
                Inputs = [.. inputs],
            };
        }

        ExternalEntry? primaryEntry = null;
        if (service.Type == "LoadBalancer")
        {
            primaryEntry = ExternalEntryBuilder.Build(snapshot, service, ExternalEntryMode.LoadBalancer, placement);
            routes.Add(ExternalRoute(snapshot, service, primaryEntry, "lb", "Through the load balancer", controller));
            if (service.Ports.Any(p => p.NodePort is not null) && !primaryEntry.LoadBalancer!.TargetsPods)
            {
                routes.Add(ExternalRoute(snapshot, service, ExternalEntryBuilder.Build(snapshot, service, ExternalEntryMode.NodePort, placement), "nodeport", "Straight to a node's NodePort", controller));
            }
        }
        else if (service.Type == "NodePort")
        {
            primaryEntry = ExternalEntryBuilder.Build(snapshot, service, ExternalEntryMode.NodePort, placement);
            routes.Add(ExternalRoute(snapshot, service, primaryEntry, "nodeport", "Through a node's NodePort", controller));
        }

        if (!service.ExternalIps.IsDefaultOrEmpty)
        {
            var entry = ExternalEntryBuilder.Build(snapshot, service, ExternalEntryMode.ExternalIp, placement);
            primaryEntry ??= entry;
            routes.Add(ExternalRoute(snapshot, service, entry, "external-ip", "Through an external IP", controller));
        }

        routes.Add(InClusterRoute(snapshot, service, placement));

        var external = primaryEntry is not null;
        var policy = service.ExternalTrafficPolicy ?? "Cluster";
        if (external)
        {
            AddExternalRisks(snapshot, service, placement, primaryEntry!, controller, proxy, routes[0], risks, fixes);
        }

        AddInternalPolicyRisk(service, placement, risks, fixes);
        if (!placement.HasEndpointData && service.Selector is { Count: > 0 })
        {
            notes.Add("Neither EndpointSlices nor pods matching the selector are in the snapshot: which nodes hold endpoints is unknown, so node-placement risks are not assessed.");
        }
        else if (placement.FromPods)
        {
            notes.Add("No EndpointSlices or Endpoints for this Service in the snapshot: endpoint placement is taken from the ready or running pods its selector matches.");
        }

        if (controller is not null)
        {
            notes.Add($"This Service fronts the ingress-nginx controller {controller.Workload!.Namespace}/{controller.Workload.Name}: open an Ingress it serves to see what the apps behind it receive.");
            AddControllerRisks(snapshot, controller, primaryEntry, routes[0], risks, fixes);
        }
        else if (proxy is not null)
        {
            notes.Add($"This Service fronts the {Controllers.ProxyControllers.Product(proxy.Kind)} controller {proxy.Workload.Namespace}/{proxy.Workload.Name}: open an Ingress it serves to see what the apps behind it receive.");
        }

        var pods = BackingPods(snapshot, service);
        if (pods.Any(p => p.HostNetwork))
        {
            risks.Add(new ClientIpRisk("hostnetwork-backend", Severity.Info, "Backends use hostNetwork",
                "The Service's pods run in the node's network namespace: their address is the node's, and in-cluster clients that are hostNetwork show up as node addresses too.",
                [.. pods.Where(p => p.HostNetwork).Take(5).Select(p => $"pod {p.Namespace}/{p.Name} hostNetwork: true")]));
        }

        var primary = routes[0];
        return new ClientIpReport
        {
            Kind = ClientIpSubjectKind.Service,
            Namespace = service.Namespace,
            Name = service.Name,
            Outcome = primary.Outcome,
            Verdict = primary.Verdict,
            Routes = [.. routes],
            Risks = ClientIpFindings.Complete(risks.Select(r => ClientIpFindings.From(r, ClientIpFindings.Subject(ClientIpSubjectKind.Service, service.Namespace, service.Name))), fixes),
            Fixes = [.. fixes],
            Inputs = [.. inputs],
            Notes = [.. notes],
        };
    }

    private static List<ClientIpEvidence> Inputs(ClusterSnapshot snapshot, ServiceInfo s, EndpointPlacement placement)
    {
        var list = new List<ClientIpEvidence>
        {
            new("type", s.Type, "spec.type"),
        };
        if (s.Type is "NodePort" or "LoadBalancer" || !s.ExternalIps.IsDefaultOrEmpty)
        {
            list.Add(new("externalTrafficPolicy", s.ExternalTrafficPolicy ?? "Cluster", s.ExternalTrafficPolicy is null ? "default" : "spec.externalTrafficPolicy"));
        }

        list.Add(new("internalTrafficPolicy", s.InternalTrafficPolicy ?? "Cluster", s.InternalTrafficPolicy is null ? "default" : "spec.internalTrafficPolicy"));
        if (s.HealthCheckNodePort is { } hc)
        {
            list.Add(new("healthCheckNodePort", hc.ToString(CultureInfo.InvariantCulture), "spec.healthCheckNodePort"));
        }

        if (s.Type == "LoadBalancer")
        {
            var lb = LoadBalancerDetector.Detect(s, snapshot);
            list.Add(new("load balancer", $"{lb.Product} ({lb.Layer}{(lb.ProxyProtocol ? ", PROXY protocol" : "")})", string.Join("; ", lb.Evidence)));
            foreach (var a in LoadBalancerDetector.RelevantAnnotations(s))
            {
                list.Add(new("annotation", a, "metadata.annotations"));
            }

            if (s.LoadBalancerClass is not null)
            {
                list.Add(new("loadBalancerClass", s.LoadBalancerClass, "spec.loadBalancerClass"));
            }
        }

        if (s.Type != "ExternalName")
        {
            list.Add(new("ready endpoints", placement.ReadyEndpoints.Length.ToString(CultureInfo.InvariantCulture), placement.FromPods ? "no EndpointSlices in the snapshot: ready or running pods matching the selector" : "EndpointSlices/Endpoints"));
            list.Add(new("nodes with ready endpoints", placement.ReadyPerNode.Count == 0 ? "none" : string.Join(", ", placement.ReadyPerNode.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} ({kv.Value})")), "endpoint nodeName"));
            list.Add(new("nodes a load balancer can use", ExternalEntryBuilder.List(placement.EligibleNodes), $"Ready nodes without {EndpointPlacement.ExcludeFromLbLabel}"));
        }

        return list;
    }

    private static ClientIpRoute ExternalNameRoute(ServiceInfo s) => new()
    {
        Id = "external-name",
        Name = "DNS alias",
        Outcome = ClientIpOutcome.NotApplicable,
        Verdict = $"Not applicable: ExternalName only makes cluster DNS answer {s.Name}.{s.Namespace}.svc with a CNAME to {s.ExternalName ?? "(no externalName)"}; no traffic passes through Kubernetes, and the external host sees the calling pod's egress address (usually its node's IP after SNAT).",
        Hops =
        [
            new ClientIpHop { Id = "client", Kind = ClientIpHopKind.Pod, Label = "Calling pod", Address = "its pod IP" },
            new ClientIpHop
            {
                Id = "external",
                Kind = ClientIpHopKind.External,
                Label = s.ExternalName ?? "external host",
                SeesSource = "the pod's egress address (node IP after the CNI's SNAT, typically)",
            },
        ],
        App = new ClientIpAppView
        {
            SocketIs = ClientIpPeer.External,
            SocketRemoteAddress = "not in the cluster: the external host sees the pod's egress address",
            ClientIpFrom = "not applicable",
        },
    };

    private static ClientIpRoute ExternalRoute(ClusterSnapshot snapshot, ServiceInfo service, ExternalEntry entry, string id, string name, IngressControllerInfo? controller)
    {
        var pods = BackingPods(snapshot, service);
        var podHop = new ClientIpHop
        {
            Id = "pod",
            Kind = controller is null ? ClientIpHopKind.Pod : ClientIpHopKind.IngressController,
            Label = controller is null ? $"Pod of {service.Namespace}/{service.Name}" : $"ingress-nginx pod ({controller.Workload!.Name})",
            Address = pods.Select(p => p.PodIp).FirstOrDefault(ip => ip is not null) is { } ip ? $"{ip} (e.g.)" : null,
            SeesSource = entry.BackendSeesText,
        };
        var hops = entry.Hops.Add(podHop);
        var notes = new List<string>();
        if (entry.LoadBalancer is { Assumed: true })
        {
            notes.Add(entry.LoadBalancer.Evidence[0]);
        }

        if (controller is not null)
        {
            var view = IngressNginxViewBuilder.Build(snapshot, entry, controller.Settings!);
            var (outcome, verdict) = ControllerVerdict(service, entry, view);
            notes.AddRange(view.Reasoning);
            return new ClientIpRoute
            {
                Id = id,
                Name = name,
                Outcome = outcome,
                Verdict = verdict,
                Hops = hops,
                App = new ClientIpAppView
                {
                    SocketIs = ClientIpPeers.Of(entry.BackendSees),
                    SocketRemoteAddress = entry.BackendSeesText,
                    Headers = view.UpstreamHeaders,
                    ClientIpFrom = $"ingress-nginx's $remote_addr after realip: {view.RemoteAddrText}",
                },
                Notes = [.. notes],
            };
        }

        var (o, v, app) = AppView(service, entry);
        return new ClientIpRoute { Id = id, Name = name, Outcome = o, Verdict = v, Hops = hops, App = app, Notes = [.. notes] };
    }

    private static (ClientIpOutcome, string, ClientIpAppView) AppView(ServiceInfo service, ExternalEntry entry)
    {
        var key = $"{service.Namespace}/{service.Name}";
        var socket = entry.BackendSeesText;
        if (entry.ProxyProtocol)
        {
            return (ClientIpOutcome.PreservedInHeader,
                $"In the PROXY protocol preamble: the {entry.LoadBalancer!.Product} sends the client address ahead of every connection; {key}'s pods see {socket} as the socket address and must parse the preamble.",
                new ClientIpAppView
                {
                    SocketIs = ClientIpPeers.Of(entry.BackendSees),
                    SocketRemoteAddress = socket,
                    Headers = [new ClientIpHeaderView("PROXY protocol", "PROXY TCP4 <client> <load balancer> <client port> <port>", "sent first on each connection; it travels inside the TCP stream, so SNAT does not change it")],
                    ClientIpFrom = "the PROXY protocol preamble (the app, or a proxy in front of it, must be configured to expect it)",
                });
        }

        if (entry.AddsXForwardedFor)
        {
            return (ClientIpOutcome.PreservedInHeader,
                $"In a header: the {entry.LoadBalancer!.Product} adds the client address to X-Forwarded-For; {key}'s pods see {socket} as the socket address.",
                new ClientIpAppView
                {
                    SocketIs = ClientIpPeers.Of(entry.BackendSees),
                    SocketRemoteAddress = socket,
                    Headers = [new ClientIpHeaderView("X-Forwarded-For", "<whatever the client sent>, <client>", "the load balancer appends the address it saw; entries to its left are client-controlled")],
                    ClientIpFrom = $"X-Forwarded-For, the rightmost entry not added by a trusted proxy; trust only {(entry.BackendSees == BackendSees.Node ? "the node addresses" : "the load balancer's addresses")} (see the header decoder)",
                });
        }

        if (entry.BackendSees == BackendSees.Client)
        {
            return (ClientIpOutcome.Preserved,
                $"Preserved: {entry.Why}; {key}'s pods see the client's address as the socket's remote address.",
                new ClientIpAppView { SocketIs = ClientIpPeer.Client, SocketRemoteAddress = socket, ClientIpFrom = "the socket's remote address" });
        }

        return (ClientIpOutcome.Lost,
            $"Lost: {entry.Why}; {key}'s pods see {socket}, not the client.",
            new ClientIpAppView { SocketIs = ClientIpPeers.Of(entry.BackendSees), SocketRemoteAddress = socket, ClientIpFrom = "nowhere: no header or preamble carries it" });
    }

    private static (ClientIpOutcome, string) ControllerVerdict(ServiceInfo service, ExternalEntry entry, IngressNginxView view)
    {
        var key = $"{service.Namespace}/{service.Name}";
        return view.RemoteAddrIs switch
        {
            RemoteAddrIs.Broken => (ClientIpOutcome.Broken, $"Broken: {view.BrokenReason}"),
            RemoteAddrIs.Client when entry.BackendSees == BackendSees.Client && !view.Spoofable => (ClientIpOutcome.Preserved, $"Preserved: {entry.Why}; the ingress-nginx controller behind {key} sees clients directly and passes them on in X-Real-IP / X-Forwarded-For."),
            RemoteAddrIs.Client => (ClientIpOutcome.PreservedInHeader, $"{(view.Spoofable ? "Forgeable" : "Preserved")}: the ingress-nginx controller behind {key} sets $remote_addr to {view.RemoteAddrText} and passes it on in X-Real-IP / X-Forwarded-For."),
            _ => (ClientIpOutcome.Lost, $"Lost: {entry.Why}; the ingress-nginx controller behind {key} only knows {view.RemoteAddrText}, and that is what every app behind it gets in X-Forwarded-For."),
        };
    }

    private static ClientIpRoute InClusterRoute(ClusterSnapshot snapshot, ServiceInfo service, EndpointPlacement placement)
    {
        var headless = service.ClusterIp == "None";
        var local = service.InternalTrafficPolicy == "Local";
        var hops = new List<ClientIpHop>
        {
            new() { Id = "client", Kind = ClientIpHopKind.Pod, Label = "Client pod", Address = "its pod IP" },
        };
        if (!headless)
        {
            hops.Add(new ClientIpHop
            {
                Id = "clusterip",
                Kind = ClientIpHopKind.ServiceVip,
                Label = $"ClusterIP {service.ClusterIp ?? "(not allocated)"}",
                Address = service.ClusterIp,
                SeesSource = "the client pod",
                Detail = local
                    ? "kube-proxy on the client's node DNATs to an endpoint on the same node only (internalTrafficPolicy Local); no SNAT."
                    : "kube-proxy on the client's node DNATs to any ready endpoint; no SNAT.",
            });
        }

        hops.Add(new ClientIpHop
        {
            Id = "pod",
            Kind = ClientIpHopKind.Pod,
            Label = $"Pod of {service.Namespace}/{service.Name}",
            SeesSource = "the client pod's IP",
            Detail = headless ? "Headless Service: DNS returns pod IPs, the client connects straight to a pod." : null,
        });
        return new ClientIpRoute
        {
            Id = "in-cluster",
            Name = headless ? "In-cluster (headless: straight to pod IPs)" : "In-cluster through the ClusterIP",
            Outcome = ClientIpOutcome.Preserved,
            Verdict = $"Preserved: in-cluster clients reach {service.Namespace}/{service.Name} without SNAT; its pods see the client pod's IP (a node's address for hostNetwork clients), and no X-Forwarded-For.",
            Hops = [.. hops],
            App = new ClientIpAppView
            {
                SocketIs = ClientIpPeer.Pod,
                SocketRemoteAddress = "the client pod's IP (its node's address if the client uses hostNetwork)",
                ClientIpFrom = "the socket's remote address",
            },
            Notes = ["A pod that reaches its own Service and is balanced back to itself is hairpin-NATed and sees its node's bridge address instead."],
        };
    }

    private static void AddExternalRisks(ClusterSnapshot snapshot, ServiceInfo service, EndpointPlacement placement, ExternalEntry entry, IngressControllerInfo? controller, Controllers.ProxyControllerService.Match? proxy, ClientIpRoute primary, List<ClientIpRisk> risks, List<ClientIpFix> fixes)
    {
        var key = $"{service.Namespace}/{service.Name}";
        var lb = entry.LoadBalancer;
        var local = entry.Policy == "Local";
        var bypass = lb?.TargetsPods == true;

        if (local && !bypass && placement.HasEndpointData)
        {
            if (placement.ReadyEndpoints.Length == 0 && placement.HasEndpointData)
            {
                risks.Add(new ClientIpRisk("local-no-endpoints", Severity.Error, "externalTrafficPolicy Local and no ready endpoints",
                    "Every node fails the load balancer's health check and drops NodePort traffic: the Service answers nothing from outside.",
                    [$"{key}: externalTrafficPolicy Local", "0 ready endpoints"]));
            }
            else if (placement.EligibleWithoutEndpoints.Length > 0)
            {
                var lbType = service.Type == "LoadBalancer";
                risks.Add(new ClientIpRisk("local-nodes-without-endpoints", lbType ? Severity.Warning : Severity.Error,
                    lbType ? "Local policy: nodes without endpoints fail health checks, load is uneven" : "Local policy: NodePort traffic to nodes without endpoints is dropped",
                    lbType
                        ? $"The load balancer health-checks healthCheckNodePort{(service.HealthCheckNodePort is { } hc ? " " + hc.ToString(CultureInfo.InvariantCulture) : "")} and stops sending to {placement.EligibleWithoutEndpoints.Length} of {placement.EligibleNodes.Length} nodes. It balances per node, not per pod, so a node with one pod gets as much traffic as a node with several; during rollouts a node can keep receiving traffic until its check fails."
                        : $"Nothing in front of a NodePort checks which nodes hold an endpoint: clients that connect to {ExternalEntryBuilder.List(placement.EligibleWithoutEndpoints)} time out.",
                    [$"{key}: externalTrafficPolicy Local",
                     $"nodes with ready endpoints: {(placement.ReadyPerNode.Count == 0 ? "none" : string.Join(", ", placement.ReadyPerNode.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} ({kv.Value})")))}",
                     $"nodes without: {ExternalEntryBuilder.List(placement.EligibleWithoutEndpoints)}"]));
                var owner = OwnerWorkload(snapshot, service);
                if (owner is not null)
                {
                    var (yaml, cmd) = ClientIpPatches.SpreadAcrossNodes(owner.Kind, owner.Namespace, owner.Name, StablePodLabels.Of(owner));
                    fixes.Add(new ClientIpFix
                    {
                        Id = "spread-endpoints",
                        Title = $"Spread {owner.Kind} {owner.Name} across nodes",
                        Target = $"{owner.Kind} {owner.Namespace}/{owner.Name}",
                        Patch = yaml,
                        Command = cmd,
                        TradeOffs =
                        [
                            "More nodes hold an endpoint, so more nodes pass the health check; with fewer replicas than nodes some still fail it.",
                            "ScheduleAnyway is a preference: existing pods move only when they are recreated (roll the workload).",
                            "A DaemonSet gives every node an endpoint, at the cost of one pod per node.",
                        ],
                        Resolves = ["local-nodes-without-endpoints"],
                    });
                }
            }
        }

        if (!local && !bypass && !entry.ProxyProtocol && !entry.AddsXForwardedFor && (lb is null || lb.PreservesSource))
        {
            var isController = controller is not null || proxy is not null;
            List<string> evidence = [$"{key}: externalTrafficPolicy {(service.ExternalTrafficPolicy ?? "Cluster (default)")}", lb is null ? $"type {service.Type}" : $"{lb.Product}: passes the client address to the nodes"];
            if (proxy is not null)
            {
                evidence.Add(proxy.Evidence);
            }

            risks.Add(new ClientIpRisk(isController ? "ingress-behind-cluster-policy" : "cluster-policy-snat", isController ? Severity.Error : Severity.Warning,
                isController ? "Ingress controller behind externalTrafficPolicy Cluster" : "externalTrafficPolicy Cluster hides client addresses",
                isController
                    ? "The controller sees node addresses, so every app behind it gets node addresses in X-Forwarded-For and X-Real-IP: access logs, rate limits and allow-lists by client IP all see nodes."
                    : $"{key}'s pods see node addresses: if the app logs, rate-limits or allow-lists by client IP, it works on node addresses instead.",
                [.. evidence]));
            var (yaml, cmd) = ClientIpPatches.Service(service.Namespace, service.Name, spec: [("externalTrafficPolicy", "Local")]);
            fixes.Add(new ClientIpFix
            {
                Id = "external-traffic-policy-local",
                Title = "Set externalTrafficPolicy: Local",
                Target = $"Service {key}",
                Patch = yaml,
                Command = cmd,
                TradeOffs =
                [
                    "Only nodes with a ready endpoint take traffic; load balancers spread per node, so pods on busy nodes get more.",
                    service.Type == "NodePort"
                        ? "Clients that connect to a NodePort on a node without an endpoint are dropped (nothing health-checks NodePorts)."
                        : "The API server allocates a healthCheckNodePort; the load balancer's health checks decide which nodes get traffic, with a delay during rollouts.",
                    "No extra hop between nodes: slightly lower latency, and no SNAT conntrack entries for this traffic.",
                ],
                Resolves = [isController ? "ingress-behind-cluster-policy" : "cluster-policy-snat"],
            });
        }

        if (lb is { Layer: LoadBalancerLayer.L4Proxy } && !lb.ProxyProtocol)
        {
            risks.Add(new ClientIpRisk("lb-replaces-source", Severity.Warning, $"{lb.Product} replaces the client address",
                "The load balancer opens its own TCP connection to the backends, so no externalTrafficPolicy brings the client back. Only PROXY protocol (or switching to a pass-through load balancer) carries it.",
                [.. lb.Evidence]));
            if (lb.Provider == "aws" && lb.Product.StartsWith("AWS Classic ELB", StringComparison.Ordinal))
            {
                var (yaml, cmd) = ClientIpPatches.Service(service.Namespace, service.Name,
                    annotations: [("service.beta.kubernetes.io/aws-load-balancer-type", "nlb")], spec: [("externalTrafficPolicy", "Local")]);
                fixes.Add(new ClientIpFix
                {
                    Id = "aws-nlb",
                    Title = "Use an AWS Network Load Balancer (instance targets) with externalTrafficPolicy Local",
                    Target = $"Service {key}",
                    Patch = yaml,
                    Command = cmd,
                    TradeOffs =
                    [
                        "Changing the load balancer type replaces it: a new DNS name and address; update DNS records and allow-lists.",
                        "An NLB does not terminate HTTP: TLS and HTTP features of the ELB move to the app or the ingress controller.",
                        "Security groups on the nodes must now admit the client ranges, since packets arrive with client source addresses.",
                    ],
                    Resolves = ["lb-replaces-source"],
                });
            }
            else if (lb.Provider == "aws" && lb.TargetsPods)
            {
                var (yaml, cmd) = ClientIpPatches.Service(service.Namespace, service.Name,
                    annotations: [("service.beta.kubernetes.io/aws-load-balancer-target-group-attributes", "preserve_client_ip.enabled=true")]);
                fixes.Add(new ClientIpFix
                {
                    Id = "aws-preserve-client-ip",
                    Title = "Turn on client IP preservation for the NLB's IP targets",
                    Target = $"Service {key}",
                    Patch = yaml,
                    Command = cmd,
                    TradeOffs =
                    [
                        "Pods' security groups must admit the client ranges.",
                        "Hairpinning breaks: a client in the same VPC that reaches the NLB and lands on its own node/pod cannot connect with preservation on.",
                        "If other target group attributes are set in the same annotation, keep them in the value (it replaces the whole list).",
                    ],
                    Resolves = ["lb-replaces-source"],
                });
            }

            if (lb.ProxyProtocolAnnotation is { } ppa && controller is null)
            {
                var (yaml, cmd) = ClientIpPatches.Service(service.Namespace, service.Name, annotations: [ppa]);
                fixes.Add(new ClientIpFix
                {
                    Id = "proxy-protocol",
                    Title = "Send PROXY protocol from the load balancer",
                    Target = $"Service {key}",
                    Patch = yaml,
                    Command = cmd,
                    TradeOffs =
                    [
                        "The app (or a proxy in front of it) must expect the PROXY preamble on every connection, or every request fails.",
                        "Clients that bypass the load balancer (in-cluster callers, NodePort, health checks) send no preamble and fail once the app requires it.",
                    ],
                    Resolves = ["lb-replaces-source"],
                });
            }
        }

        if (entry.ProxyProtocol && controller is null)
        {
            risks.Add(new ClientIpRisk("proxy-protocol-app", Severity.Warning, "The app must speak PROXY protocol",
                "Every connection through the load balancer starts with a PROXY preamble. An app that does not expect it answers 400 or drops the connection; in-cluster clients and anything else that skips the load balancer send none.",
                [.. lb!.Evidence]));
        }

        if (entry.AddsXForwardedFor && controller is null)
        {
            risks.Add(new ClientIpRisk("xff-left-entries-forgeable", Severity.Notice, "Only the rightmost X-Forwarded-For entry is the load balancer's",
                "The load balancer appends to whatever X-Forwarded-For the client sent. Reading the first entry, or trusting every sender, lets a client choose its address; trust only the load balancer's (or the nodes') addresses.",
                [.. lb!.Evidence]));
        }
    }

    private static void AddControllerRisks(ClusterSnapshot snapshot, IngressControllerInfo controller, ExternalEntry? entry, ClientIpRoute primary, List<ClientIpRisk> risks, List<ClientIpFix> fixes)
    {
        if (entry is null)
        {
            return;
        }

        foreach (var (risk, fix) in IngressRisks.ForController(snapshot, controller, entry))
        {
            if (!risks.Any(r => r.Id == risk.Id))
            {
                risks.Add(risk);
            }

            if (fix is not null && !fixes.Any(f => f.Id == fix.Id))
            {
                fixes.Add(fix);
            }
        }
    }

    private static void AddInternalPolicyRisk(ServiceInfo service, EndpointPlacement placement, List<ClientIpRisk> risks, List<ClientIpFix> fixes)
    {
        if (service.InternalTrafficPolicy != "Local" || placement.EligibleWithoutEndpoints.Length == 0)
        {
            return;
        }

        var key = $"{service.Namespace}/{service.Name}";
        risks.Add(new ClientIpRisk("internal-local-nodes-without-endpoints", Severity.Warning, "internalTrafficPolicy Local: pods on nodes without an endpoint cannot reach the Service",
            "With internalTrafficPolicy Local kube-proxy only sends to endpoints on the client's own node; on other nodes the ClusterIP drops the traffic.",
            [$"{key}: internalTrafficPolicy Local", $"nodes without endpoints: {ExternalEntryBuilder.List(placement.EligibleWithoutEndpoints)}"]));
        var (yaml, cmd) = ClientIpPatches.Service(service.Namespace, service.Name, spec: [("internalTrafficPolicy", "Cluster")]);
        fixes.Add(new ClientIpFix
        {
            Id = "internal-traffic-policy-cluster",
            Title = "Set internalTrafficPolicy: Cluster",
            Target = $"Service {key}",
            Patch = yaml,
            Command = cmd,
            TradeOffs = ["Traffic may cross nodes again; keep Local only for node-local agents that run on every node (DaemonSets)."],
            Resolves = ["internal-local-nodes-without-endpoints"],
        });
    }

    internal static List<PodInfo> BackingPods(ClusterSnapshot snapshot, ServiceInfo service)
    {
        var byEndpoint = snapshot.EndpointsOf(service).SelectMany(e => e.Addresses)
            .Where(a => a.TargetName is not null)
            .Select(a => snapshot.Pods.Get(a.TargetNamespace ?? service.Namespace, a.TargetName!))
            .OfType<PodInfo>()
            .DistinctBy(p => p.Key)
            .ToList();
        if (byEndpoint.Count > 0 || service.Selector is not { Count: > 0 })
        {
            return byEndpoint;
        }

        return [.. snapshot.PodsSelectedBy(service)];
    }

    internal static WorkloadInfo? OwnerWorkload(ClusterSnapshot snapshot, ServiceInfo service)
    {
        return snapshot.WorkloadsSelectedBy(service).FirstOrDefault(w => w.Kind is "Deployment" or "StatefulSet");
    }
}
