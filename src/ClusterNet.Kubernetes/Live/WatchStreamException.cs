namespace ClusterNet.Kubernetes.Live;

/// <summary>The server sent something that is not a valid list or watch event (torn or malformed JSON, missing fields).</summary>
internal sealed class WatchStreamException(string message, Exception? inner = null) : Exception(message, inner);
