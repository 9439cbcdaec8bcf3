using ClusterNet.Core.ClientIp;
using ClusterNet.Core.Model;
using ClusterNet.Web.PageModels.ClientIp;
using Microsoft.AspNetCore.Components;

namespace ClusterNet.Web.Components.ClientIp;

public sealed partial class ClientIpMigrationSection
{
    private (ClusterSnapshot Snapshot, ClientIpReport Report)? _for;

    [Parameter, EditorRequired] public ClusterSnapshot Snapshot { get; set; } = default!;

    [Parameter, EditorRequired] public ClientIpReport Report { get; set; } = default!;

    private ClientIpMigrationView? View { get; set; }

    protected override void OnParametersSet()
    {
        // Same snapshot and report: the preview cannot have changed.
        if (_for is { } f && ReferenceEquals(f.Snapshot, Snapshot) && ReferenceEquals(f.Report, Report))
        {
            return;
        }

        _for = (Snapshot, Report);
        View = ClientIpMigrationView.For(Snapshot, Report);
    }
}
