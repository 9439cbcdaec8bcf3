using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Files;

/// <summary>Objects read from manifests plus every problem found; a bad document never stops the others.</summary>
public sealed record ManifestLoadResult(ImmutableArray<IClusterObject> Objects, ImmutableArray<SourceDiagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == "error");

    public ClusterSnapshot ToSnapshot(SourceInfo source, long version = 1) => ClusterSnapshot.Create(source, Objects, version, Diagnostics);
}
