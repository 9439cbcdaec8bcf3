using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// One engine per snapshot for pages, API and overlay. When a new snapshot differs from the last only in its
/// NetworkPolicies (the store keeps unchanged kinds by reference), the engine is derived incrementally: only the
/// added, changed or deleted policies are compiled again. Any pod or namespace change rebuilds it.
/// </summary>
public sealed class PolicyEngineCache
{
    private readonly Lock _lock = new();
    private ClusterSnapshot? _snapshot;
    private PolicyEngine? _engine;

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

            PolicyEngine engine;
            if (_engine is not null && _snapshot is not null
                && ReferenceEquals(_snapshot.Pods, snapshot.Pods) && ReferenceEquals(_snapshot.Namespaces, snapshot.Namespaces))
            {
                engine = _engine;
                var before = _snapshot.NetworkPolicies.ByKey;
                foreach (var p in snapshot.NetworkPolicies)
                {
                    if (!before.TryGetValue(p.Key, out var old) || !ReferenceEquals(old, p))
                    {
                        engine = engine.WithPolicy(p);
                    }
                }

                foreach (var key in before.Keys.Where(k => !snapshot.NetworkPolicies.ByKey.ContainsKey(k)))
                {
                    engine = engine.WithoutPolicy(key);
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
}
