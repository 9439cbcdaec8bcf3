namespace ClusterNet.Core.Topology;

/// <summary>The wire words of <see cref="CalicoPoolSource"/>.</summary>
public static class CalicoPoolSources
{
    public static string Word(CalicoPoolSource source) => source switch
    {
        CalicoPoolSource.IpPoolObject => "ippool",
        CalicoPoolSource.Installation => "installation",
        CalicoPoolSource.CalicoNodeEnv => "calico-node-env",
        _ => "documented-default",
    };
}
