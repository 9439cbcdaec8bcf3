namespace ClusterNet.Core.Dns;

/// <summary>A resolv.conf that cannot be read; the message names the file and line.</summary>
public sealed class ResolvConfFormatException(string message, int line) : FormatException(message)
{
    public int Line { get; } = line;
}
