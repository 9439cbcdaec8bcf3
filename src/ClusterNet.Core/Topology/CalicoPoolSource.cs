namespace ClusterNet.Core.Topology;

/// <summary>
/// Where the Calico pools the topology uses came from, strongest first: IPPool objects, the operator's Installation,
/// calico-node's environment (the pool it creates at start-up when none exists), or the documented defaults.
/// JSON and text use <see cref="CalicoPoolSources.Word"/>.
/// </summary>
public enum CalicoPoolSource
{
    IpPoolObject,
    Installation,
    CalicoNodeEnv,
    DocumentedDefault,
}
