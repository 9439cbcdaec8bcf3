using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Testing;
using k8s;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ClusterNet.Kubernetes.Tests.Live;

/// <summary>
/// What every test class against the shared control plane starts with: the collection (one control plane for all of
/// them, one class at a time), the ControlPlane category, the plane, and live sources whose log goes to the test output.
/// xunit reads [Collection] and [Trait] from the base class, so a class deriving from this one cannot forget either.
/// </summary>
[Collection(ControlPlaneCollection.Name)]
[Trait("Category", "ControlPlane")]
public abstract class ControlPlaneTestBase(ControlPlaneFixture fixture, ITestOutputHelper output)
{
    protected TestControlPlane Plane => fixture.Plane;

    protected ITestOutputHelper Output => output;

    /// <summary>A logger factory writing to this test's output.</summary>
    protected ILoggerFactory Logs => TestOutputLoggerProvider.Factory(output);

    /// <summary>A live source (not started) on <paramref name="config"/>, named like the one a kubeconfig start makes.</summary>
    protected LiveClusterSource NewSource(KubernetesClientConfiguration config, LiveSourceOptions options, string name = "testenv") =>
        new(config, new SourceInfo("kubeconfig", name), options, Logs);

    /// <summary>A live source (not started) as the plane's admin.</summary>
    protected LiveClusterSource AdminSource(LiveSourceOptions options) => NewSource(Plane.AdminConfig(), options);
}
