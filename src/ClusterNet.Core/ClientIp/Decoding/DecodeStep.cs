using System.Text.Json.Serialization;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// One step of a header decode.
/// <see cref="Decisive"/> marks the step that settled the client address.
/// </summary>
public sealed record DecodeStep(int Index, [property: JsonConverter(typeof(KebabCaseEnumConverter<DecodeAction>))] DecodeAction Action, string Text, string? Address = null, string? Matched = null, bool Decisive = false);
