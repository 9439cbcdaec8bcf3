namespace ClusterNet.Core.Dns;

/// <summary>An --answers file that does not follow the format; the message names the JSON path.</summary>
public sealed class DnsAnswersFormatException(string message) : FormatException(message);
