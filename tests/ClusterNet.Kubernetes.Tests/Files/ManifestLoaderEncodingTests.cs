using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Kubernetes.Tests.Files;

public sealed class ManifestLoaderEncodingTests
{
    [Theory]
    [InlineData("\uFEFFapiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n")]
    [InlineData("apiVersion: v1\r\nkind: Namespace\r\nmetadata: {name: a}\r\n---\r\napiVersion: v1\r\nkind: Namespace\r\nmetadata: {name: b}\r\n")]
    [InlineData("# comment only\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n--- # trailing comment\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n---\n")]
    [InlineData("\uFEFF{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"a\"}}\r\n{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"b\"}}")]
    [InlineData("{apiVersion: v1, kind: Namespace, metadata: {name: a}}\n---\n{apiVersion: v1, kind: Namespace, metadata: {name: b}}\n")]
    public void LoadText_BomCrlfCommentsAndFlowYaml_LoadBothObjects(string text)
    {
        var result = ManifestLoader.LoadText(text, "enc.yaml");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["a", "b"], result.Objects.OfType<NamespaceInfo>().Select(n => n.Name).ToArray());
    }

    [Fact]
    public void LoadText_ErrorAfterCrlfLines_CountsLinesCorrectly()
    {
        var d = Assert.Single(ManifestLoader.LoadText("apiVersion: v1\r\nkind: Namespace\r\nmetadata: {name: a}\r\n---\r\napiVersion: apps/v1\r\nkind: Deployment\r\nmetadata: {name: d}\r\nspec:\r\n  replicas: many\r\n", "crlf.yaml").Diagnostics);
        Assert.Equal((2, 9, "spec.replicas"), (d.Document, d.Line, d.Field));
    }
}
