namespace ClusterNet.Core.Policy.Chain;

/// <summary>The registered stage families, in provider order (a plug-in adds one line here).</summary>
internal static class PolicyStageProviders
{
    public static IReadOnlyList<IPolicyStageProvider> All { get; } =
    [
        new ClusterPolicyStageProvider(),
        new Calico.CalicoStageProvider(),
    ];
}
