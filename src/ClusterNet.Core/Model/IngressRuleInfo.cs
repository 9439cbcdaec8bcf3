using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

public sealed record IngressRuleInfo(string? Host, ImmutableArray<IngressPathInfo> Paths);
