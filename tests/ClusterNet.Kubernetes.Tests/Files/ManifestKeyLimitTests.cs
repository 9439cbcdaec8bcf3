using System.Text;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.Files;

/// <summary>Keys per object are looked up by dictionary and capped, so a 1 MiB body of ~95k keys costs milliseconds, not billions of comparisons.</summary>
public sealed class ManifestKeyLimitTests
{
    /// <summary>
    /// A NetworkPolicy whose labels hold <paramref name="keys"/> entries, as one flow mapping on one line
    /// ("xabc: v, ": 10 bytes a key up to 36⁴ keys, so ~95k keys fill 1 MiB, and no newline for JSON to escape).
    /// </summary>
    public static string PolicyWithLabels(int keys, string name = "wide")
    {
        var text = new StringBuilder($"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {name}\n  namespace: dev\n  labels: {{");
        for (var i = 0; i < keys; i++)
        {
            text.Append(i == 0 ? "x" : ", x").Append(Base36(i)).Append(": v");
        }

        return text.Append("}\nspec:\n  podSelector: {}\n").ToString();
    }

    private static string Base36(int value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var text = new StringBuilder();
        do
        {
            text.Insert(0, digits[value % 36]);
            value /= 36;
        }
        while (value > 0);

        return text.ToString();
    }

    [Fact]
    public void LoadText_95kKeysInOneObject_RejectedNamingTheCap()
    {
        var yaml = PolicyWithLabels(95_000);
        Assert.InRange(yaml.Length, 900_000, 1_100_000);

        var result = ManifestLoader.LoadText(yaml, "big.yaml");

        var error = Assert.Single(result.Diagnostics, d => d.Severity == "error");
        Assert.Contains($"more than {ManifestLimits.MaxMappingKeys:N0} keys", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Line);
        Assert.Empty(result.Objects);
    }

    [Fact]
    public void LoadText_KeysUpToTheCap_Loaded()
    {
        var result = ManifestLoader.LoadText(PolicyWithLabels(ManifestLimits.MaxMappingKeys - 2), "ok.yaml");

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == "error");
        var policy = Assert.IsType<NetworkPolicyInfo>(Assert.Single(result.Objects));
        Assert.Equal(ManifestLimits.MaxMappingKeys - 2, policy.Labels.Count);
    }

    [Fact]
    public void LoadText_MergeKeysPastTheCap_Rejected()
    {
        var half = new StringBuilder("a: &a\n");
        var other = new StringBuilder("b: &b\n");
        for (var i = 0; i < 6_000; i++)
        {
            half.Append("  x").Append(i).Append(": 1\n");
            other.Append("  y").Append(i).Append(": 1\n");
        }

        var result = ManifestLoader.LoadText(half + other.ToString() + "c:\n  <<: [*a, *b]\n", "merge.yaml");

        Assert.Contains(result.Diagnostics, d => d.Severity == "error" && d.Message.Contains("after merge keys", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadText_DuplicateKeysInABigObject_LastWinsOnce()
    {
        var yaml = PolicyWithLabels(100).Replace(", x5: v,", ", x5: first,", StringComparison.Ordinal).Replace("}\nspec:", ", x5: last}\nspec:", StringComparison.Ordinal);

        var result = ManifestLoader.LoadText(yaml, "dup.yaml");

        Assert.Contains(result.Diagnostics, d => d.Severity == "warning" && d.Message.Contains("duplicate key \"x5\"", StringComparison.Ordinal));
        var policy = Assert.IsType<NetworkPolicyInfo>(Assert.Single(result.Objects));
        Assert.Equal("last", policy.Labels["x5"]);
        Assert.Equal(100, policy.Labels.Count);
    }

    [Fact]
    public void LoadText_1MiBOf95kKeysAcrossObjects_AllLoaded()
    {
        // 10 objects of 9,500 keys: under the cap, so every key is parsed, looked up and written. With a linear
        // lookup this was 10 × 9,500² / 2 ≈ 450M comparisons in the tree plus as many in the JSON writer.
        var yaml = string.Join("---\n", Enumerable.Range(0, 10).Select(i => PolicyWithLabels(9_500, $"p{i}")));
        var result = ManifestLoader.LoadText(yaml, "wide.yaml");

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == "error");
        Assert.Equal(10, result.Objects.Length);
        Assert.All(result.Objects, o => Assert.Equal(9_500, ((NetworkPolicyInfo)o).Labels.Count));
        // The time is a figure, not an assertion here (a shared 2-core machine makes any bound flaky): see the
        // ManifestKeyBenchmarks in bench/ClusterNet.Bench and README's Benchmarks.
    }
}
