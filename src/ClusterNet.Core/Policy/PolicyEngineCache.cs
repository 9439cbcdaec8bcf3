using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// One engine per snapshot for pages, API and overlay, derived from the last one whenever possible (the store keeps
/// unchanged kinds and objects by reference): pod and namespace changes renumber and patch the previous engine's
/// bitsets for the changed pods and namespaces only (<see cref="PolicyEngineDeriver"/>), then added, changed or
/// deleted NetworkPolicies are compiled again one by one. A rebuild happens for the first snapshot and when more than
/// <see cref="PolicyEngineDeriver.MaxPodChanges"/> pods changed at once.
/// </summary>
public sealed class PolicyEngineCache
{
    private readonly Lock _lock = new();
    private ClusterSnapshot? _snapshot;
    private PolicyEngine? _engine;

    /// <summary>
    /// The lint of this cache's engines, kept beside them so every page and circuit sharing the engine cache shares the
    /// incremental lint too (no separate registration).
    /// </summary>
    public PolicyLintCache Lints { get; } = new();

    /// <summary>How the last Get was answered: "cached", "incremental" or "rebuilt" (for tests and diagnostics).</summary>
    public string LastOutcome { get; private set; } = "";

    public PolicyEngine Get(ClusterSnapshot snapshot)
    {
        lock (_lock)
        {
            if (ReferenceEquals(snapshot, _snapshot) && _engine is not null)
            {
                LastOutcome = "cached";
                return _engine;
            }

            var engine = _engine is null ? null : PolicyEngineDeriver.Derive(_engine, snapshot);
            if (engine is not null)
            {
                if (!ReferenceEquals(_snapshot!.NetworkPolicies, snapshot.NetworkPolicies))
                {
                    engine = WithPolicyChanges(engine, _snapshot.NetworkPolicies, snapshot.NetworkPolicies);
                }

                engine = engine.Rebind(snapshot);
                LastOutcome = "incremental";
            }
            else
            {
                engine = PolicyEngine.Build(snapshot);
                LastOutcome = "rebuilt";
            }

            _snapshot = snapshot;
            _engine = engine;
            return engine;
        }
    }

    /// <summary>The engine with every added, changed (by reference) or deleted NetworkPolicy compiled again.</summary>
    private static PolicyEngine WithPolicyChanges(PolicyEngine engine, KindCollection<NetworkPolicyInfo> before, KindCollection<NetworkPolicyInfo> now)
    {
        foreach (var p in now)
        {
            if (!before.ByKey.TryGetValue(p.Key, out var old) || !ReferenceEquals(old, p))
            {
                engine = engine.WithPolicy(p);
            }
        }

        foreach (var key in before.ByKey.Keys.Where(k => !now.ByKey.ContainsKey(k)))
        {
            engine = engine.WithoutPolicy(key);
        }

        return engine;
    }
}
