using System.Text;
using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;

namespace ClusterNet.Kubernetes.Tests.Live.Stream;

/// <summary>
/// The streaming list decode (ListPageReader + LiveItemDecoder.FromJson) against the document decode it replaced
/// (a JsonDocument of the page, LiveItemDecoder.FromElement per item, which is the former TryConvert unchanged):
/// same objects, same names, same diagnostics, whatever the chunking of the response.
/// </summary>
public sealed class LiveStreamDecodeTests
{
    private static readonly int[] Chunks = [1, 7, 64, 4093, 1 << 20];

    public static TheoryData<string> Kinds() => [.. StreamSamples.DemoObjects().Select(o => o.Kind).Distinct()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReadAsync_DemoObjectsOfKind_SameAsDocumentDecode(string kind)
    {
        var items = StreamSamples.DemoObjects().Where(o => o.Kind == kind).Select(o => o.Json).ToList();

        var decoded = await AssertSameAsDocumentDecodeAsync(kind, items);

        Assert.Contains(decoded, d => d.Contains("|kept|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_OddAndBrokenPods_SameObjectsNamesAndDiagnostics()
    {
        string[] items = [StreamSamples.RichPod, .. StreamSamples.OddPods, StreamSamples.RichPod.Replace("web-1", "web-2", StringComparison.Ordinal)];

        var decoded = await AssertSameAsDocumentDecodeAsync(ResourceKind.Pods, items);

        // Not vacuous: good pods kept, broken ones skipped with the field named, the rest of the page kept after them.
        Assert.Contains(decoded, d => d.StartsWith("pods shop/web-1|kept", StringComparison.Ordinal));
        Assert.Contains(decoded, d => d.StartsWith("pods shop/web-2|kept", StringComparison.Ordinal));
        Assert.Contains(decoded, d => d.StartsWith("pods dev/odd-containers|skipped", StringComparison.Ordinal) && d.Contains("$.spec.containers", StringComparison.Ordinal));
        Assert.Contains(decoded, d => d.StartsWith("pods (unnamed object)|skipped", StringComparison.Ordinal) && d.Contains("$.metadata.name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ResourceKind.StatefulSets, StreamSamples.StatefulSet)]
    [InlineData(ResourceKind.Endpoints, StreamSamples.Endpoints)]
    public async Task ReadAsync_KindsNotInTheDemo_SameAsDocumentDecode(string kind, string item)
    {
        var target = kind == ResourceKind.Endpoints ? EndpointsV1Target() : StreamSamples.Targets[kind];
        var decoded = await AssertSameAsDocumentDecodeAsync(kind, [item], target);

        Assert.All(decoded, d => Assert.Contains("|kept|", d, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_LargePageInSmallChunksAndBuffer_AllItemsDecodedInOrder()
    {
        // ~2,000 pods (≈ 2 MB) through a 16-byte starting buffer: items split across every kind of boundary.
        var items = Enumerable.Range(0, 2000).Select(i => StreamSamples.RichPod.Replace("web-1", $"web-{i}", StringComparison.Ordinal)).ToList();
        var page = Encoding.UTF8.GetBytes(StreamSamples.Page(items, continueToken: "next", remaining: 5));
        var names = new List<string>();

        var metadata = await ListPageReader.ReadAsync(new ChunkedStream(page, 4093), "GET test", null,
            (json, first) => names.Add(LiveItemDecoder.FromJson(StreamSamples.Targets[ResourceKind.Pods], ResourceKind.Pods, json, first).Name),
            CancellationToken.None, bufferSize: 16);

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => $"pods shop/web-{i}"), names);
        Assert.Equal(new ListMetadata("1234", "next", 5), metadata);
    }

    [Fact]
    public async Task ReadAsync_ItemsThatAreNotObjects_ReportedAndSkippedOthersKept()
    {
        var target = StreamSamples.Targets[ResourceKind.Pods];
        var page = Encoding.UTF8.GetBytes(StreamSamples.Page(["42", StreamSamples.RichPod, "null", "\"text\"", "[1,{}]"]));
        var decoded = new List<DecodedItem>();

        await ListPageReader.ReadAsync(new ChunkedStream(page, 5), "GET test", null,
            (json, first) => decoded.Add(LiveItemDecoder.FromJson(target, ResourceKind.Pods, json, first)), CancellationToken.None, bufferSize: 16);

        Assert.Equal([null, "shop/web-1", null, null, null], decoded.Select(d => d.Object?.Key.ToString()));
        Assert.Equal("object skipped: an item of the pods list is Number, not an object", decoded[0].Diagnostics.Single().Message);
        Assert.Equal("object skipped: an item of the pods list is Array, not an object", decoded[4].Diagnostics.Single().Message);
        Assert.All(decoded.Where(d => d.Object is null), d => Assert.Equal("pods (unnamed object)", d.Name));
    }

    [Theory]
    [InlineData("""{"items":[],"metadata":{"resourceVersion":"9","continue":"c1","remainingItemCount":3}}""", "9", "c1", 3L)]
    [InlineData("""{"metadata":{"resourceVersion":"9","continue":""},"items":[]}""", "9", null, null)]
    [InlineData("""{"metadata":{"resourceVersion":9,"continue":null,"remainingItemCount":"3"},"items":null}""", null, null, null)]
    [InlineData("""{"metadata":{"remainingItemCount":1.5,"x":{"resourceVersion":"no"}},"kind":"PodList"}""", null, null, null)]
    [InlineData("""{"kind":"PodList","items":[]}""", null, null, null)]
    [InlineData("""{"metadata":[1,2],"items":[]}""", null, null, null)]
    public async Task ReadAsync_MetadataAnywhereOrOddlyTyped_ReadLikeTheDocumentDecodeDid(string json, string? rv, string? continueToken, long? remaining)
    {
        var metadata = await ListPageReader.ReadAsync(new ChunkedStream(Encoding.UTF8.GetBytes(json), 3), "GET test", null, (_, _) => { }, CancellationToken.None, bufferSize: 16);

        Assert.Equal(new ListMetadata(rv, continueToken, remaining), metadata);
    }

    [Fact]
    public async Task ReadAsync_MetadataBeforeItems_ReportedBeforeTheFirstItem()
    {
        var page = Encoding.UTF8.GetBytes(StreamSamples.Page([StreamSamples.RichPod, StreamSamples.RichPod], continueToken: "c2"));
        var events = new List<string>();

        await ListPageReader.ReadAsync(new ChunkedStream(page, 100), "GET test", m => events.Add($"metadata {m.Continue}"), (_, _) => events.Add("item"), CancellationToken.None);

        Assert.Equal(["metadata c2", "item", "item"], events);
    }

    [Theory]
    [InlineData("", typeof(JsonException), null)]
    [InlineData("""{"metadata":{},"items":[{"metadata":{"name":"a"}},{"metadata":""", typeof(JsonException), null)]
    [InlineData("""[{"metadata":{}}]""", typeof(WatchStreamException), "GET test: expected a list object, got Array")]
    [InlineData("""{"kind":"Status","code":500} trailing""", typeof(JsonException), null)]
    [InlineData("""{"items":[{"metadata":{"name":"a"},}]}""", typeof(JsonException), null)]
    public async Task ReadAsync_TornOrMalformedResponse_Throws(string body, Type expected, string? message)
    {
        var items = 0;
        var e = await Assert.ThrowsAnyAsync<Exception>(() => ListPageReader.ReadAsync(
            new ChunkedStream(Encoding.UTF8.GetBytes(body), 4), "GET test", null, (_, _) => items++, CancellationToken.None, bufferSize: 16));

        Assert.IsAssignableFrom(expected, e);
        if (message is not null)
        {
            Assert.Equal(message, e.Message);
        }
    }

    [Fact]
    public void Catalog_KubernetesClientKinds_DecodeFromBytes()
    {
        string[] typed = [ResourceKind.Nodes, ResourceKind.Namespaces, ResourceKind.Pods, ResourceKind.Services, ResourceKind.Endpoints,
            ResourceKind.NetworkPolicies, ResourceKind.Ingresses, ResourceKind.IngressClasses, ResourceKind.DaemonSets, ResourceKind.Deployments, ResourceKind.StatefulSets];

        Assert.All(typed, kind => Assert.NotNull(StreamSamples.Targets[kind].Read));
    }

    /// <summary>Decodes the page both ways for every chunk size; returns the decoded items as compared.</summary>
    private static async Task<List<string>> AssertSameAsDocumentDecodeAsync(string kind, IReadOnlyList<string> items, ResourceTarget? target = null)
    {
        target ??= StreamSamples.Targets[kind];
        var page = StreamSamples.Page(items);
        List<string> expected;
        using (var document = JsonDocument.Parse(page))
        {
            expected = [.. document.RootElement.GetProperty("items").EnumerateArray().Select(e => Describe(LiveItemDecoder.FromElement(target, kind, e)))];
        }

        Assert.Equal(items.Count, expected.Count);
        foreach (var chunk in Chunks)
        {
            var actual = new List<string>();
            var metadata = await ListPageReader.ReadAsync(new ChunkedStream(Encoding.UTF8.GetBytes(page), chunk), "GET test", null,
                (json, first) => actual.Add(Describe(LiveItemDecoder.FromJson(target, kind, json, first))), CancellationToken.None, bufferSize: 16);

            Assert.Equal(expected, actual);
            Assert.Equal("1234", metadata.ResourceVersion);
        }

        return expected;
    }

    private static ResourceTarget EndpointsV1Target() =>
        LiveResourceCatalog.Build(new LiveSourceOptions()).Single(s => s.Kind == ResourceKind.Endpoints).Candidates.Single(c => c.Resource == "endpoints");

    private static string Describe(DecodedItem item) =>
        $"{item.Name}|{(item.Object is null ? "skipped" : "kept")}|{(item.Object is null ? "" : JsonSerializer.Serialize(item.Object, item.Object.GetType()))}|{string.Join(" ; ", item.Diagnostics)}";
}
