using System.Collections.Immutable;

namespace ClusterNet.Core.Model;

/// <summary>matchExpressions entry. Operator: In, NotIn, Exists, DoesNotExist (kept as written so analyzers can report bad ones).</summary>
public sealed record LabelSelectorRequirement(string Key, string Operator, ImmutableArray<string> Values);
