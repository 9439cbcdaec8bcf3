namespace ClusterNet.Web.Sources;

/// <summary>The selected source cannot be created (unreadable kubeconfig, unknown context, no service account): a start-up error.</summary>
public sealed class ClusterSourceException(string message, Exception? inner = null) : Exception(message, inner);
