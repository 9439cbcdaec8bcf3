using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Model;

public sealed class NaturalStringComparerTests
{
    private static readonly NaturalStringComparer Natural = NaturalStringComparer.Instance;

    [Theory]
    [InlineData("ns2", "ns10")]
    [InlineData("node9", "node10")]
    [InlineData("pod-2-abc", "pod-10-abc")]
    [InlineData("a", "b")]
    [InlineData("ns", "ns1")]
    [InlineData("ns1", "ns1a")]
    [InlineData("pod01", "pod1")]
    [InlineData("v1.2.9", "v1.10.0")]
    [InlineData("dev/a", "dev/b")]
    [InlineData("x99999999999999999999999", "x100000000000000000000000")]
    [InlineData(null, "a")]
    public void Compare_Pairs_FirstBeforeSecond(string? first, string? second)
    {
        Assert.True(Natural.Compare(first, second) < 0, $"{first} should sort before {second}");
        Assert.True(Natural.Compare(second, first) > 0, $"{second} should sort after {first}");
    }

    [Theory]
    [InlineData("ns10")]
    [InlineData("")]
    [InlineData("007")]
    public void Compare_Same_Zero(string value) => Assert.Equal(0, Natural.Compare(value, new string(value.AsSpan())));

    [Fact]
    public void Order_NamespacesAndPods_CountsLikePeople()
    {
        string[] names = ["ns10", "ns2", "ns1", "kube-system", "ns20", "ns3"];

        Assert.Equal(["kube-system", "ns1", "ns2", "ns3", "ns10", "ns20"], names.Order(Natural));
    }

    [Fact]
    public void Compare_RandomStrings_IsATotalOrder()
    {
        // Antisymmetric and transitive over a mix of digit runs and letters, so List.Sort never sees contradictions.
        var random = new Random(15);
        var values = Enumerable.Range(0, 300).Select(_ => new string([.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => "a0b19"[random.Next(5)])])).ToArray();
        foreach (var a in values)
        {
            foreach (var b in values)
            {
                Assert.Equal(Math.Sign(Natural.Compare(a, b)), -Math.Sign(Natural.Compare(b, a)));
                Assert.Equal(a == b, Natural.Compare(a, b) == 0);
            }
        }

        var sorted = values.Order(Natural).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            Assert.True(Natural.Compare(sorted[i - 1], sorted[i]) <= 0);
        }
    }
}
