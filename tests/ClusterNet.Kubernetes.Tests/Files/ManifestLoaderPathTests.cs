using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.Files;

public sealed class ManifestLoaderPathTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("clusternet-manifests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void LoadPath_Directory_ReadsYamlYmlAndJsonRecursively()
    {
        Write("a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
        Write("sub/b.yml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n");
        Write("kube-system/pods.json", """{"kind":"PodList","apiVersion":"v1","items":[{"metadata":{"name":"p","namespace":"kube-system"}}]}""");
        Write("kube-system/p/logs.txt", "{ not json and not read }");

        var result = ManifestLoader.LoadPath(_dir);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["a", "b"], result.Objects.OfType<NamespaceInfo>().Select(n => n.Name).Order().ToArray());
        Assert.Single(result.Objects.OfType<PodInfo>());
    }

    [Fact]
    public void LoadPath_BadFile_NamesTheFileAndLoadsTheOthers()
    {
        Write("good.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: good}\n");
        var bad = Write("bad.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: [}\n");

        var result = ManifestLoader.LoadPath(_dir);

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(bad, d.File);
        Assert.Equal(3, d.Line);
        Assert.Equal("good", Assert.Single(result.Objects.OfType<NamespaceInfo>()).Name);
    }

    [Fact]
    public void LoadPath_SameObjectTwice_WarnsAndLaterWins()
    {
        Write("1.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {v: one}}\n");
        Write("2.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a, labels: {v: two}}\n");

        var result = ManifestLoader.LoadPath(_dir);

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("warning", d.Severity);
        Assert.Contains("1.yaml", d.Message);
        Assert.Equal("two", Assert.Single(result.Objects.OfType<NamespaceInfo>()).Labels["v"]);
    }

    [Fact]
    public void LoadPath_Missing_ReportsError()
    {
        var missing = Path.Combine(_dir, "nope");
        var d = Assert.Single(ManifestLoader.LoadPath(missing).Diagnostics);
        Assert.Equal(("error", missing, "no such file or directory"), (d.Severity, d.File, d.Message));
    }
}
