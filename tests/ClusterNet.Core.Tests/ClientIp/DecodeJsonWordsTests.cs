using System.Text.Json;
using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>The decoder's closed sets are enums; the JSON contract keeps the words it always had.</summary>
public sealed class DecodeJsonWordsTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    [Fact]
    public void DecodeOutput_Json_ActionSourceAndForKindWords()
    {
        var input = new DecodeInput("10.0.0.1", ["X-Forwarded-For: 1.2.3.4 5.6.7.8", "Forwarded: for=192.0.2.60, for=\"[2001:db8::1]\", for=_hidden, by=10.0.0.1"], "10.0.0.0/8");
        Assert.True(input.TryParse(out var request, out var error), error);

        var json = JsonSerializer.Serialize(DecodeOutput.From(ForwardedHeaderDecoder.Decode(request!)), Web);

        Assert.Contains("\"action\":\"config\"", json, StringComparison.Ordinal);
        Assert.Contains("\"source\":\"aspnet\"", json, StringComparison.Ordinal);
        Assert.Contains("\"source\":\"nginx\"", json, StringComparison.Ordinal);
        Assert.Contains("\"forKind\":\"ipv4\"", json, StringComparison.Ordinal);
        Assert.Contains("\"forKind\":\"ipv6\"", json, StringComparison.Ordinal);
        Assert.Contains("\"forKind\":\"obfuscated\"", json, StringComparison.Ordinal);
        Assert.Contains("\"forKind\":\"none\"", json, StringComparison.Ordinal);
    }
}
