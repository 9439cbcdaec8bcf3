using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>
/// Builds dnsConfig patches as <see cref="FindingFix"/>es and works out what they cost. dnsConfig.options has no merge key,
/// so a strategic merge patch replaces the whole list: the patch carries every option the pod should keep. A fix's first
/// trade-off is the summary in one paragraph; the ones after it are the names checked before and after
/// (<see cref="CheckLine"/>); <see cref="FindingFix.StopsWorking"/> lists the names that resolve today and would not after.
/// </summary>
internal static class DnsPatchBuilder
{
    /// <summary>The title of every dnsConfig patch.</summary>
    public const string DnsConfigTitle = "dnsConfig patch";

    /// <summary>ndots:N for the workload, dropping options its C library ignores, with the names checked before and after.</summary>
    public static FindingFix Ndots(DnsWorkloadRef target, PodDnsConfig? current, ResolvConf effective, LibcProfile libc, string clusterDomain, int ndots = 2)
    {
        var kept = (current?.Options ?? []).Where(o => o.Name != "ndots" && ResolverOptionSupport.Judge(libc, o.Name).Honoured).ToList();
        var options = new List<DnsOption> { new("ndots", ndots.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        options.AddRange(kept);
        var dropped = (current?.Options ?? []).Where(o => o.Name != "ndots" && !ResolverOptionSupport.Judge(libc, o.Name).Honoured).Select(o => o.Name).ToList();

        var after = effective with { Options = [.. effective.Options.Where(o => o.Name != "ndots" && !dropped.Contains(o.Name)), new DnsOption("ndots", options[0].Value)] };
        var checks = Checks(effective, after, libc, clusterDomain);
        var stops = checks.Where(c => c.ResolvesBefore && !c.ResolvesAfter).Select(c => c.Name).ToImmutableArray();
        var external = checks[0];
        var shortExternal = checks[1];

        var text = new StringBuilder();
        text.Append($"External names like {external.Name} cost {external.PacketsAfter} packets instead of {external.PacketsBefore}: a name with {ndots} or more dots is tried as is first. ");
        if (shortExternal.PacketsAfter > 2)
        {
            text.Append($"Names with fewer dots, like {shortExternal.Name}, still walk the search list ({shortExternal.PacketsAfter} packets): write them with a trailing dot ({shortExternal.Name}.). ");
        }

        text.Append("Short in-cluster names (my-svc, my-svc.my-ns) have fewer dots, so they still go through the search list and resolve as before. ");
        if (stops.IsEmpty)
        {
            text.Append($"With {libc.Name}, longer in-cluster names (my-svc.my-ns.svc) are tried as is first — one wasted NXDOMAIN round trip — then found through the search list.");
        }
        else
        {
            text.Append($"With {libc.Name}, names with {ndots}+ dots never fall back to the search list, so {string.Join(", ", stops)} stops resolving: use my-svc.my-ns or the full my-svc.my-ns.svc.{clusterDomain}. instead.");
        }

        if (dropped.Count > 0)
        {
            text.Append($" Dropped {string.Join(", ", dropped)}: {libc.Name} ignores {(dropped.Count == 1 ? "it" : "them")}.");
        }

        return Build(target, new PodDnsConfig { Options = [.. options] }, null, text.ToString(), [.. checks], stops);
    }

    /// <summary>A patch that sets exactly these options (used to replace resolv.conf rewrites with dnsConfig).</summary>
    public static FindingFix Options(DnsWorkloadRef target, IReadOnlyList<DnsOption> options, string tradeOff) =>
        Build(target, new PodDnsConfig { Options = [.. options] }, null, tradeOff, [], []);

    /// <summary>
    /// A patch that sets dnsPolicy (when given) and the whole dnsConfig (nameservers, searches, options): for a pod spec
    /// the API server rejects, the nearest spec it accepts.
    /// </summary>
    public static FindingFix DnsConfig(DnsWorkloadRef target, string? dnsPolicy, PodDnsConfig config, string tradeOff) =>
        Build(target, config, dnsPolicy, tradeOff, [], []);

    /// <summary>One name checked before and after a patch, as the fix's trade-offs list it.</summary>
    public static string CheckLine(DnsNameCheck c) =>
        $"{c.Name}: {c.PacketsBefore} → {c.PacketsAfter} packets, resolves {(c.ResolvesBefore ? "yes" : "no")} → {(c.ResolvesAfter ? "yes" : c.ResolvesBefore ? "NO" : "no")}";

    private static FindingFix Build(DnsWorkloadRef target, PodDnsConfig config, string? dnsPolicy, string tradeOff, ImmutableArray<DnsNameCheck> checks, ImmutableArray<string> stops)
    {
        var isPod = target.Kind is "Pod" or "ReplicaSet";
        var indent = isPod ? "" : "    ";
        var yaml = new StringBuilder();
        if (!isPod)
        {
            yaml.Append("spec:\n  template:\n");
        }

        yaml.Append(indent).Append("spec:\n");
        if (dnsPolicy is not null)
        {
            yaml.Append(indent).Append("  dnsPolicy: ").Append(dnsPolicy).Append('\n');
        }

        yaml.Append(indent).Append("  dnsConfig:\n");
        AppendList(yaml, indent, "nameservers", config.Nameservers);
        AppendList(yaml, indent, "searches", config.Searches);
        if (!config.Options.IsDefaultOrEmpty || (config.Nameservers.IsDefaultOrEmpty && config.Searches.IsDefaultOrEmpty))
        {
            yaml.Append(indent).Append("    options:\n");
        }

        foreach (var o in config.Options)
        {
            yaml.Append(indent).Append("    - name: ").Append(o.Name).Append('\n');
            if (o.Value is not null)
            {
                yaml.Append(indent).Append("      value: \"").Append(o.Value).Append("\"\n");
            }
        }

        string? command = null;
        if (!isPod)
        {
            var options = config.Options.Select(o => o.Value is null ? (object)new { name = o.Name } : new { name = o.Name, value = o.Value }).ToList();
            object dnsConfig = config.Nameservers.IsDefaultOrEmpty && config.Searches.IsDefaultOrEmpty
                ? new { options }
                : new { nameservers = config.Nameservers, searches = config.Searches, options };
            object spec = dnsPolicy is null ? new { dnsConfig } : new { dnsPolicy, dnsConfig };
            var json = JsonSerializer.Serialize(new { spec = new { template = new { spec } } });
            command = $"kubectl -n {target.Namespace} patch {target.Resource} {target.Name} --type strategic -p '{json}'";
        }

        if (isPod)
        {
            tradeOff += target.Kind == "Pod"
                ? " A running pod's dnsConfig cannot change: put this in the pod's manifest and recreate it."
                : " The owning ReplicaSet's Deployment was not found: patch whatever creates the ReplicaSet.";
        }

        return new FindingFix
        {
            Title = DnsConfigTitle,
            Target = target.ToString(),
            Patch = yaml.ToString(),
            Command = command,
            TradeOffs = [tradeOff, .. checks.Select(CheckLine)],
            StopsWorking = stops,
        };
    }

    private static void AppendList(StringBuilder yaml, string indent, string name, ImmutableArray<string> values)
    {
        if (values.IsDefaultOrEmpty)
        {
            return;
        }

        yaml.Append(indent).Append("    ").Append(name).Append(":\n");
        foreach (var v in values)
        {
            yaml.Append(indent).Append("    - ").Append(v).Append('\n');
        }
    }

    /// <summary>An external name and the four spellings of an in-cluster Service name, before and after.</summary>
    private static List<DnsNameCheck> Checks(ResolvConf before, ResolvConf after, LibcProfile libc, string clusterDomain)
    {
        var server = before.Nameservers.FirstOrDefault() ?? "127.0.0.1";
        var fqdn = $"kubernetes.default.svc.{clusterDomain}";
        var web = DnsRule.Addresses(["93.184.215.14"], ["2606:2800:21f:cb07:6820:80da:af6b:8b2c"]);
        var answers = DnsAnswers.ForServers(before.Nameservers.DefaultIfEmpty(server), new Dictionary<string, DnsRule>
        {
            [fqdn] = DnsRule.Addresses(["10.96.0.1"]),
            ["www.example.com"] = web,
            ["example.com"] = web,
        });
        var names = new[] { "www.example.com", "example.com", "kubernetes", "kubernetes.default", "kubernetes.default.svc", fqdn };
        return [.. names.Select(n =>
        {
            var b = ResolverSimulator.Expand(new ExpansionRequest { ResolvConf = before, Libc = libc, Name = n, Answers = answers });
            var a = ResolverSimulator.Expand(new ExpansionRequest { ResolvConf = after, Libc = libc, Name = n, Answers = answers });
            return new DnsNameCheck(n, b.Queries.Length, b.Result.Ok, a.Queries.Length, a.Result.Ok);
        })];
    }
}
