using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using static ClusterNet.Core.Tests.Policy.Np;

namespace ClusterNet.Core.Tests.Policy.Incremental;

/// <summary>
/// The pod and namespace changes the engine derives, one at a time on a small cluster: each flips a verdict, the cache
/// derives (not rebuilds) the engine, and the result equals a fresh build.
/// </summary>
public sealed class EngineDerivationCaseTests
{
    private static readonly ReachProbe Http = ReachProbe.Tcp(8080);

    private static PodInfo Pod(string ns, string name, string app, string ip, params ContainerPortInfo[] ports) => new()
    {
        Namespace = ns,
        Name = name,
        Labels = LabelMap.Of(("app", app)),
        Phase = "Running",
        PodIps = [ip],
        Containers = [new ContainerInfo { Name = "c", Ports = [.. ports] }],
    };

    /// <summary>web/front and web/back; client/c1 (namespace team=blue); the given policies.</summary>
    private static ClusterSnapshot Cluster(params NetworkPolicyInfo[] policies) => ClusterSnapshot.Create(new SourceInfo("file", "cases"),
    [
        new NamespaceInfo { Name = "web", Labels = LabelMap.Of(("team", "red")) },
        new NamespaceInfo { Name = "client", Labels = LabelMap.Of(("team", "blue")) },
        Pod("web", "front", "front", "10.0.1.1", new ContainerPortInfo("http", 8080)),
        Pod("web", "back", "back", "10.0.1.2"),
        Pod("client", "c1", "client", "10.0.2.1"),
        .. policies,
    ]);

    private static bool Allowed(PolicyEngine e, string from, string to, ReachProbe? probe = null) =>
        e.Explain(ReachEndpoint.OfPod(ObjectKey.Parse(from)), ReachEndpoint.OfPod(ObjectKey.Parse(to)), probe ?? Http).Allowed;

    private static PolicyEngine Derive(PolicyEngineCache cache, ClusterSnapshot next)
    {
        var engine = cache.Get(next);
        Assert.Equal("incremental", cache.LastOutcome);
        EngineEquivalence.AssertSameSets(PolicyEngine.Build(next), engine, "derived");
        EngineEquivalence.AssertSameAnswers(PolicyEngine.Build(next), engine, "derived");
        return engine;
    }

    private static ClusterSnapshot ReplacePod(ClusterSnapshot s, PodInfo pod) =>
        s with { Version = s.Version + 1, Pods = KindCollection<PodInfo>.From(s.Pods.Where(p => p.Key != pod.Key).Append(pod)) };

    [Fact]
    public void Get_PodRelabelledIntoAndOutOfSelector_IsolationFollows()
    {
        var s = Cluster(NetPol("web", "deny-back", Sel(("app", "back")), ingress: []));
        var cache = new PolicyEngineCache();
        Assert.True(Allowed(cache.Get(s), "client/c1", "web/front"));

        var into = ReplacePod(s, s.Pods.Get("web", "front")! with { Labels = LabelMap.Of(("app", "back")) });
        var engine = Derive(cache, into);
        Assert.True(engine.IsIsolated(ObjectKey.Parse("web/front"), ingress: true));
        Assert.False(Allowed(engine, "client/c1", "web/front"));

        var outOf = ReplacePod(into, into.Pods.Get("web", "front")! with { Labels = LabelMap.Of(("app", "front")) });
        engine = Derive(cache, outOf);
        Assert.False(engine.IsIsolated(ObjectKey.Parse("web/front"), ingress: true));
        Assert.True(Allowed(engine, "client/c1", "web/front"));
    }

    [Fact]
    public void Get_PodRelabelledIntoPeerSelector_RuleAdmitsIt()
    {
        var s = Cluster(NetPol("web", "from-admin", All, ingress: [From(NsAndPods(All, Sel(("role", "admin"))))]));
        var cache = new PolicyEngineCache();
        Assert.False(Allowed(cache.Get(s), "client/c1", "web/back"));
        var engine = Derive(cache, ReplacePod(s, s.Pods.Get("client", "c1")! with { Labels = LabelMap.Of(("role", "admin")) }));
        Assert.True(Allowed(engine, "client/c1", "web/back"));
    }

    [Fact]
    public void Get_NamespaceRelabelled_NamespaceSelectorPeerFlips()
    {
        var s = Cluster(NetPol("web", "from-red", All, ingress: [From(Namespaces(Sel(("team", "red"))))]));
        var cache = new PolicyEngineCache();
        var before = cache.Get(s);
        Assert.False(Allowed(before, "client/c1", "web/back"));
        var relabelled = s with
        {
            Version = 2,
            Namespaces = KindCollection<NamespaceInfo>.From(s.Namespaces.Select(n => n.Name == "client" ? n with { Labels = LabelMap.Of(("team", "red")) } : n)),
        };
        var engine = Derive(cache, relabelled);
        Assert.True(Allowed(engine, "client/c1", "web/back"));
        Assert.False(Allowed(before, "client/c1", "web/back")); // the previous engine still answers for its snapshot
    }

    [Fact]
    public void Get_NamespaceAddedWithPod_PodAndNamespaceIndexed()
    {
        var s = Cluster(NetPol("web", "from-blue", All, ingress: [From(Namespaces(Sel(("team", "blue"))))]));
        var cache = new PolicyEngineCache();
        cache.Get(s);
        var next = s with
        {
            Version = 2,
            Namespaces = KindCollection<NamespaceInfo>.From(s.Namespaces.Append(new NamespaceInfo { Name = "batch", Labels = LabelMap.Of(("team", "blue")) })),
            Pods = KindCollection<PodInfo>.From(s.Pods.Append(Pod("batch", "job", "job", "10.0.3.1"))),
        };
        var engine = Derive(cache, next);
        Assert.True(Allowed(engine, "batch/job", "web/back"));
    }

    [Fact]
    public void Get_NamedPortAppears_RuleAdmitsThePort()
    {
        var s = Cluster(NetPol("web", "http-only", All, ingress: [Ports(Port("http"))]));
        var cache = new PolicyEngineCache();
        Assert.False(Allowed(cache.Get(s), "client/c1", "web/back"));
        var engine = Derive(cache, ReplacePod(s, s.Pods.Get("web", "back")! with
        {
            Containers = [new ContainerInfo { Name = "c", Ports = [new ContainerPortInfo("http", 8080)] }],
        }));
        Assert.True(Allowed(engine, "client/c1", "web/back"));
        Assert.Contains(Http, engine.ContainerPortProbes([ObjectKey.Parse("web/back")]));
    }

    [Fact]
    public void Get_HostNetworkToggled_PolicyStopsAndStartsApplying()
    {
        var s = Cluster(NetPol("web", "deny-all", All, ingress: []));
        var cache = new PolicyEngineCache();
        Assert.False(Allowed(cache.Get(s), "client/c1", "web/front"));
        var host = ReplacePod(s, s.Pods.Get("web", "front")! with { HostNetwork = true });
        var engine = Derive(cache, host);
        Assert.False(engine.IsIsolated(ObjectKey.Parse("web/front"), ingress: true));
        Assert.Equal(ReachVerdict.DependsOnImplementation, engine.Explain(ReachEndpoint.OfPod("client", "c1"), ReachEndpoint.OfPod("web", "front"), Http).Verdict);
        engine = Derive(cache, ReplacePod(host, host.Pods.Get("web", "front")! with { HostNetwork = false }));
        Assert.False(Allowed(engine, "client/c1", "web/front"));
    }

    [Fact]
    public void Get_PodDeletedThenReAddedWithNewIp_IpBlockFollowsTheAddress()
    {
        var s = Cluster(NetPol("web", "from-subnet", All, ingress: [From(Ip("10.0.2.0/24"))]));
        var cache = new PolicyEngineCache();
        Assert.True(Allowed(cache.Get(s), "client/c1", "web/back"));
        var gone = s with { Version = 2, Pods = KindCollection<PodInfo>.From(s.Pods.Where(p => p.Name != "c1")) };
        var engine = Derive(cache, gone);
        Assert.Equal(-1, engine.IndexOf(ObjectKey.Parse("client/c1")));
        var back = ReplacePod(gone, Pod("client", "c1", "client", "10.0.9.1"));
        engine = Derive(cache, back);
        Assert.False(Allowed(engine, "client/c1", "web/back"));
    }

    [Fact]
    public void Get_PodAddedBeforeOthers_LaterPodsRenumberedAndAnswersKept()
    {
        var s = Cluster(NetPol("web", "back-from-front", Sel(("app", "back")), ingress: [From(Pods(Sel(("app", "front"))))]));
        var cache = new PolicyEngineCache();
        Assert.True(Allowed(cache.Get(s), "web/front", "web/back"));
        // "a-first" sorts before every pod: every index shifts by one.
        var engine = Derive(cache, ReplacePod(s, Pod("a-first", "x", "front", "10.0.0.9")));
        Assert.Equal(0, engine.IndexOf(ObjectKey.Parse("a-first/x")));
        Assert.True(Allowed(engine, "web/front", "web/back"));
        Assert.False(Allowed(engine, "a-first/x", "web/back"));
    }

    [Fact]
    public void Get_LastPodReplacedByOneInAnotherNamespace_SameCountButRenumbered()
    {
        var s = Cluster(NetPol("web", "from-web", All, ingress: [From(Pods(All))]));
        var cache = new PolicyEngineCache();
        Assert.True(Allowed(cache.Get(s), "web/front", "web/back"));
        // web/front is the last pod; zz/x sorts last too: same pod count, same index, another pod.
        var next = s with { Version = 2, Pods = KindCollection<PodInfo>.From(s.Pods.Where(p => p.Name != "front").Append(Pod("zz", "x", "front", "10.0.9.9"))) };
        var engine = Derive(cache, next);
        Assert.Equal(-1, engine.IndexOf(ObjectKey.Parse("web/front")));
        Assert.False(Allowed(engine, "zz/x", "web/back"));
    }

    [Fact]
    public void Get_PhaseOnlyChange_KeepsCompiledPolicies()
    {
        var s = Cluster(NetPol("web", "deny-all", All, ingress: []));
        var cache = new PolicyEngineCache();
        var before = cache.Get(s);
        var engine = Derive(cache, ReplacePod(s, s.Pods.Get("web", "front")! with { Phase = "Succeeded", Ready = false }));
        Assert.True(before.TryGetPolicy(ObjectKey.Parse("web/deny-all"), out var p0));
        Assert.True(engine.TryGetPolicy(ObjectKey.Parse("web/deny-all"), out var p1));
        Assert.Same(p0, p1);
    }
}
