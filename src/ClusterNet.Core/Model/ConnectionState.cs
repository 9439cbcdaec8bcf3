namespace ClusterNet.Core.Model;

public enum ConnectionState
{
    Connecting,
    Connected,
    Disconnected,
}
