namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>
/// One step of a header decode. Action is one of: config, header, split, trust, take, skip, stop, result, note.
/// <see cref="Decisive"/> marks the step that settled the client address.
/// </summary>
public sealed record DecodeStep(int Index, string Action, string Text, string? Address = null, string? Matched = null, bool Decisive = false);
