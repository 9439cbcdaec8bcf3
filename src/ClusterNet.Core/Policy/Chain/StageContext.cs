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
    /// The words of the peer sets where answers must be right: all by default. A matrix patch that recomputes a pod's
    /// answer only at some peers narrows it to their words in a context of its own; answers are then valid there only.
    /// </summary>
    public (int From, int To) Window { get; init; } = (0, (index.PodCount + 63) >> 6);

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
