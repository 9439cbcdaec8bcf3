using ClusterNet.Web.Security.Scoping;
using Microsoft.AspNetCore.SignalR;

namespace ClusterNet.Web.Hubs;

/// <summary>
/// <c>/hubs/cluster</c>: server → client only. Every connected client receives <c>SnapshotChanged</c> (see
/// <see cref="SnapshotChangedMessage"/>) from the single <see cref="ClusterHubPump"/>; clients fetch details over REST.
/// </summary>
public sealed class ClusterHub(HubConnectionCounter counter, HubAudience audience) : Hub
{
    public const string Path = "/hubs/cluster";
    public const string SnapshotChanged = "SnapshotChanged";

    public override async Task OnConnectedAsync()
    {
        counter.Increment();
        await audience.JoinAsync(Context, Groups);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        counter.Decrement();
        audience.Leave(Context);
        return base.OnDisconnectedAsync(exception);
    }
}
