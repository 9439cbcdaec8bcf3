using ClusterNet.Core.Model;
using ClusterNet.Core.Store;

namespace ClusterNet.Kubernetes.Live;

/// <summary>Connection state as the loops observe it: any answer from the server means reachable, a network failure means not.</summary>
internal sealed class ConnectionMonitor(ClusterStore store, Uri server)
{
    public void Reached() => store.SetConnection(ConnectionState.Connected);

    public void Unreachable(Exception error) =>
        store.SetConnection(ConnectionState.Disconnected, $"cannot reach the API server {server.GetLeftPart(UriPartial.Authority)}: {Describe(error)}");

    internal static string Describe(Exception error)
    {
        // HttpRequestException wraps the socket error; the innermost message says "Connection refused" and the like.
        var inner = error;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return ReferenceEquals(inner, error) || inner.Message == error.Message ? error.Message : $"{error.Message} ({inner.Message})";
    }
}
