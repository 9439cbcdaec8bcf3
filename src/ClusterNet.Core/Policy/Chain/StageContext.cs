namespace ClusterNet.Core.Policy.Chain;

/// <summary>
/// What a stage gets to answer on one port class: the index, a representative probe, the rules' port matches and a
/// cache private to this class's computation (one thread at a time), where stages keep per-group results.
/// </summary>
internal sealed class StageContext(PolicyIndex index, ReachProbe probe, Func<CompiledRule, PortMatch> matchOf)
{
    public PolicyIndex Index { get; } = index;
    /// <summary>A probe of the class (all probes of the class get the same answers).</summary>
    public ReachProbe Probe { get; } = probe;
    public Dictionary<string, object> Cache { get; } = new(StringComparer.Ordinal);
    public PortMatch MatchOf(CompiledRule rule) => matchOf(rule);

    /// <summary>
    /// The peers answers are asked for: null for every pod. A matrix patch that recomputes answers only at some peer pods
    /// (ascending) sets them in a context of its own: peer sets in answers then hold bit j for PeerPods[j] (see
    /// <see cref="Project(PodSet)"/>), so an answer costs words of those peers, not of every pod.
    /// </summary>
    public int[]? PeerPods { get; init; }

    /// <summary>The capacity of peer sets in this context's answers.</summary>
    public int PeerCount => PeerPods?.Length ?? Index.PodCount;

    private readonly Dictionary<PodSet, PodSet> _projected = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<StagePeers, StagePeers> _projectedPeers = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// A set over every pod as this context's peer sets hold it: itself without <see cref="PeerPods"/> (or when they are
    /// every pod), else bit j for PeerPods[j], computed once per set. A set already projected is returned as it is.
    /// </summary>
    public PodSet Project(PodSet set)
    {
        if (PeerPods is not { } pods || set.Capacity != Index.PodCount || pods.Length == Index.PodCount)
        {
            return set;
        }

        if (!_projected.TryGetValue(set, out var projected))
        {
            projected = new PodSet(pods.Length);
            for (var j = 0; j < pods.Length; j++)
            {
                if (set.Has(pods[j]))
                {
                    projected.Add(j);
                }
            }

            _projected[set] = projected;
        }

        return projected;
    }

    /// <summary>A stage's answer as this context's peer sets hold it (see <see cref="Project(PodSet)"/>), once per answer.</summary>
    public StagePeers Project(StagePeers peers)
    {
        if (PeerPods is null || peers.Allow.Capacity == PeerCount)
        {
            return peers;
        }

        if (!_projectedPeers.TryGetValue(peers, out var projected))
        {
            projected = new StagePeers(Project(peers.Allow), Project(peers.Deny), Project(peers.Pass), peers.Ambiguous is { } a ? Project(a) : null);
            _projectedPeers[peers] = projected;
        }

        return projected;
    }

    private readonly Dictionary<object, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<object, object> _states = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// State an owner (a stage, the chain) keeps for this class's computation, found by the owner's identity: one
    /// lookup per call, no key text built (the per-pod paths of the matrix call this hundreds of thousands of times).
    /// </summary>
    public T StateOf<T>(object owner, Func<T> create) where T : class
    {
        if (!_states.TryGetValue(owner, out var state))
        {
            _states[owner] = state = create();
        }

        return (T)state;
    }

    /// <summary>A number for an object within this context (0 for null), so caches can key on object identity.</summary>
    public int IdOf(object? o)
    {
        if (o is null)
        {
            return 0;
        }

        if (!_ids.TryGetValue(o, out var id))
        {
            _ids[o] = id = _ids.Count + 1;
        }

        return id;
    }

    /// <summary>A context for one probe outside a matrix (overlay, explanation): port matches computed on demand.</summary>
    public static StageContext ForProbe(PolicyIndex index, ReachProbe probe)
    {
        var matches = new Dictionary<int, PortMatch>();
        return new StageContext(index, probe, r =>
        {
            if (!matches.TryGetValue(r.Id, out var m))
            {
                matches[r.Id] = m = PortMatch.Of(r, index, probe);
            }

            return m;
        });
    }
}
