namespace ClusterNet.Core.Model;

public enum KindState
{
    Pending,
    Syncing,
    Synced,
    Reconnecting,
    Forbidden,
    NotServed,
    Error,
}
