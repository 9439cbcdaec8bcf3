using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp;

/// <summary>
/// Reads the provider and listener kind of a LoadBalancer Service from its annotations, loadBalancerClass and
/// status hostname (falling back to well-known node labels). Covers the annotations of the AWS in-tree provider and
/// AWS Load Balancer Controller, GKE, AKS, Alibaba Cloud (CLB and NLB, both the alibaba-cloud and legacy alicloud
/// prefixes) and MetalLB.
/// </summary>
internal static class LoadBalancerDetector
{
    private const string Aws = "service.beta.kubernetes.io/aws-load-balancer-";
    private const string Ali = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-";
    private const string AliLegacy = "service.beta.kubernetes.io/alicloud-loadbalancer-";
    private const string Azure = "service.beta.kubernetes.io/azure-";

    public static LoadBalancerProfile Detect(ServiceInfo service, ClusterSnapshot? snapshot = null)
    {
        var a = service.Annotations;
        var evidence = new List<string>();
        var provider = ProviderOf(service, snapshot, evidence);
        return provider switch
        {
            "aws" => DetectAws(service, evidence),
            "alibaba" => DetectAlibaba(service, evidence),
            "gcp" => new LoadBalancerProfile
            {
                Provider = "gcp",
                Product = a.Keys.Any(k => k.EndsWith("load-balancer-type", StringComparison.Ordinal) && a[k].Equals("internal", StringComparison.OrdinalIgnoreCase))
                    ? "GCP internal passthrough Network Load Balancer"
                    : "GCP external passthrough Network Load Balancer",
                Layer = LoadBalancerLayer.L4Passthrough,
                Evidence = [.. evidence, "GCP passthrough load balancers deliver packets with the client's source address"],
            },
            "azure" => DetectAzure(service, evidence),
            "metallb" => new LoadBalancerProfile
            {
                Provider = "metallb",
                Product = "MetalLB",
                Layer = LoadBalancerLayer.L4Passthrough,
                Evidence = [.. evidence, "MetalLB announces the address from nodes (ARP/NDP or BGP); packets keep the client's source address"],
            },
            _ => new LoadBalancerProfile
            {
                Provider = "unknown",
                Product = "Load balancer (provider not identified)",
                Layer = LoadBalancerLayer.L4Passthrough,
                Assumed = true,
                Evidence = ["no provider annotations, loadBalancerClass or ELB hostname: assuming an L4 load balancer that keeps the client's source address (most network load balancers and MetalLB do; an AWS Classic ELB would not)"],
            },
        };
    }

    private static string ProviderOf(ServiceInfo s, ClusterSnapshot? snapshot, List<string> evidence)
    {
        var keys = s.Annotations.Keys.ToList();
        string? Found(string provider, string why)
        {
            evidence.Add(why);
            return provider;
        }

        var awsKey = keys.FirstOrDefault(k => k.StartsWith(Aws, StringComparison.Ordinal));
        if (awsKey is not null)
        {
            return Found("aws", $"annotation {awsKey}")!;
        }

        if (s.LoadBalancerClass == "service.k8s.aws/nlb")
        {
            return Found("aws", "loadBalancerClass service.k8s.aws/nlb (AWS Load Balancer Controller)")!;
        }

        var elb = s.LoadBalancerIngress.FirstOrDefault(i => i.Hostname?.Contains(".elb.amazonaws.com", StringComparison.OrdinalIgnoreCase) == true);
        if (elb is not null)
        {
            return Found("aws", $"status.loadBalancer hostname {elb.Hostname}")!;
        }

        var aliKey = keys.FirstOrDefault(k => k.StartsWith(Ali, StringComparison.Ordinal) || k.StartsWith(AliLegacy, StringComparison.Ordinal));
        if (aliKey is not null)
        {
            return Found("alibaba", $"annotation {aliKey}")!;
        }

        if (s.LoadBalancerClass == "alibabacloud.com/nlb")
        {
            return Found("alibaba", "loadBalancerClass alibabacloud.com/nlb")!;
        }

        var azKey = keys.FirstOrDefault(k => k.StartsWith(Azure, StringComparison.Ordinal));
        if (azKey is not null)
        {
            return Found("azure", $"annotation {azKey}")!;
        }

        var gcpKey = keys.FirstOrDefault(k => k.StartsWith("cloud.google.com/", StringComparison.Ordinal) || k.StartsWith("networking.gke.io/", StringComparison.Ordinal));
        if (gcpKey is not null)
        {
            return Found("gcp", $"annotation {gcpKey}")!;
        }

        var metalKey = keys.FirstOrDefault(k => k.StartsWith("metallb.universe.tf/", StringComparison.Ordinal) || k.StartsWith("metallb.io/", StringComparison.Ordinal));
        if (metalKey is not null)
        {
            return Found("metallb", $"annotation {metalKey}")!;
        }

        if (snapshot is not null)
        {
            foreach (var node in snapshot.Nodes)
            {
                foreach (var label in node.Labels.Keys)
                {
                    var p = label.StartsWith("eks.amazonaws.com/", StringComparison.Ordinal) ? "aws"
                        : label.StartsWith("cloud.google.com/gke-", StringComparison.Ordinal) ? "gcp"
                        : label.StartsWith("kubernetes.azure.com/", StringComparison.Ordinal) ? "azure"
                        : label.StartsWith("alibabacloud.com/", StringComparison.Ordinal) ? "alibaba"
                        : null;
                    if (p is not null)
                    {
                        return Found(p, $"node {node.Name} label {label} (no provider annotation on the Service: its defaults apply)")!;
                    }
                }
            }
        }

        return "unknown";
    }

    private static LoadBalancerProfile DetectAws(ServiceInfo s, List<string> evidence)
    {
        var a = s.Annotations;
        string? Get(string suffix) => a.TryGetValue(Aws + suffix, out var v) ? v.Trim() : null;
        var type = Get("type")?.ToLowerInvariant();
        var proxyProtocol = Get("proxy-protocol") == "*";
        if (proxyProtocol)
        {
            evidence.Add($"{Aws}proxy-protocol: \"*\"");
        }

        var attributes = Get("target-group-attributes") ?? "";
        var controller = s.LoadBalancerClass == "service.k8s.aws/nlb" || type is "external" or "nlb-ip";
        if (type == "nlb" || controller)
        {
            var targetType = Get("nlb-target-type")?.ToLowerInvariant() ?? (type == "nlb-ip" ? "ip" : "instance");
            evidence.Add($"NLB target type {targetType}{(Get("nlb-target-type") is null ? " (default)" : "")}");
            if (targetType == "ip")
            {
                var preserve = attributes.Replace(" ", "", StringComparison.Ordinal).Contains("preserve_client_ip.enabled=true", StringComparison.OrdinalIgnoreCase);
                evidence.Add(preserve
                    ? "target-group-attributes preserve_client_ip.enabled=true"
                    : "no preserve_client_ip.enabled=true: IP targets over TCP get the NLB's own address by default");
                return new LoadBalancerProfile
                {
                    Provider = "aws",
                    Product = "AWS Network Load Balancer (IP targets)",
                    Layer = preserve ? LoadBalancerLayer.L4Passthrough : LoadBalancerLayer.L4Proxy,
                    ProxyProtocol = proxyProtocol,
                    TargetsPods = true,
                    OwnAddresses = "the NLB's private addresses in the VPC subnets",
                    ProxyProtocolAnnotation = (Aws + "proxy-protocol", "*"),
                    Evidence = [.. evidence],
                };
            }

            var disabled = attributes.Replace(" ", "", StringComparison.Ordinal).Contains("preserve_client_ip.enabled=false", StringComparison.OrdinalIgnoreCase);
            if (disabled)
            {
                evidence.Add("target-group-attributes preserve_client_ip.enabled=false");
            }

            return new LoadBalancerProfile
            {
                Provider = "aws",
                Product = "AWS Network Load Balancer (instance targets)",
                Layer = disabled ? LoadBalancerLayer.L4Proxy : LoadBalancerLayer.L4Passthrough,
                ProxyProtocol = proxyProtocol,
                OwnAddresses = "the NLB's private addresses in the VPC subnets",
                ProxyProtocolAnnotation = (Aws + "proxy-protocol", "*"),
                Evidence = [.. evidence],
            };
        }

        var backend = Get("backend-protocol")?.ToLowerInvariant() ?? "tcp";
        evidence.Add($"Classic ELB (no aws-load-balancer-type: nlb), backend protocol {backend}{(Get("backend-protocol") is null ? " (default)" : "")}");
        var l7 = backend is "http" or "https";
        return new LoadBalancerProfile
        {
            Provider = "aws",
            Product = l7 ? "AWS Classic ELB (HTTP listener)" : "AWS Classic ELB (TCP listener)",
            Layer = l7 ? LoadBalancerLayer.L7 : LoadBalancerLayer.L4Proxy,
            ProxyProtocol = proxyProtocol && !l7,
            OwnAddresses = "the ELB's private addresses in the VPC subnets",
            ProxyProtocolAnnotation = (Aws + "proxy-protocol", "*"),
            Evidence = [.. evidence],
        };
    }

    private static LoadBalancerProfile DetectAlibaba(ServiceInfo s, List<string> evidence)
    {
        var a = s.Annotations;
        string? Get(string suffix) => a.TryGetValue(Ali + suffix, out var v) ? v.Trim() : a.TryGetValue(AliLegacy + suffix, out var w) ? w.Trim() : null;
        var eni = string.Equals(Get("backend-type"), "eni", StringComparison.OrdinalIgnoreCase);
        if (eni)
        {
            evidence.Add("backend-type eni: the load balancer sends to pod ENIs directly");
        }

        if (s.LoadBalancerClass == "alibabacloud.com/nlb")
        {
            var pp = string.Equals(Get("proxy-protocol"), "on", StringComparison.OrdinalIgnoreCase);
            var preserve = !string.Equals(Get("preserve-client-ip"), "off", StringComparison.OrdinalIgnoreCase);
            if (!preserve)
            {
                evidence.Add("preserve-client-ip: off");
            }

            if (pp)
            {
                evidence.Add("proxy-protocol: on");
            }

            return new LoadBalancerProfile
            {
                Provider = "alibaba",
                Product = "Alibaba Cloud NLB",
                Layer = preserve ? LoadBalancerLayer.L4Passthrough : LoadBalancerLayer.L4Proxy,
                ProxyProtocol = pp,
                TargetsPods = eni,
                OwnAddresses = "the NLB's addresses in the vSwitches (100.64.0.0/10 when client IP preservation is off)",
                ProxyProtocolAnnotation = (Ali + "proxy-protocol", "on"),
                Evidence = [.. evidence],
            };
        }

        var protocolPort = Get("protocol-port");
        var l7Ports = (protocolPort ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => p.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || p.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
            .ToList();
        evidence.Add(protocolPort is null
            ? "CLB with TCP/UDP listeners (no protocol-port annotation)"
            : $"protocol-port \"{protocolPort}\"");
        return new LoadBalancerProfile
        {
            Provider = "alibaba",
            Product = l7Ports.Count > 0 ? $"Alibaba Cloud CLB (HTTP/HTTPS listener: {string.Join(", ", l7Ports)})" : "Alibaba Cloud CLB (TCP listener)",
            Layer = l7Ports.Count > 0 ? LoadBalancerLayer.L7 : LoadBalancerLayer.L4Passthrough,
            TargetsPods = eni,
            OwnAddresses = "the SLB's internal addresses (100.64.0.0/10)",
            Evidence = [.. evidence, l7Ports.Count > 0
                ? "CLB layer-7 listeners connect from 100.64.0.0/10 and add X-Forwarded-For with the client address"
                : "CLB layer-4 listeners pass the client's source address through"],
        };
    }

    private static LoadBalancerProfile DetectAzure(ServiceInfo s, List<string> evidence)
    {
        var pls = s.Annotations.TryGetValue(Azure + "pls-proxy-protocol", out var v) && v.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
        if (pls)
        {
            evidence.Add("azure-pls-proxy-protocol: true (PROXY protocol only on connections through the Private Link service)");
        }

        var internalLb = s.Annotations.TryGetValue(Azure + "load-balancer-internal", out var i) && i.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
        return new LoadBalancerProfile
        {
            Provider = "azure",
            Product = internalLb ? "Azure Load Balancer (internal)" : "Azure Load Balancer",
            Layer = LoadBalancerLayer.L4Passthrough,
            Evidence = [.. evidence, "Azure Load Balancer is a pass-through L4 balancer: packets keep the client's source address"],
        };
    }

    /// <summary>Every annotation that shaped the profile, for the evidence list.</summary>
    public static ImmutableArray<string> RelevantAnnotations(ServiceInfo s) =>
        [.. s.Annotations.Where(kv => kv.Key.StartsWith(Aws, StringComparison.Ordinal) || kv.Key.StartsWith(Ali, StringComparison.Ordinal)
            || kv.Key.StartsWith(AliLegacy, StringComparison.Ordinal) || kv.Key.StartsWith(Azure, StringComparison.Ordinal)
            || kv.Key.StartsWith("cloud.google.com/", StringComparison.Ordinal) || kv.Key.StartsWith("networking.gke.io/", StringComparison.Ordinal)
            || kv.Key.StartsWith("metallb.", StringComparison.Ordinal))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key}: {kv.Value}")];
}
