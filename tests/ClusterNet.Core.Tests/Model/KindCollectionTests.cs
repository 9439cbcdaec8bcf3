using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Model;

public sealed class KindCollectionTests
{
    private static PodInfo Pod(string ns, string name, string ip = "10.244.0.1") => new() { Namespace = ns, Name = name, PodIps = [ip] };

    private static void AssertSameAsBuiltAnew(KindCollection<PodInfo> actual)
    {
        var expected = new KindCollection<PodInfo>(actual.ByKey);
        Assert.Equal(expected.Select(p => p.Key), actual.Select(p => p.Key));
        Assert.Equal(expected.Count, actual.Count);
        foreach (var pod in actual)
        {
            Assert.Same(actual.ByKey[pod.Key], pod);
        }
    }

    [Fact]
    public void WithChanges_InsertReplaceRemove_KeepsOrderAndLookupOfACollectionBuiltAnew()
    {
        var start = KindCollection<PodInfo>.From([Pod("b", "x"), Pod("a", "y"), Pod("c", "a"), Pod("a", "b")]);
        var replaced = Pod("a", "y", "10.244.0.9");

        var next = start.WithChanges(new Dictionary<ObjectKey, PodInfo?>
        {
            [new("a", "a")] = Pod("a", "a"),
            [new("a", "y")] = replaced,
            [new("b", "x")] = null,
            [new("z", "z")] = Pod("z", "z"),
            [new("q", "missing")] = null,
        });

        Assert.Equal(["a/a", "a/b", "a/y", "c/a", "z/z"], next.Select(p => p.Key.ToString()));
        Assert.Same(replaced, next.Get("a", "y"));
        Assert.Null(next.Get("b", "x"));
        AssertSameAsBuiltAnew(next);
        Assert.Equal(4, start.Count);
    }

    [Fact]
    public void WithChanges_NoChanges_ReturnsSameCollection()
    {
        var start = KindCollection<PodInfo>.From([Pod("a", "a")]);

        Assert.Same(start, start.WithChanges(new Dictionary<ObjectKey, PodInfo?>()));
    }

    [Fact]
    public void WithChanges_RandomSequences_EqualACollectionBuiltFromTheSameObjects()
    {
        var random = new Random(7);
        var collection = KindCollection<PodInfo>.Empty;
        var truth = new Dictionary<ObjectKey, PodInfo>();
        for (var round = 0; round < 200; round++)
        {
            var changes = new Dictionary<ObjectKey, PodInfo?>();
            for (var c = random.Next(1, 12); c > 0; c--)
            {
                var key = new ObjectKey($"ns{random.Next(5)}", $"p{random.Next(40)}");
                var pod = random.Next(3) == 0 ? null : Pod(key.Namespace, key.Name, $"10.244.{round}.{c}");
                changes[key] = pod;
                if (pod is null)
                {
                    truth.Remove(key);
                }
                else
                {
                    truth[key] = pod;
                }
            }

            collection = collection.WithChanges(changes);
            Assert.Equal(KindCollection<PodInfo>.From(truth.Values).Select(p => p), collection.Select(p => p));
        }
    }
    [Fact]
    public void InNamespace_PrefixSharingNamespaces_ReturnsExactlyThatNamespaceInOrder()
    {
        var pods = KindCollection<PodInfo>.From([Pod("ns1", "b"), Pod("ns10", "a"), Pod("ns1", "a"), Pod("ns", "z"), Pod("ns2", "a")]);

        Assert.Equal(["a", "b"], pods.InNamespace("ns1").Select(p => p.Name));
        Assert.Equal(["z"], pods.InNamespace("ns").Select(p => p.Name));
        Assert.Empty(pods.InNamespace("ns0"));
        Assert.Empty(pods.InNamespace("zz"));
    }

    [Fact]
    public void NamespaceNames_ManyObjectsPerNamespace_DistinctInOrdinalOrder()
    {
        var pods = KindCollection<PodInfo>.From([Pod("b", "1"), Pod("a", "1"), Pod("b", "2"), Pod("", "x"), Pod("a", "2")]);

        Assert.Equal(["", "a", "b"], pods.NamespaceNames.ToArray());
        Assert.Empty(KindCollection<PodInfo>.Empty.NamespaceNames);
    }
}
