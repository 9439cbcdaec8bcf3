using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.Files;

/// <summary>
/// Issue 17.4: files in a manifests directory that are not Kubernetes objects (kustomization.yaml, Helm values.yaml and
/// Chart.yaml, saved JSON output) are skipped with a warning naming the file; the objects next to them are read.
/// </summary>
public sealed class ManifestLoaderKindlessFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("clusternet-kindless-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void LoadPath_DirectoryWithKustomizationValuesChartAndStrayJson_ReadsTheObjectsAndNotesEachOtherFile()
    {
        var kustomization = Write("kustomization.yaml", "resources:\n- app.yaml\nnamespace: shop\ncommonLabels: {team: shop}\n");
        var values = Write("values.yaml", "replicaCount: 2\nimage: {repository: nginx, tag: \"1.25\"}\nservice: {type: ClusterIP, port: 80}\n");
        var chart = Write("Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
        var stray = Write("output.json", "[{\"name\": \"a\"}, {\"name\": \"b\"}]");
        Write("app.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec: {containers: [{name: c, image: nginx}]}\n");

        var result = ManifestLoader.LoadPath(_dir, recursive: false);

        Assert.False(result.HasErrors);
        Assert.Equal("web", Assert.IsType<PodInfo>(Assert.Single(result.Objects)).Name);
        Assert.All(result.Diagnostics, d => Assert.Equal("warning", d.Severity));
        Assert.Equal([chart, kustomization, stray, values], result.Diagnostics.Select(d => d.File).Order(StringComparer.Ordinal));
        Assert.All(result.Diagnostics, d => Assert.EndsWith("skipped", d.Message, StringComparison.Ordinal));
        Assert.Contains("not a Kubernetes object", result.Diagnostics.Single(d => d.File == values).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_ObjectWithMetadataButNoKind_IsStillAnError()
    {
        // A real object with a typo must not pass as "other data".
        var d = Assert.Single(ManifestLoader.LoadText("apiVersion: v1\nkid: Pod\nmetadata: {name: p}\n", "p.yaml").Diagnostics);

        Assert.Equal(("error", "kind"), (d.Severity, d.Field));
    }

    [Fact]
    public void LoadText_KindlessDocumentInAMultiDocumentFile_SkipsOnlyThatDocument()
    {
        var result = ManifestLoader.LoadText("settings: {debug: true}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n", "mixed.yaml");

        Assert.IsType<NamespaceInfo>(Assert.Single(result.Objects));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("warning", "mixed.yaml", 1), (d.Severity, d.File, d.Document));
    }
}
