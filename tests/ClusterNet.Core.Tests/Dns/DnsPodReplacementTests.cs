using ClusterNet.Core.Dns;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Dns;

public sealed class DnsPodReplacementTests
{
    private static PodInfo Pod(string ns, string name, string? ownerKind = null, string? owner = null, string? hash = null, bool ready = true) => new()
    {
        Namespace = ns,
        Name = name,
        Ready = ready,
        Labels = hash is null ? LabelMap.Empty : LabelMap.Of(("pod-template-hash", hash)),
        Owner = ownerKind is null ? null : new OwnerRef(ownerKind, owner!),
    };

    private static ClusterSnapshot Snapshot(params IClusterObject[] objects) => ClusterSnapshot.Create(new SourceInfo("demo", "test"), objects);

    [Fact]
    public void Find_DeploymentPodReplacedInSameReplicaSet_SameReplicaSet()
    {
        var live = Pod("shop", "php-7d9f8c6b5-zzzzz", "ReplicaSet", "php-7d9f8c6b5", "7d9f8c6b5");
        var r = DnsPodReplacement.Find(Snapshot(live), new ObjectKey("shop", "php-7d9f8c6b5-abcde"));
        Assert.NotNull(r);
        Assert.Same(live, r.Pod);
        Assert.Equal(DnsReplacementKind.SameReplicaSet, r.Kind);
        Assert.Equal(new DnsWorkloadRef("Deployment", "shop", "php"), r.Owner);
    }

    [Fact]
    public void Find_RolledOutToNewReplicaSet_SameWorkload()
    {
        var live = Pod("shop", "php-5c6d7e8f9-zzzzz", "ReplicaSet", "php-5c6d7e8f9", "5c6d7e8f9");
        var r = DnsPodReplacement.Find(Snapshot(live), new ObjectKey("shop", "php-7d9f8c6b5-abcde"));
        Assert.Equal(DnsReplacementKind.SameWorkload, r?.Kind);
        Assert.Same(live, r!.Pod);
    }

    [Fact]
    public void Find_SameReplicaSetPreferredOverNewerOne_ThenReadyThenName()
    {
        var newer = Pod("shop", "php-5c6d7e8f9-aaaaa", "ReplicaSet", "php-5c6d7e8f9", "5c6d7e8f9");
        var notReady = Pod("shop", "php-7d9f8c6b5-aaaaa", "ReplicaSet", "php-7d9f8c6b5", "7d9f8c6b5", ready: false);
        var same = Pod("shop", "php-7d9f8c6b5-bbbbb", "ReplicaSet", "php-7d9f8c6b5", "7d9f8c6b5");
        Assert.Same(same, DnsPodReplacement.Find(Snapshot(newer, notReady, same), new ObjectKey("shop", "php-7d9f8c6b5-abcde"))!.Pod);
    }

    [Fact]
    public void Find_NamePrefixOfAnotherWorkload_NotTakenForIt()
    {
        // "api" prefixes "api-gateway-…", but a Deployment pod of "api" has exactly two more dash-separated parts.
        var api = Pod("shop", "api-5c6d7e8f9-aaaaa", "ReplicaSet", "api-5c6d7e8f9", "5c6d7e8f9");
        Assert.Null(DnsPodReplacement.Find(Snapshot(api), new ObjectKey("shop", "api-gateway-7d9f8c6b5-abcde")));
    }

    [Fact]
    public void Find_LongestFittingOwnerWins()
    {
        var api = Pod("shop", "api-5c6d7e8f9-aaaaa", "ReplicaSet", "api-5c6d7e8f9", "5c6d7e8f9");
        var gateway = Pod("shop", "api-gateway-6f7a8b9c0-bbbbb", "ReplicaSet", "api-gateway-6f7a8b9c0", "6f7a8b9c0");
        Assert.Same(gateway, DnsPodReplacement.Find(Snapshot(api, gateway), new ObjectKey("shop", "api-gateway-7d9f8c6b5-abcde"))!.Pod);
    }

    [Fact]
    public void Find_DaemonSetAndStatefulSetPods()
    {
        var ds = Pod("kube-system", "kube-proxy-2lbdq", "DaemonSet", "kube-proxy");
        var sts = Pod("db", "pg-1", "StatefulSet", "pg");
        var snapshot = Snapshot(ds, sts);
        Assert.Same(ds, DnsPodReplacement.Find(snapshot, new ObjectKey("kube-system", "kube-proxy-x9z8y"))!.Pod);
        Assert.Same(sts, DnsPodReplacement.Find(snapshot, new ObjectKey("db", "pg-0"))!.Pod);
        Assert.Null(DnsPodReplacement.Find(snapshot, new ObjectKey("db", "pg-primary")));
    }

    [Fact]
    public void Find_OtherNamespaceOrBarePod_Null()
    {
        var other = Pod("dev", "php-7d9f8c6b5-zzzzz", "ReplicaSet", "php-7d9f8c6b5", "7d9f8c6b5");
        var bare = Pod("shop", "php-7d9f8c6b5-yyyyy");
        Assert.Null(DnsPodReplacement.Find(Snapshot(other, bare), new ObjectKey("shop", "php-7d9f8c6b5-abcde")));
    }
}
