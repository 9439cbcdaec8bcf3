using System.Text;
using ClusterNet.Kubernetes.Live;

namespace ClusterNet.Kubernetes.Tests.Live.Stream;

public sealed class WatchEventTests
{
    [Fact]
    public void Parse_Event_TypeObjectBytesAndResourceVersion()
    {
        const string obj = """{"kind":"Pod","metadata":{"name":"a","labels":{"resourceVersion":"no"},"resourceVersion":"77"},"spec":{}}""";

        var ev = WatchEvent.Parse($$"""{"type":"MODIFIED","object":{{obj}}}""", "/api/v1/pods");

        Assert.Equal(WatchEvent.Modified, ev.Type);
        Assert.Equal(obj, Encoding.UTF8.GetString(ev.Object.Span));
        Assert.Equal("77", ev.ResourceVersion);
    }

    [Theory]
    [InlineData("""{"object":{"metadata":{"resourceVersion":5}},"type":"BOOKMARK"}""", null)]
    [InlineData("""{"type":"BOOKMARK","object":{"metadata":{}}}""", null)]
    [InlineData("""{"type":"BOOKMARK","object":{"metadata":"x","spec":{"metadata":{"resourceVersion":"inner"}}}}""", null)]
    [InlineData("""{"type":"BOOKMARK","object":{"spec":{"metadata":{"resourceVersion":"inner"}},"metadata":{"resourceVersion":"outer"}}}""", "outer")]
    public void Parse_ResourceVersion_OnlyAStringAtObjectMetadata(string line, string? expected) =>
        Assert.Equal(expected, WatchEvent.Parse(line, "/api/v1/pods").ResourceVersion);

    [Theory]
    [InlineData("""{"type":"ADDED","object":{"metadata":{}""", "malformed watch event from /api/v1/pods: ")]
    [InlineData("""{"type":"ADDED","object":{}} {"type":"ADDED"}""", "malformed watch event from /api/v1/pods: ")]
    [InlineData("""{"type":"ADDED","object":[1]}""", "malformed watch event from /api/v1/pods: expected {\"type\": string, \"object\": {...}}")]
    [InlineData("""{"type":1,"object":{}}""", "malformed watch event from /api/v1/pods: expected {\"type\": string, \"object\": {...}}")]
    [InlineData("""["ADDED",{}]""", "malformed watch event from /api/v1/pods: expected {\"type\": string, \"object\": {...}}")]
    [InlineData("""{"type":"ADDED"}""", "malformed watch event from /api/v1/pods: expected {\"type\": string, \"object\": {...}}")]
    public void Parse_NotAWatchEvent_ThrowsNamingTheStream(string line, string messageStart)
    {
        var e = Assert.Throws<WatchStreamException>(() => WatchEvent.Parse(line, "/api/v1/pods"));

        Assert.StartsWith(messageStart, e.Message, StringComparison.Ordinal);
        Assert.Contains("(line starts '", e.Message, StringComparison.Ordinal);
    }
}
