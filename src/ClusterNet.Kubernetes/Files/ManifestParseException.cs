namespace ClusterNet.Kubernetes.Files;

/// <summary>Ends the parse of one document with a positioned message; never escapes the loader.</summary>
internal sealed class ManifestParseException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
