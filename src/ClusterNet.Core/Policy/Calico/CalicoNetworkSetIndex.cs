using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// The snapshot's NetworkSets and GlobalNetworkSets as Calico's rule selectors see them. Calico builds a rule's IP set
/// from the endpoints and the network sets its selector matches, scoped as for endpoints: in a namespaced policy a
/// rule without namespaceSelector sees the sets of its own namespace; a namespaceSelector picks namespaced sets by
/// their namespace's labels, and global sets only when it has <c>global()</c>; a GlobalNetworkPolicy's rule sees every
/// set. Namespaced sets carry <c>projectcalico.org/namespace</c> and their namespace's labels as <c>pcns.KEY</c>, as endpoints do. A set carries no service account, so
/// a rule with serviceAccounts never matches one. notSelector is not scoped (Calico's converter leaves it as written).
/// </summary>
internal sealed class CalicoNetworkSetIndex
{
    public static readonly CalicoNetworkSetIndex Empty = new([]);

    private readonly ImmutableArray<Entry> _sets;

    private CalicoNetworkSetIndex(ImmutableArray<Entry> sets) => _sets = sets;

    public bool IsEmpty => _sets.IsEmpty;

    public static CalicoNetworkSetIndex Of(ClusterSnapshot snapshot)
    {
        if (snapshot.CalicoNetworkSets.Count + snapshot.CalicoGlobalNetworkSets.Count == 0)
        {
            return Empty;
        }

        var namespaces = snapshot.Namespaces.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var entries = snapshot.CalicoGlobalNetworkSets.Concat(snapshot.CalicoNetworkSets)
            .OrderBy(s => s.IsGlobal ? 0 : 1).ThenBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => Entry.Of(s, s.IsGlobal ? null : namespaces.GetValueOrDefault(s.Namespace)));
        return new CalicoNetworkSetIndex([.. entries]);
    }

    /// <summary>Nets of the sets a rule's positive criteria pick (selector, namespaceSelector, the policy's namespace).</summary>
    public ImmutableArray<CalicoSetNet> Select(CalicoSelector? selector, CalicoSelector? namespaceSelector, string? ownNamespace, bool serviceAccounts) =>
        [.. Picked(selector, namespaceSelector, ownNamespace, serviceAccounts).SelectMany(e => e.Nets)];

    /// <summary>
    /// The sets the same criteria pick that carry allowedEgressDomains (Calico Enterprise, not modelled), worded
    /// "GlobalNetworkSet `saas` (allowedEgressDomains api.example.com, *.example.org)".
    /// </summary>
    public ImmutableArray<string> SelectWithDomains(CalicoSelector? selector, CalicoSelector? namespaceSelector, string? ownNamespace, bool serviceAccounts) =>
        [.. Picked(selector, namespaceSelector, ownNamespace, serviceAccounts).Where(e => !e.Set.AllowedEgressDomains.IsDefaultOrEmpty)
            .Select(e => $"{(e.Set.IsGlobal ? "GlobalNetworkSet" : "NetworkSet")} `{(e.Set.IsGlobal ? e.Set.Name : $"{e.Set.Namespace}/{e.Set.Name}")}` (allowedEgressDomains {string.Join(", ", e.Set.AllowedEgressDomains)})")];

    private IEnumerable<Entry> Picked(CalicoSelector? selector, CalicoSelector? namespaceSelector, string? ownNamespace, bool serviceAccounts) =>
        serviceAccounts || _sets.IsEmpty ? []
            : _sets.Where(e => InScope(e, namespaceSelector, ownNamespace) && (selector is null || selector.Matches(e.Labels, e.Set.IsGlobal)));

    /// <summary>Nets of the sets a notSelector matches, in any namespace.</summary>
    public ImmutableArray<CalicoSetNet> SelectNot(CalicoSelector notSelector) =>
        [.. _sets.Where(e => notSelector.Matches(e.Labels, e.Set.IsGlobal)).SelectMany(e => e.Nets)];

    private static bool InScope(Entry e, CalicoSelector? namespaceSelector, string? ownNamespace)
    {
        if (namespaceSelector is not null)
        {
            // all() means every namespace (Calico turns it into has(projectcalico.org/namespace)); global() adds the global sets.
            return e.Set.IsGlobal
                ? MentionsGlobal(namespaceSelector) && namespaceSelector.Matches(LabelMap.Empty, isGlobal: true)
                : namespaceSelector.Matches(e.NamespaceLabels);
        }

        return ownNamespace is null || (!e.Set.IsGlobal && e.Set.Namespace == ownNamespace);
    }

    private static bool MentionsGlobal(CalicoSelector s) => s switch
    {
        CalicoSelector.GlobalNode => true,
        CalicoSelector.NotNode n => MentionsGlobal(n.Operand),
        CalicoSelector.AndNode a => MentionsGlobal(a.Left) || MentionsGlobal(a.Right),
        CalicoSelector.OrNode o => MentionsGlobal(o.Left) || MentionsGlobal(o.Right),
        _ => false,
    };

    private sealed record Entry(CalicoNetworkSetInfo Set, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> NamespaceLabels, ImmutableArray<CalicoSetNet> Nets)
    {
        public static Entry Of(CalicoNetworkSetInfo set, NamespaceInfo? ns)
        {
            // A namespaced set inherits its namespace profile's labels (pcns.KEY), as a pod does; its own labels win.
            IReadOnlyDictionary<string, string> namespaceLabels = set.IsGlobal ? LabelMap.Empty : CalicoEndpoint.NamespaceLabelsOf(set.Namespace, ns);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            CalicoEndpoint.Inherit(labels, CalicoEndpoint.NamespaceProfilePrefix, namespaceLabels);
            foreach (var (k, v) in set.Labels)
            {
                labels[k] = v;
            }

            if (!set.IsGlobal)
            {
                labels[CalicoEndpoint.PodNamespaceLabel] = set.Namespace;
            }

            var kind = set.IsGlobal ? "GlobalNetworkSet" : "NetworkSet";
            var name = set.IsGlobal ? set.Name : $"{set.Namespace}/{set.Name}";
            ImmutableArray<CalicoSetNet> nets = [.. set.Nets.Select(n => CalicoNet.TryParse(n, out var r) ? new CalicoSetNet(kind, name, r) : null).OfType<CalicoSetNet>()];
            return new Entry(set, labels, namespaceLabels, nets);
        }
    }
}
