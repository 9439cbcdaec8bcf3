using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Dns;

public sealed class DnsLookupEngineTests
{
    private static readonly ClusterSnapshot Snapshot = ClusterSnapshot.Create(new SourceInfo("demo", "test"),
    [
        new ServiceInfo { Namespace = "kube-system", Name = "kube-dns", ClusterIps = ["10.96.0.10"], Selector = LabelMap.Of(("k8s-app", "kube-dns")) },
        new PodInfo
        {
            Namespace = "shop", Name = "php-7d9f8c6b5-zzzzz", Phase = "Running", Ready = true,
            Labels = LabelMap.Of(("pod-template-hash", "7d9f8c6b5")), Owner = new OwnerRef("ReplicaSet", "php-7d9f8c6b5"),
            Containers = [new ContainerInfo { Name = "php", Image = "php:7.4-fpm-alpine" }],
        },
    ]);

    private static DnsLookupResult Run(DnsLookupQuery query) => DnsLookupEngine.Run(query, Snapshot, DnsClusterSettings.Default);

    [Fact]
    public void DefaultResolvConf_ClusterFirstOfNamespaceDefault_FromTheSnapshot() =>
        Assert.Equal("nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n",
            DnsLookupEngine.DefaultResolvConf(Snapshot, DnsClusterSettings.Default));

    [Fact]
    public void Run_GonePod_ShowsTheReplacement()
    {
        var r = Run(new DnsLookupQuery { Pod = new ObjectKey("shop", "php-7d9f8c6b5-abcde"), Name = "baidu.com" });
        Assert.Null(r.Error);
        Assert.Equal("shop/php-7d9f8c6b5-zzzzz", r.PodKey?.ToString());
        Assert.Equal(DnsReplacementKind.SameReplicaSet, r.Replacement?.Kind);
        Assert.True(r.Primary.IsMusl);
        Assert.StartsWith("shop/php-7d9f8c6b5-zzzzz (musl): baidu.com costs 8 queries with musl and resolves (203.0.113.10, 2001:db8::10)", r.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownPod_Error() =>
        Assert.Equal("Pod shop/web-1 is not in the cluster (any more).", Run(new DnsLookupQuery { Pod = new ObjectKey("shop", "web-1") }).Error);

    [Fact]
    public void Run_LibcOverride_IsThePrimaryLadder()
    {
        var r = Run(new DnsLookupQuery { Pod = new ObjectKey("shop", "php-7d9f8c6b5-zzzzz"), Name = "x", Libc = LibcProfile.Parse("glibc", "2.36") });
        Assert.Equal(LibcProfile.Parse("glibc", "2.36"), r.Primary);
        Assert.Same(r.Glibc, r.Mine);
        Assert.Equal(LibcProfile.Parse("glibc", "2.36"), r.Glibc!.Request.Libc);
    }

    [Fact]
    public void Run_MalformedPastedConf_ErrorWithLine() =>
        Assert.StartsWith("resolv.conf:2", Run(new DnsLookupQuery { ResolvConf = "nameserver 10.96.0.10\noptions ndots:x\n", Name = "a" }).Error, StringComparison.Ordinal);

    [Fact]
    public void Run_NoName_ConfButNoLadders()
    {
        var r = Run(new DnsLookupQuery());
        Assert.NotNull(r.Conf);
        Assert.Null(r.Glibc);
        Assert.Null(r.Verdict);
    }
}
