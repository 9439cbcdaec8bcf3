using Xunit;

namespace ClusterNet.Testing;

/// <summary>
/// Test classes marked [Collection(ControlPlaneCollection.Name)] share one control plane and run one after another
/// (they change cluster state: use your own namespace and unique names for cluster-scoped objects).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ControlPlaneCollection : ICollectionFixture<ControlPlaneFixture>
{
    public const string Name = "Kubernetes control plane";
}
