using System.Text;
using BenchmarkDotNet.Attributes;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Bench;

/// <summary>
/// The manifest reader on hostile key counts (issue #12, finding 5): a 1 MiB body of ~95k keys, once in one object
/// (refused at the 10,000-key cap) and once as 10 objects of 9,500 keys (read in full). With the former linear key
/// lookup the second cost ~900M key comparisons.
/// Run: dotnet run -c Release --project bench/ClusterNet.Bench -- --filter '*ManifestKeyBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class ManifestKeyBenchmarks
{
    private string _oneObject = "";
    private string _tenObjects = "";

    [GlobalSetup]
    public void Setup()
    {
        _oneObject = Policy(95_000, "wide");
        _tenObjects = string.Join("---\n", Enumerable.Range(0, 10).Select(i => Policy(9_500, $"p{i}")));
    }

    [Benchmark]
    public int OneObject95kKeys_Refused() => ManifestLoader.LoadText(_oneObject, "one.yaml").Diagnostics.Length;

    [Benchmark]
    public int TenObjects95kKeys_Read() => ManifestLoader.LoadText(_tenObjects, "ten.yaml").Objects.Length;

    private static string Policy(int keys, string name)
    {
        var text = new StringBuilder($"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {name}\n  namespace: dev\n  labels: {{");
        for (var i = 0; i < keys; i++)
        {
            text.Append(i == 0 ? "x" : ", x").Append(i.ToString("x5", System.Globalization.CultureInfo.InvariantCulture)).Append(": v");
        }

        return text.Append("}\nspec:\n  podSelector: {}\n").ToString();
    }
}
