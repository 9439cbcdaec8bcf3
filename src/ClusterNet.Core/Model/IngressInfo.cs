using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

public sealed record IngressInfo : IClusterObject
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public string Uid { get; init; } = "";
    public ImmutableDictionary<string, string> Labels { get; init; } = LabelMap.Empty;
    public ImmutableDictionary<string, string> Annotations { get; init; } = LabelMap.Empty;
    /// <summary>spec.ingressClassName, else the kubernetes.io/ingress.class annotation.</summary>
    public string? IngressClassName { get; init; }
    public ImmutableArray<IngressRuleInfo> Rules { get; init; } = [];
    public IngressPathInfo? DefaultBackend { get; init; }
    public ImmutableArray<string> TlsHosts { get; init; } = [];
    public ImmutableArray<LoadBalancerIngressInfo> LoadBalancerIngress { get; init; } = [];

    public ObjectKey Key => new(Namespace, Name);
}
