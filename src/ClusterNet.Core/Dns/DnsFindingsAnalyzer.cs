using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ClusterNet.Core.Facts;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Dns;

/// <summary>
/// Cluster-wide DNS findings. Pods are grouped by the workload that owns them (they share a spec), so a 300-replica
/// Deployment is one finding listing its pods; simulations are cached by resolv.conf and C library. Every finding is a
/// <see cref="Finding"/> of <see cref="FindingArea.Dns"/>: its first fix is the advice in words, a second one (when there
/// is one) the patch; every critical finding has a patch.
/// </summary>
public static partial class DnsFindingsAnalyzer
{
    private const string ExternalProbe = "www.example.com";

    public static DnsReport Analyze(ClusterSnapshot snapshot, DnsClusterSettings? settings = null, DnsAnalysisOptions? options = null)
    {
        settings ??= DnsClusterSettings.Default;
        options ??= DnsAnalysisOptions.Default;
        var cluster = ClusterFacts.Of(snapshot).Dns;
        var context = new Context(snapshot, cluster, settings, options);
        var findings = new List<Finding>();

        var groups = snapshot.Pods
            .Where(p => p.Phase is not ("Succeeded" or "Failed"))
            .GroupBy(p => DnsOwnerResolver.Resolve(p, snapshot))
            .ToList();
        foreach (var group in groups)
        {
            var pods = group.ToList();
            var profile = context.Profile(pods[0], group.Key);
            findings.AddRange(WorkloadFindings(context, group.Key, pods, profile));
        }

        findings.AddRange(EgressFindings(context));
        findings.AddRange(ClusterFindings(context, groups.Count));
        return new DnsReport
        {
            Cluster = cluster,
            Findings = [.. findings.OrderByDescending(f => f.Impact).ThenBy(f => f.Subject, StringComparer.Ordinal).ThenBy(f => f.Code, StringComparer.Ordinal)],
            PodsAnalysed = snapshot.Pods.Count,
        };
    }

    /// <summary>Findings about one pod only (for the pod view); the same rules as the cluster-wide report.</summary>
    public static ImmutableArray<Finding> ForPod(ClusterSnapshot snapshot, PodInfo pod, DnsClusterSettings? settings = null, DnsAnalysisOptions? options = null)
    {
        settings ??= DnsClusterSettings.Default;
        options ??= DnsAnalysisOptions.Default;
        var cluster = ClusterFacts.Of(snapshot).Dns;
        var context = new Context(snapshot, cluster, settings, options);
        var profile = DnsPodProfile.For(pod, snapshot, cluster, settings, options);
        return [.. WorkloadFindings(context, profile.Owner, [pod], profile).OrderByDescending(f => f.Impact)];
    }

    private static double Impact(Severity severity, int pods, double cost) =>
        severity switch { Severity.Critical => 1_000_000, Severity.Warning => 1_000, _ => 1 } * Math.Max(1, pods) * Math.Max(1, cost);

    /// <summary>A DNS finding: the advice first, then the patches.</summary>
    private static Finding Make(string code, Severity severity, string subject, IEnumerable<string> pods, string title, IEnumerable<string> evidence, string fix, IEnumerable<FindingFix?> patches, double impact) => new()
    {
        Area = FindingArea.Dns,
        Code = code,
        Severity = severity,
        Subject = subject,
        Affected = [.. pods],
        Message = title,
        Evidence = [.. evidence],
        Fixes = [new FindingFix { Title = fix }, .. patches.OfType<FindingFix>()],
        Impact = impact,
    };

    private static IEnumerable<Finding> WorkloadFindings(Context ctx, DnsWorkloadRef owner, List<PodInfo> pods, DnsPodProfile profile)
    {
        var subject = owner.ToString();
        var podKeys = pods.Select(p => p.Key.ToString()).ToImmutableArray();
        var eff = profile.ResolvConf;
        var libcGuess = profile.PrimaryLibc;
        var libc = libcGuess.Libc == LibcKind.Musl ? LibcProfile.Musl : LibcProfile.Glibc;
        var clusterFirst = eff.EffectivePolicy is "ClusterFirst" or "ClusterFirstWithHostNet";
        var libcEvidence = $"{libcGuess.Image}: {libcGuess.Label} ({libcGuess.Confidence.ToString().ToLowerInvariant()} confidence: {libcGuess.Reason})";

        Finding Workload(string code, Severity severity, string title, IEnumerable<string> evidence, string fix, FindingFix? patch = null, double cost = 1, FindingFix? alternative = null) =>
            Make(code, severity, subject, podKeys, title, evidence, fix, [patch, alternative], Impact(severity, pods.Count, cost));

        foreach (var error in eff.ApiErrors)
        {
            yield return Workload("api-invalid-dnsconfig", Severity.Critical, $"{subject}: the API server rejects this pod spec ({error})", [error], "Fix spec.dnsPolicy/spec.dnsConfig as the message says.",
                DnsCriticalFixes.ValidDnsConfig(owner, pods[0], ctx.Cluster, ctx.Settings));
        }

        if (pods[0].HostNetwork && (pods[0].DnsPolicy is "ClusterFirst" or "" or null))
        {
            yield return Workload("hostnetwork-clusterfirst", Severity.Warning,
                $"{subject} runs with hostNetwork and dnsPolicy ClusterFirst, so it gets the node's resolv.conf and cannot resolve Service names",
                [$"spec.hostNetwork: true, spec.dnsPolicy: {pods[0].DnsPolicy}", "kubelet gives hostNetwork pods the Default policy unless the policy is ClusterFirstWithHostNet"],
                "Set spec.dnsPolicy: ClusterFirstWithHostNet in the pod template.");
        }

        foreach (var note in eff.Notes.Where(n => n.StartsWith("search line limits", StringComparison.Ordinal) || n.StartsWith("kubelet keeps", StringComparison.Ordinal)))
        {
            yield return Workload("kubelet-truncates-dns", Severity.Warning, $"{subject}: {note}", [note], "Trim spec.dnsConfig so kubelet keeps everything.");
        }

        if (clusterFirst)
        {
            var conf = eff.Conf;
            var (settings, external) = ctx.ExternalCost(conf, libc);
            if (settings.Ndots >= 2 && !settings.Search.IsEmpty && external.Queries.Length > ctx.Options.ExternalPacketThreshold)
            {
                var patch = ctx.NdotsPatch(owner, pods[0].DnsConfig, conf, libc);
                var severity = external.Queries.Length >= 8 ? Severity.Warning : Severity.Info;
                yield return Workload("ndots-search-cost", severity,
                    $"{subject}: every external name costs {external.Queries.Length} DNS packets (ndots:{settings.Ndots} walks {settings.Search.Length} search suffixes first)",
                    [
                        $"resolv.conf: search {string.Join(' ', settings.Search)}; options ndots:{settings.Ndots}",
                        $"{ExternalProbe} with {libc.Name}: {string.Join(", ", external.Tried)} — answered only as is",
                        libcEvidence,
                    ],
                    "Write external names as FQDNs with a trailing dot (api.example.com.) — always safe; or lower ndots with the dnsConfig patch (see its trade-off); NodeLocal DNSCache or CoreDNS autopath make the extra queries cheap.",
                    patch, external.Queries.Length - 2);
            }

            // In iptables mode the cache binds the Service IP too: pods sending there reach it without DNAT.
            var viaNodeLocal = ctx.Cluster.NodeLocalAddress is not null && ctx.Cluster.NodeLocalProblem is null
                && conf.Nameservers.Any(n => n == ctx.Cluster.NodeLocalAddress || ctx.Cluster.NodeLocalAddresses.Contains(n));
            if (libcGuess.Libc == LibcKind.Musl && !libcGuess.Static && !viaNodeLocal)
            {
                var nodes = pods.Select(p => p.NodeName).Where(n => n is not null).Distinct().Select(n => ctx.Snapshot.Nodes.Get("", n!)).Where(n => n is not null).ToList();
                var oldKernels = nodes.Where(n => !KernelVersion.HasConntrackRaceFixes(n!.KernelVersion) && KernelVersion.Parse(n.KernelVersion) is not null).ToList();
                var severity = oldKernels.Count > 0 || nodes.Count == 0 ? Severity.Critical : Severity.Warning;
                var mode = ctx.Cluster.KubeProxyMode ?? "unknown (no kube-proxy ConfigMap)";
                var timeout = ResolverSettings.From(conf, LibcProfile.Musl);
                yield return Workload("musl-conntrack-race", severity,
                    $"{subject} uses musl and sends A and AAAA at once through conntrack DNAT to {string.Join(", ", conf.Nameservers)}: a lost reply costs {timeout.Timeout * 1000 / timeout.Attempts / 1000.0:0.#} s and can fail the lookup (EAI_AGAIN)",
                    [
                        libcEvidence,
                        nodes.Count == 0 ? "node kernel unknown (pods not scheduled or nodes not listed)" : "node kernels: " + string.Join(", ", nodes.Select(n => $"{n!.Name} {n.KernelVersion}")) + (oldKernels.Count > 0 ? " — older than 5.0, which fixed the conntrack insertion races" : " — 5.0+ fixed most of the race, but not with several DNS replicas behind one ClusterIP"),
                        $"kube-proxy mode: {mode}",
                        ctx.Cluster.NodeLocalDns is null ? "NodeLocal DNSCache: not deployed" : $"NodeLocal DNSCache is deployed but this pod's nameserver is {string.Join(", ", conf.Nameservers)}",
                        "musl has no single-request fallback (glibc resends A and AAAA one after the other after a loss); it ignores single-request-reopen",
                    ],
                    "Deploy NodeLocal DNSCache (pods talk to a node-local address without DNAT; fixes the race for every libc); upgrade nodes to kernel 5.0+; or use a Debian-based image variant (e.g. php:7.4-fpm instead of -alpine). single-request-reopen does nothing on musl.",
                    // The patches go with the critical race (the CLI and REST have always listed the warning without one).
                    severity == Severity.Critical ? DnsCriticalFixes.MuslRetries(owner, pods[0].DnsConfig, conf) : null, cost: pods.Count,
                    alternative: severity == Severity.Critical ? DnsCriticalFixes.GlibcImage(owner, pods[0], profile) : null);
            }
        }

        foreach (var (container, guess) in profile.Containers)
        {
            var containerLibc = guess.Libc == LibcKind.Musl ? LibcProfile.Musl : LibcProfile.Glibc;
            var ignored = eff.Conf.Options.Select(o => o.Name).Distinct().Select(o => ResolverOptionSupport.Judge(containerLibc, o)).Where(v => !v.Honoured).ToList();
            if (ignored.Count > 0 && !guess.Static)
            {
                yield return Workload("ignored-option", Severity.Warning,
                    $"{subject}: container {container} ({guess.Label}) ignores {string.Join(", ", ignored.Select(v => v.Option))}",
                    [.. ignored.Select(v => v.Reason), $"{guess.Image}: {guess.Reason}"],
                    guess.Libc == LibcKind.Musl
                        ? "Remove the option; for the A/AAAA race on musl use NodeLocal DNSCache, for search cost use FQDNs or ndots."
                        : "Remove the option or move to a glibc version that has it.");
            }
        }

        foreach (var f in RewriteFindings(owner, pods[0], libc))
        {
            yield return f with { Affected = podKeys, Impact = Impact(f.Severity, pods.Count, 1) };
        }
    }

    [GeneratedRegex(@"resolv\.conf")]
    private static partial Regex ResolvConf();

    [GeneratedRegex(@"options\s+([a-z0-9:\-]+(?:\s+[a-z0-9]+[a-z0-9:\-]*)*)")]
    private static partial Regex EchoedOptions();

    private static IEnumerable<Finding> RewriteFindings(DnsWorkloadRef owner, PodInfo pod, LibcProfile libc)
    {
        foreach (var c in pod.Containers)
        {
            var sources = new List<(string Where, string Text)>();
            if (c.LifecycleCommands.Any(t => ResolvConf().IsMatch(t)))
            {
                sources.Add(("a lifecycle hook", string.Join(' ', c.LifecycleCommands)));
            }

            if (c.Command.Any(t => ResolvConf().IsMatch(t)))
            {
                sources.Add((c.IsInit ? "an init container" : "the container command", string.Join(' ', c.Command)));
            }

            foreach (var (where, text) in sources)
            {
                var isSed = text.Contains("sed -i", StringComparison.Ordinal);
                var why = isSed
                    ? "kubelet bind-mounts /etc/resolv.conf into the container; `sed -i` writes a temporary file and renames it over the mount point, which fails with 'Device or resource busy'."
                    : "kubelet bind-mounts /etc/resolv.conf: an in-place write works, but it races the application's start (postStart runs alongside the entrypoint), is invisible in the pod spec, and is lost if the sandbox is recreated; Alpine's shell tools also make it easy to write a malformed file.";
                var wanted = EchoedOptions().Match(text) is { Success: true } m
                    ? m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => ResolvConfParser.ParseOption("command", 0, w.Contains(':') && w.Split(':')[1].Length == 0 ? w.TrimEnd(':') : w)).ToList()
                    : [];
                var honoured = wanted.Where(o => ResolverOptionSupport.Judge(libc, o.Name).Honoured).ToList();
                var ignoredNames = wanted.Where(o => !ResolverOptionSupport.Judge(libc, o.Name).Honoured).Select(o => o.Name).ToList();
                var patch = honoured.Count > 0
                    ? DnsPatchBuilder.Options(owner, [.. (pod.DnsConfig?.Options ?? []).Where(o => honoured.All(h => h.Name != o.Name)), .. honoured], $"Moves {string.Join(", ", honoured.Select(o => o.Name))} into spec.dnsConfig, where kubelet writes it before any process starts.")
                    : null;
                yield return Make("resolv-conf-rewrite", Severity.Warning, owner.ToString(), [],
                    $"{owner}: container {c.Name} rewrites /etc/resolv.conf in {where} instead of using dnsConfig",
                    [
                        text,
                        why,
                        .. ignoredNames.Count > 0 ? [$"{string.Join(", ", ignoredNames)}: ignored by {libc.Name} anyway"] : Array.Empty<string>(),
                    ],
                    "Delete the hook or init step and set spec.dnsConfig (nameservers, searches, options) in the pod template.",
                    [patch], 0);
            }
        }
    }

    private static IEnumerable<Finding> EgressFindings(Context ctx)
    {
        if (ctx.Cluster.NodeLocalAddress is not { } local || ctx.Snapshot.NetworkPolicies.Count == 0)
        {
            yield break;
        }

        var engine = PolicyEngine.Build(ctx.Snapshot);
        var dnsPods = ctx.Cluster.DnsPods.Select(p => p.Key).ToList();
        var probe = new ReachProbe(53, "UDP");
        // Every address the pods send DNS to (the Service IP in iptables mode, which the cache binds) and the cache's own.
        var addresses = ctx.Cluster.DnsEgressAddresses;
        var shown = string.Join(", ", addresses);
        var blocked = new Dictionary<string, List<PodInfo>>(StringComparer.Ordinal);
        var policies = new Dictionary<string, ImmutableArray<ObjectKey>>(StringComparer.Ordinal);
        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var pod in ctx.Snapshot.Pods)
        {
            if (pod.HostNetwork || dnsPods.Contains(pod.Key) || !engine.IsIsolated(pod.Key, ingress: false))
            {
                continue;
            }

            // Pods with the same namespace and labels are selected by the same policies: decide once per signature.
            var signature = pod.Namespace + "|" + string.Join(",", pod.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
            if (!verdicts.TryGetValue(signature, out var problem))
            {
                var from = ReachEndpoint.OfPod(pod.Key);
                var toLocal = addresses.Select(a => engine.Explain(from, ReachEndpoint.External(a), probe)).ToList();
                var toKubeDns = dnsPods.Count > 0 && dnsPods.Any(d => engine.Explain(from, ReachEndpoint.OfPod(d), probe).Egress.Allows);
                problem = toLocal.Any(t => !t.Egress.Allows) && (toKubeDns || dnsPods.Count == 0);
                verdicts[signature] = problem;
                policies[signature] = toLocal[0].Egress.SelectingPolicies;
            }

            if (problem)
            {
                (blocked.TryGetValue(signature, out var list) ? list : blocked[signature] = []).Add(pod);
            }
        }

        foreach (var (signature, pods) in blocked)
        {
            var ns = pods[0].Namespace;
            var names = policies[signature].Select(k => k.ToString()).ToList();
            yield return Make("egress-blocks-nodelocal-dns", Severity.Critical,
                $"Namespace {ns}: pods {string.Join(",", pods[0].Labels.Select(l => $"{l.Key}={l.Value}"))}".TrimEnd(':', ' '),
                pods.Select(p => p.Key.ToString()),
                $"{pods.Count} pod(s) in {ns} may reach the kube-dns pods but not NodeLocal DNSCache at {shown}: their DNS queries are dropped",
                [
                    $"egress isolated by {string.Join(", ", names)}",
                    $"NodeLocal DNSCache listens on {string.Join(", ", ctx.Cluster.NodeLocalAddresses.DefaultIfEmpty(local))} on each node (hostNetwork, no DNAT): a rule selecting the kube-dns pods (podSelector/namespaceSelector) does not match it",
                    $"pods are given nameserver {string.Join(", ", ctx.Cluster.PodNameservers.DefaultIfEmpty(local))} ({ctx.Cluster.PodNameserverSource ?? "kubelet clusterDNS"})",
                ],
                $"Add an egress rule to ipBlock {string.Join(", ", addresses.Select(a => a + "/32"))} on UDP and TCP 53 (keep the kube-dns rule for the fallback path):\n" + EgressRule(ns, addresses),
                [DnsCriticalFixes.EgressToNodeLocal(ns, addresses, EgressRule(ns, addresses))],
                Impact(Severity.Critical, pods.Count, 10));
        }
    }

    private static string EgressRule(string ns, IEnumerable<string> addresses) => $"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: allow-node-local-dns
          namespace: {ns}
        spec:
          podSelector: {"{}"}
          policyTypes: [Egress]
          egress:
          - to:
        {string.Join("\n", addresses.Select(a => $"    - ipBlock:\n        cidr: {a}/{(a.Contains(':', StringComparison.Ordinal) ? 128 : 32)}"))}
            ports:
            - {"{"}port: 53, protocol: UDP{"}"}
            - {"{"}port: 53, protocol: TCP{"}"}
        """;

    private static IEnumerable<Finding> ClusterFindings(Context ctx, int workloads)
    {
        var c = ctx.Cluster;
        Finding Cluster(string code, Severity severity, string title, IEnumerable<string> evidence, string fix, double cost) =>
            Make(code, severity, "cluster", [], title, evidence, fix, [], Impact(severity, ctx.Snapshot.Pods.Count, cost));

        if (c.Corefile is not null && !c.CorefileHasCache)
        {
            yield return Cluster("coredns-no-cache", Severity.Warning, "CoreDNS runs without the cache plugin: every query, including each search-list miss, goes upstream",
                ["kube-system/coredns Corefile has no 'cache' line"], "Add 'cache 30' to the server block of the Corefile.", 2);
        }

        if (c.Corefile is not null && !c.CorefileHasAutopath)
        {
            yield return Cluster("coredns-no-autopath", Severity.Info, "CoreDNS has no autopath: with ndots:5 each external lookup is several round trips instead of one",
                ["kube-system/coredns Corefile has no 'autopath @kubernetes' line", "autopath answers the first search-list query with the final answer (server-side search); it needs 'pods verified' in the kubernetes plugin"],
                "Add 'autopath @kubernetes' and set 'pods verified' in the kubernetes block (costs CoreDNS memory: it watches pods).", 1);
        }

        if (c.NodeLocalProblem is { } problem)
        {
            yield return Cluster("nodelocal-dns-ipvs-localip", Severity.Warning, "NodeLocal DNSCache is set up for kube-proxy iptables mode in an IPVS cluster: it cannot bind the kube-dns Service IP",
                [
                    problem,
                    $"kube-proxy mode: {c.KubeProxyMode}",
                    $"node-local-dns -localip {string.Join(",", c.NodeLocalAddresses)}",
                    $"pods are given nameserver {string.Join(", ", c.PodNameservers)} ({c.PodNameserverSource})",
                ],
                $"Use the IPVS-mode set-up: -localip {c.NodeLocalAddress} alone in the node-local-dns DaemonSet, and kubelet clusterDNS: [{c.NodeLocalAddress}] (kube-system/kubelet-config, then restart kubelet; pods pick it up when recreated).", 3);
        }
        else if (c.NodeLocalAddress is not null && !c.KubeletClusterDns.IsDefaultOrEmpty && !c.KubeletClusterDns.Any(c.NodeLocalAddresses.Contains))
        {
            yield return Cluster("nodelocal-dns-unused", Severity.Warning, $"NodeLocal DNSCache runs but pods don't use it: kubelet's clusterDNS is {string.Join(", ", c.KubeletClusterDns)}, the cache binds only {string.Join(", ", c.NodeLocalAddresses)}",
                [
                    $"kube-system/kubelet-config clusterDNS: {string.Join(", ", c.KubeletClusterDns)}",
                    $"node-local-dns -localip {string.Join(",", c.NodeLocalAddresses)}",
                    $"kube-proxy mode: {c.KubeProxyMode ?? "unknown"}",
                ],
                string.Equals(c.KubeProxyMode, "ipvs", StringComparison.OrdinalIgnoreCase)
                    ? $"IPVS mode: set kubelet clusterDNS to {c.NodeLocalAddress} (kube-system/kubelet-config, restart kubelet, recreate pods)."
                    : $"iptables mode: add the Service IP to the cache's -localip ({c.NodeLocalAddress},{c.KubeDnsIp ?? "<kube-dns IP>"}), or set kubelet clusterDNS to {c.NodeLocalAddress}.", 2);
        }

        var nodes = ctx.Snapshot.Nodes.Count;
        if (c.NodeLocalDns is null && c.NodeLocalAddress is null && nodes >= ctx.Settings.LargeClusterNodes)
        {
            yield return Cluster("no-nodelocal-dnscache", Severity.Warning, $"{nodes} nodes and no NodeLocal DNSCache: every pod's DNS goes through conntrack DNAT to the kube-dns Service",
                [$"{nodes} nodes ≥ {ctx.Settings.LargeClusterNodes}", "no node-local-dns DaemonSet or ConfigMap", $"{workloads} workloads resolve through {c.KubeDnsIp ?? "kube-dns"}"],
                "Deploy NodeLocal DNSCache (k8s.io/dns node-cache DaemonSet, 169.254.20.10): a per-node cache, no DNAT for pod queries, TCP upstream.", 3);
        }

        if (c.KubeDnsService is null && ctx.Snapshot.Pods.Count > 0)
        {
            yield return Cluster("no-cluster-dns-service", Severity.Info, "No kube-dns Service found: effective resolv.conf files can't name the cluster DNS address",
                ["no Service kube-system/kube-dns or label k8s-app=kube-dns"], "Load the kube-system Services, or configure the cluster DNS address.", 1);
        }
    }

    /// <summary>Per-analysis caches: simulations by (resolv.conf, libc), patches by (owner kind, conf, options).</summary>
    private sealed class Context(ClusterSnapshot snapshot, ClusterDnsInfo cluster, DnsClusterSettings settings, DnsAnalysisOptions options)
    {
        private readonly Dictionary<string, (ResolverSettings, ExpansionResult)> _external = new(StringComparer.Ordinal);
        private readonly Dictionary<string, LibcGuess> _libc = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, string?, bool, PodDnsConfig?), EffectiveResolvConf> _resolv = [];

        /// <summary>Pods of many workloads share a namespace, a dnsConfig and images: their resolv.conf and libc are computed once.</summary>
        public DnsPodProfile Profile(PodInfo pod, DnsWorkloadRef owner)
        {
            var key = (pod.Namespace, pod.DnsPolicy, pod.HostNetwork, pod.DnsConfig);
            if (!_resolv.TryGetValue(key, out var resolv))
            {
                resolv = EffectiveResolvConfBuilder.Build(pod, cluster, settings);
                _resolv[key] = resolv;
            }

            var containers = ImmutableArray.CreateBuilder<(string, LibcGuess)>();
            foreach (var c in pod.Containers)
            {
                if (c.IsInit)
                {
                    continue;
                }

                if (!_libc.TryGetValue(c.Image, out var guess))
                {
                    guess = LibcDetector.Detect(c.Image, options.LibcOverrides);
                    _libc[c.Image] = guess;
                }

                containers.Add((c.Name, guess));
            }

            return new DnsPodProfile { Pod = pod, ResolvConf = resolv, Owner = owner, Containers = containers.ToImmutable() };
        }
        private readonly Dictionary<string, (DnsWorkloadRef Target, FindingFix Fix)> _patches = new(StringComparer.Ordinal);

        public ClusterSnapshot Snapshot => snapshot;
        public ClusterDnsInfo Cluster => cluster;
        public DnsClusterSettings Settings => settings;
        public DnsAnalysisOptions Options => options;

        public (ResolverSettings Settings, ExpansionResult External) ExternalCost(ResolvConf conf, LibcProfile libc)
        {
            var key = libc.Name + "\n" + conf.Render();
            if (!_external.TryGetValue(key, out var cached))
            {
                var server = conf.Nameservers.FirstOrDefault() ?? "127.0.0.1";
                var answers = DnsAnswers.ForServers(conf.Nameservers.DefaultIfEmpty(server), new Dictionary<string, DnsRule>
                {
                    [ExternalProbe] = DnsRule.Addresses(["93.184.215.14"], ["2606:2800:21f:cb07:6820:80da:af6b:8b2c"]),
                });
                var result = ResolverSimulator.Expand(new ExpansionRequest { ResolvConf = conf, Libc = libc, Name = ExternalProbe, Answers = answers });
                cached = (result.Settings, result);
                _external[key] = cached;
            }

            return cached;
        }

        public FindingFix NdotsPatch(DnsWorkloadRef owner, PodDnsConfig? current, ResolvConf conf, LibcProfile libc)
        {
            var key = $"{libc.Name}\n{conf.Render()}\n{string.Join(' ', (current?.Options ?? []).Select(o => $"{o.Name}:{o.Value}"))}";
            if (!_patches.TryGetValue(key, out var cached))
            {
                cached = (owner, DnsPatchBuilder.Ndots(owner, current, conf, libc, settings.ClusterDomain, options.PatchNdots));
                _patches[key] = cached;
            }

            if (cached.Target == owner)
            {
                return cached.Fix;
            }

            // The same patch for another workload of the same kind: only the target differs.
            var (target, fix) = cached;
            return owner.Kind == target.Kind
                ? fix with
                {
                    Target = owner.ToString(),
                    Command = fix.Command?.Replace($"-n {target.Namespace} patch {target.Resource} {target.Name} ", $"-n {owner.Namespace} patch {owner.Resource} {owner.Name} ", StringComparison.Ordinal),
                }
                : DnsPatchBuilder.Ndots(owner, current, conf, libc, settings.ClusterDomain, options.PatchNdots);
        }
    }
}
