using System.Collections.Immutable;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// The NetworkPolicy lint of the latest engine, re-linting only what a change can affect (like
/// <see cref="PolicyEngineCache"/> for the engine). A policy is linted again when it changed, when a changed pod (added,
/// deleted, or with new labels, IPs, hostNetwork or ports) lies in what it selects or in a rule's peers before or after
/// the change (its findings only read those sets), or when namespaces changed and it has a namespaceSelector peer.
/// Redundant-rule checks are redone for the namespaces of re-linted or deleted policies; the cluster-wide checks (CNI
/// enforcement, DNS egress, tiers, Calico) every time. A change of the pod networks ipBlocks are judged by re-lints all.
/// Returns the same findings, in the same order, as <see cref="PolicyLinter.Lint"/> on the same engine.
/// </summary>
public sealed class PolicyLintCache
{
    private readonly Lock _lock = new();
    private PolicyEngine? _engine;
    private ImmutableArray<Finding> _findings = [];
    private List<CidrRange> _podNetworks = [];
    private Dictionary<ObjectKey, (NetworkPolicyInfo Source, Finding[] Findings)> _byPolicy = [];
    private Dictionary<string, Finding[]> _redundantByNamespace = new(StringComparer.Ordinal);

    /// <summary>How the last Get was answered: "cached", "incremental" or "full" (for tests and diagnostics).</summary>
    public string LastOutcome { get; private set; } = "";

    /// <summary>How many policies the last Get linted again.</summary>
    public int LastRelinted { get; private set; }

    public ImmutableArray<Finding> Get(PolicyEngine engine)
    {
        lock (_lock)
        {
            if (ReferenceEquals(engine, _engine))
            {
                LastOutcome = "cached";
                return _findings;
            }

            var podNetworks = PolicyLinter.PodNetworks(engine.Snapshot);
            var previous = _engine is not null && podNetworks.SequenceEqual(_podNetworks) ? _engine : null;
            var changes = previous is null ? null : Changes.Between(previous, engine);
            var findings = new List<Finding>();
            LastRelinted = 0;
            PolicyLinter.LintEnforcement(engine, findings);
            var byPolicy = new Dictionary<ObjectKey, (NetworkPolicyInfo, Finding[])>();
            var relinted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var i in engine.SlotsInKeyOrder)
            {
                var p = engine.PolicyAt(i);
                Finding[] own;
                if (changes is not null && _byPolicy.TryGetValue(p.Key, out var cached) && ReferenceEquals(cached.Source, p.Source)
                    && previous!.TryGetPolicy(p.Key, out var before) && !changes.Affect(before, p))
                {
                    own = cached.Findings;
                }
                else
                {
                    var list = new List<Finding>();
                    PolicyLinter.LintPolicy(engine, p, podNetworks, list);
                    own = [.. list];
                    relinted.Add(p.Key.Namespace);
                    LastRelinted++;
                }

                byPolicy[p.Key] = (p.Source, own);
                findings.AddRange(own);
            }

            foreach (var key in _byPolicy.Keys.Where(k => !byPolicy.ContainsKey(k)))
            {
                relinted.Add(key.Namespace);
            }

            var redundant = new Dictionary<string, Finding[]>(StringComparer.Ordinal);
            foreach (var (ns, rules) in PolicyLinter.RulesByNamespace(engine))
            {
                if (changes is null || relinted.Contains(ns) || !_redundantByNamespace.TryGetValue(ns, out var own))
                {
                    var list = new List<Finding>();
                    PolicyLinter.LintRedundantRules(rules, list);
                    own = [.. list];
                }

                redundant[ns] = own;
                findings.AddRange(own);
            }

            PolicyLinter.LintClusterWide(engine, findings);
            LastOutcome = changes is null ? "full" : "incremental";
            _engine = engine;
            _podNetworks = podNetworks;
            _byPolicy = byPolicy;
            _redundantByNamespace = redundant;
            _findings = [.. findings];
            return _findings;
        }
    }

    /// <summary>The pods and namespaces that changed between two engines, in each engine's own numbering.</summary>
    private sealed class Changes
    {
        private readonly PodSet _before;
        private readonly PodSet _after;
        private readonly int[] _beforeList;
        private readonly int[] _afterList;
        private readonly bool _namespaces;
        private readonly bool _anyBefore;
        private readonly bool _anyAfter;

        private Changes(PodSet before, PodSet after, bool namespaces)
        {
            _before = before;
            _after = after;
            _namespaces = namespaces;
            _anyBefore = !before.IsEmpty;
            _anyAfter = !after.IsEmpty;
            // A few changed pods (the usual live change) are checked bit by bit; many, word by word.
            _beforeList = before.Count <= 64 ? [.. before.Members()] : [];
            _afterList = after.Count <= 64 ? [.. after.Members()] : [];
        }

        public static Changes Between(PolicyEngine previous, PolicyEngine engine)
        {
            var a = previous.Index;
            var b = engine.Index;
            if (ReferenceEquals(a, b) || (ReferenceEquals(a.Snapshot.Pods, b.Snapshot.Pods) && ReferenceEquals(a.Snapshot.Namespaces, b.Snapshot.Namespaces)
                && a.NamespaceNames.SequenceEqual(b.NamespaceNames)))
            {
                return new Changes(new PodSet(a.PodCount), new PodSet(b.PodCount), false);
            }

            IndexDelta.DiffPods(a.Pods, b.Pods, int.MaxValue, out var newToOld, out var dirty);
            // Before: deleted pods and the old versions of changed ones.
            var before = PodSet.All(a.PodCount);
            for (var j = 0; j < newToOld.Length; j++)
            {
                if (newToOld[j] >= 0 && !dirty.Has(j))
                {
                    before.Remove(newToOld[j]);
                }
            }

            var namespaces = !a.NamespaceNames.SequenceEqual(b.NamespaceNames)
                || a.NamespaceLabels.Zip(b.NamespaceLabels).Any(x => !IndexDelta.SameLabels(x.First, x.Second));
            return new Changes(before, dirty, namespaces);
        }

        /// <summary>Can the change alter the findings of a policy (unchanged itself) compiled as <paramref name="before"/> and <paramref name="after"/>?</summary>
        public bool Affect(CompiledPolicy before, CompiledPolicy after) =>
            (_anyBefore && Touches(before, _before, _beforeList)) || (_anyAfter && Touches(after, _after, _afterList))
            || (_namespaces && after.IngressRules.Concat(after.EgressRules).Any(r => r.Peers is { } peers && peers.Any(x => x.NamespaceSelector is not null)));

        /// <summary>
        /// A policy's findings read its selected pods and, per rule, the pods its peers admit (all pods for a rule
        /// without peers, which egress named ports and redundancy checks read).
        /// </summary>
        private static bool Touches(CompiledPolicy p, PodSet changed, int[] list)
        {
            return Hits(p.Selected) || p.IngressRules.Any(r => Hits(r.AllPods)) || p.EgressRules.Any(r => Hits(r.AllPods));

            bool Hits(PodSet set) => list.Length > 0 ? list.Any(set.Has) : set.Overlaps(changed);
        }
    }
}
