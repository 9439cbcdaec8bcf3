using System.Text;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.Files;

/// <summary>Input shapes <c>kubectl apply -f</c> accepts: JSON documents between "---", JSON streams, Lists, directories with and without -R, stdin.</summary>
public sealed class ManifestLoaderKubectlInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("clusternet-kubectl-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Ns(string name) => "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}";

    private static string[] Names(ManifestLoadResult result) => [.. result.Objects.OfType<NamespaceInfo>().Select(n => n.Name)];

    [Fact]
    public void LoadText_MultiDocumentYamlOfJsonObjects_ReadsEveryDocument()
    {
        var text = Ns("a") + "\n---\n" + Ns("b") + "\n---\n{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Namespace\",\n  \"metadata\": {\"name\": \"c\"}\n}\n";

        var result = ManifestLoader.LoadText(text, "m.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["a", "b", "c"], Names(result));
    }

    [Fact]
    public void LoadText_JsonAndYamlDocumentsMixed_ReadsBoth()
    {
        var text = Ns("a") + "\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n---\n" + Ns("c") + "\n";

        var result = ManifestLoader.LoadText(text, "m.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["a", "b", "c"], Names(result));
    }

    [Fact]
    public void LoadText_MalformedJsonDocument_NamesFileDocumentAndLineAndKeepsTheOthers()
    {
        var text = Ns("a") + "\n---\n{\"apiVersion\": \"v1\",\n \"kind\": \"Namespace\" \"metadata\": {}}\n---\n" + Ns("c") + "\n";

        var result = ManifestLoader.LoadText(text, "m.json");

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("m.json", d.File);
        Assert.Equal(2, d.Document);
        Assert.Equal(4, d.Line);
        Assert.StartsWith("malformed JSON", d.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "c"], Names(result));
    }

    [Fact]
    public void LoadText_JsonStreamWithoutSeparators_ReadsEveryValueWithItsLine()
    {
        var text = Ns("a") + "\n" + Ns("b") + "\n{\"kind\":\"Namespace\",\"metadata\":{\"name\":\"c\"}}\n" + Ns("d");

        var result = ManifestLoader.LoadText(text, "stream.json");

        Assert.Equal(["a", "b", "d"], Names(result));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("stream.json", 3, 3), (d.File, d.Document, d.Line));
    }

    [Fact]
    public void LoadText_JsonStreamAfterSeparator_CountsDocumentsAcrossChunks()
    {
        var text = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n" + Ns("b") + "\n" + Ns("c") + "\n---\nkind: Namespace\nmetadata: {name: d}\n";

        var result = ManifestLoader.LoadText(text, "m.yaml");

        Assert.Equal(["a", "b", "c"], Names(result));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((4, 8), (d.Document, d.Line));
        Assert.Contains("apiVersion", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_KindListOfJsonObjects_ReadsItems()
    {
        var text = "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[" + Ns("a") + "," + Ns("b") + "]}\n---\n{\"apiVersion\":\"v1\",\"kind\":\"NamespaceList\",\"items\":[{\"metadata\":{\"name\":\"c\"}}]}\n";

        var result = ManifestLoader.LoadText(text, "lists.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["a", "b", "c"], Names(result));
    }

    [Fact]
    public void LoadPath_DirectoryWithoutRecursion_ReadsOnlyTopLevelFiles()
    {
        File.WriteAllText(Path.Combine(_dir, "a.json"), Ns("a"));
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        File.WriteAllText(Path.Combine(_dir, "sub", "b.yaml"), Ns("b"));

        Assert.Equal(["a"], Names(ManifestLoader.LoadPath(_dir, recursive: false)));
        Assert.Equal(["a", "b"], Names(ManifestLoader.LoadPath(_dir, recursive: true)));
        Assert.Equal(["a", "b"], Names(ManifestLoader.LoadPath(_dir)));
    }

    [Fact]
    public void LoadReader_Stdin_NamesStdinInMessages()
    {
        using var reader = new StringReader(Ns("a") + "\n---\napiVersion: v1\nkind: Namespace\nmetadata: [x]\n");

        var result = ManifestLoader.LoadReader(reader);

        Assert.Equal(["a"], Names(result));
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((ManifestLoader.StdinName, 2, 5), (d.File, d.Document, d.Line));
    }

    [Fact]
    public void LoadStream_Utf8WithByteOrderMark_Reads()
    {
        using var stream = new MemoryStream([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Ns("a") + "\n---\n" + Ns("b"))]);

        var result = ManifestLoader.LoadStream(stream, "-");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["a", "b"], Names(result));
    }
}
