using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>
/// kubelet's rules for a pod's /etc/resolv.conf (pkg/kubelet/network/dns):
/// - ClusterFirst: the cluster DNS address, search "&lt;ns&gt;.svc.&lt;domain&gt; svc.&lt;domain&gt; &lt;domain&gt;" + the node's
///   search domains, options ndots:5. A hostNetwork pod with ClusterFirst gets Default instead.
/// - ClusterFirstWithHostNet: ClusterFirst, also for hostNetwork pods.
/// - Default: the node's resolv.conf.
/// - None: dnsConfig alone.
/// dnsConfig is merged in: nameservers and searches appended without duplicates, options by name (dnsConfig wins).
/// kubelet then keeps 3 nameservers and the search list within the limits.
/// </summary>
public static class EffectiveResolvConfBuilder
{
    public static EffectiveResolvConf Build(PodInfo pod, ClusterDnsInfo cluster, DnsClusterSettings settings) =>
        Build(pod.Namespace, pod.DnsPolicy, pod.HostNetwork, pod.DnsConfig, cluster, settings);

    public static EffectiveResolvConf Build(string @namespace, string? dnsPolicy, bool hostNetwork, PodDnsConfig? dnsConfig, ClusterDnsInfo cluster, DnsClusterSettings settings)
    {
        var notes = ImmutableArray.CreateBuilder<string>();
        var apiErrors = Validate(dnsPolicy, dnsConfig, settings);
        var written = string.IsNullOrEmpty(dnsPolicy) ? "ClusterFirst" : dnsPolicy;
        var policy = written switch
        {
            "ClusterFirst" when hostNetwork => "Default",
            "ClusterFirstWithHostNet" when !hostNetwork => "ClusterFirst",
            _ => written,
        };
        if (written == "ClusterFirst" && hostNetwork)
        {
            notes.Add("hostNetwork with dnsPolicy ClusterFirst falls back to Default: the pod uses the node's resolv.conf and cannot resolve Service names; use ClusterFirstWithHostNet");
        }

        var domain = settings.ClusterDomain.TrimEnd('.');
        List<string> nameservers = [];
        List<string> searches = [];
        List<DnsOption> options = [];
        string explanation;
        var dependsOnNode = false;
        switch (policy)
        {
            case "ClusterFirst":
            case "ClusterFirstWithHostNet":
                var dns = settings.ClusterDnsOverride.IsDefaultOrEmpty
                    ? (!cluster.PodNameservers.IsDefaultOrEmpty ? cluster.PodNameservers.ToList() : cluster.PodNameserver is { } ip ? [ip] : [])
                    : settings.ClusterDnsOverride.ToList();
                if (settings.ClusterDnsOverride.IsDefaultOrEmpty && cluster.NodeLocalAddress is not null && cluster.PodNameserverSource is { } source)
                {
                    notes.Add($"nameserver {string.Join(", ", dns)}: {source}");
                }
                if (dns.Count == 0)
                {
                    notes.Add("no kube-dns Service found and no cluster DNS address configured: kubelet would fall back to the node's nameservers");
                    dependsOnNode = true;
                    nameservers.AddRange(settings.NodeNameservers);
                }

                nameservers.AddRange(dns);
                searches.AddRange([$"{@namespace}.svc.{domain}", $"svc.{domain}", domain]);
                searches.AddRange(settings.NodeSearch);
                options.Add(new DnsOption("ndots", "5"));
                explanation = cluster.NodeLocalAddress is not null && settings.ClusterDnsOverride.IsDefaultOrEmpty
                    ? dns.Contains(cluster.NodeLocalAddress)
                        ? $"{policy}: NodeLocal DNSCache at {cluster.NodeLocalAddress} on every node, cluster search list for namespace {@namespace}, ndots:5"
                        : $"{policy}: cluster DNS {string.Join(", ", dns.DefaultIfEmpty("(unknown)"))}{(dns.Any(cluster.NodeLocalAddresses.Contains) && cluster.NodeLocalProblem is null ? " (answered on every node by NodeLocal DNSCache, which binds it too)" : "")}, cluster search list for namespace {@namespace}, ndots:5"
                    : $"{policy}: cluster DNS {string.Join(", ", dns.DefaultIfEmpty("(unknown)"))}, cluster search list for namespace {@namespace}, ndots:5";
                break;
            case "Default":
                dependsOnNode = true;
                nameservers.AddRange(settings.NodeNameservers);
                searches.AddRange(settings.NodeSearch);
                options.AddRange(settings.NodeOptions.Select(o => ResolvConfParser.ParseOption("node resolv.conf", 0, o.Text)));
                explanation = "Default: the node's /etc/resolv.conf (its nameservers and search domains), no cluster names";
                if (settings.NodeNameservers.IsEmpty)
                {
                    notes.Add("the node's nameservers are not known from manifests; configure them to see the full file");
                }

                break;
            case "None":
                explanation = "None: only the pod's dnsConfig";
                break;
            default:
                apiErrors = apiErrors.Add($"spec.dnsPolicy '{written}' is not one of ClusterFirst, ClusterFirstWithHostNet, Default, None");
                explanation = $"unknown dnsPolicy '{written}': the API server rejects the pod";
                break;
        }

        if (dnsConfig is not null)
        {
            nameservers.AddRange(dnsConfig.Nameservers);
            searches.AddRange(dnsConfig.Searches.Select(s => s.TrimEnd('.')));
            foreach (var o in dnsConfig.Options)
            {
                var at = options.FindIndex(x => x.Name == o.Name);
                if (at >= 0)
                {
                    options[at] = o;
                }
                else
                {
                    options.Add(o);
                }
            }
        }

        var distinctServers = nameservers.Distinct(StringComparer.Ordinal).ToList();
        if (distinctServers.Count > ResolverSettings.MaxNameservers)
        {
            notes.Add($"kubelet keeps {ResolverSettings.MaxNameservers} nameservers and drops {string.Join(", ", distinctServers.Skip(ResolverSettings.MaxNameservers))}");
            distinctServers = [.. distinctServers.Take(ResolverSettings.MaxNameservers)];
        }

        var distinctSearch = searches.Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var kept = new List<string>();
        var chars = 0;
        foreach (var s in distinctSearch)
        {
            var add = (kept.Count == 0 ? 0 : 1) + s.Length;
            if (kept.Count == settings.MaxSearchDomains || chars + add > settings.MaxSearchChars)
            {
                break;
            }

            kept.Add(s);
            chars += add;
        }

        if (kept.Count < distinctSearch.Count)
        {
            notes.Add($"search line limits exceeded ({settings.MaxSearchDomains} domains, {settings.MaxSearchChars} characters): kubelet omits {string.Join(", ", distinctSearch.Skip(kept.Count))}");
        }

        return new EffectiveResolvConf
        {
            Conf = new ResolvConf { Nameservers = [.. distinctServers], Search = [.. kept], Options = [.. options] },
            EffectivePolicy = policy,
            Explanation = explanation,
            DependsOnNode = dependsOnNode,
            Notes = notes.ToImmutable(),
            ApiErrors = apiErrors,
        };
    }

    /// <summary>The API server's validation of dnsPolicy/dnsConfig (pkg/apis/core/validation: validatePodDNSConfig).</summary>
    public static ImmutableArray<string> Validate(string? dnsPolicy, PodDnsConfig? dnsConfig, DnsClusterSettings settings)
    {
        var errors = ImmutableArray.CreateBuilder<string>();
        if (dnsPolicy == "None" && (dnsConfig is null || dnsConfig.Nameservers.IsEmpty))
        {
            errors.Add("spec.dnsConfig.nameservers: dnsPolicy None needs at least one nameserver");
        }

        if (dnsConfig is null)
        {
            return errors.ToImmutable();
        }

        if (dnsConfig.Nameservers.Length > ResolverSettings.MaxNameservers)
        {
            errors.Add($"spec.dnsConfig.nameservers: at most {ResolverSettings.MaxNameservers} allowed, got {dnsConfig.Nameservers.Length}");
        }

        foreach (var ns in dnsConfig.Nameservers)
        {
            if (!System.Net.IPAddress.TryParse(ns, out _))
            {
                errors.Add($"spec.dnsConfig.nameservers: '{ns}' must be an IP address");
            }
        }

        if (dnsConfig.Searches.Length > settings.MaxSearchDomains)
        {
            errors.Add($"spec.dnsConfig.searches: at most {settings.MaxSearchDomains} allowed, got {dnsConfig.Searches.Length}");
        }

        var total = dnsConfig.Searches.Sum(s => s.Length) + Math.Max(0, dnsConfig.Searches.Length - 1);
        if (total > settings.MaxSearchChars)
        {
            errors.Add($"spec.dnsConfig.searches: {total} characters, at most {settings.MaxSearchChars} allowed");
        }

        foreach (var s in dnsConfig.Searches)
        {
            if (s.TrimEnd('.').Length is 0 or > 253)
            {
                errors.Add($"spec.dnsConfig.searches: '{s}' is not a valid domain");
            }
        }

        foreach (var o in dnsConfig.Options)
        {
            if (string.IsNullOrEmpty(o.Name))
            {
                errors.Add("spec.dnsConfig.options: an option needs a name");
            }
        }

        return errors.ToImmutable();
    }
}
