using System.Text.Json;
using System.Text.Json.Serialization;
using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Topology;

/// <summary>
/// The NetworkPolicy verdict at the end of a walk. <see cref="Enforced"/> says whether the CNI applies policies at all
/// (flannel alone does not). In JSON <see cref="Verdict"/> stays <c>"allowed"</c>, <c>"denied"</c> or <c>"depends"</c>
/// (the REST contract); people read it as <see cref="VerdictText"/> words.
/// </summary>
public sealed record PacketPolicyVerdict(
    [property: JsonConverter(typeof(PacketPolicyVerdict.WireConverter))] ReachVerdict Verdict,
    string Explanation,
    string? Caveat = null,
    bool? Enforced = null)
{
    /// <summary>
    /// <see cref="Policy.PolicyEnforcement.Qualifier"/> ("not enforced by this CNI (flannel)"), shown next to the verdict
    /// whenever policy is not enforced; not part of the JSON contract.
    /// </summary>
    [JsonIgnore]
    public string? Qualifier { get; init; }

    /// <summary>"allowed", "denied", "implementation-defined".</summary>
    [JsonIgnore]
    public string Text => VerdictText.Of(Verdict);

    /// <summary>The walk's JSON words for a verdict: allowed, denied, depends.</summary>
    public static string Wire(ReachVerdict verdict) => verdict switch
    {
        ReachVerdict.Allowed => "allowed",
        ReachVerdict.Denied => "denied",
        _ => "depends",
    };

    public sealed class WireConverter : JsonConverter<ReachVerdict>
    {
        public override ReachVerdict Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString() switch
        {
            "allowed" => ReachVerdict.Allowed,
            "denied" => ReachVerdict.Denied,
            "depends" => ReachVerdict.DependsOnImplementation,
            var other => throw new JsonException($"unknown verdict '{other}'"),
        };

        public override void Write(Utf8JsonWriter writer, ReachVerdict value, JsonSerializerOptions options) => writer.WriteStringValue(Wire(value));
    }
}
