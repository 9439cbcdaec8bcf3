using Xunit;

namespace ClusterNet.Testing;

/// <summary>
/// xunit collection fixture owning one <see cref="TestControlPlane"/> for every test class in
/// <see cref="ControlPlaneCollection"/>. If the control plane cannot start, every test of the collection fails with
/// the reason (missing binaries, start.sh output); none is skipped.
/// </summary>
public sealed class ControlPlaneFixture : IAsyncLifetime
{
    private TestControlPlane? _plane;

    public TestControlPlane Plane => _plane ?? throw new InvalidOperationException("the control plane fixture was not initialised");

    public async Task InitializeAsync() => _plane = await TestControlPlane.StartAsync();

    public async Task DisposeAsync()
    {
        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }
    }
}
