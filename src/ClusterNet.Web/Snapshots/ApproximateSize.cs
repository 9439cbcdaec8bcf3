using System.Collections.Immutable;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Policy;

namespace ClusterNet.Web.Snapshots;

/// <summary>
/// Rough byte counts of cached values from their structure (object headers and references on 64-bit, UTF-16 strings),
/// for the per-cache figures on /metrics. Estimates, not measurements: `web-memory` measures the heap itself.
/// </summary>
public static class ApproximateSize
{
    private const long Object = 24;
    private const long Reference = 8;

    public static long String(string? s) => s is null ? 0 : Object + (2L * s.Length);

    public static long Strings(IEnumerable<string> strings) => strings.Sum(s => Reference + String(s));

    public static long Findings(ImmutableArray<Finding> findings) => findings.IsDefault ? 0 : findings.Sum(Finding);

    public static long Finding(Finding f) =>
        160 + String(f.Subject) + String(f.Message) + String(f.Detail) + String(f.Field)
        + (f.Evidence.IsDefault ? 0 : Strings(f.Evidence)) + (f.Affected.IsDefault ? 0 : Strings(f.Affected)) + (f.Fixes.IsDefault ? 0 : f.Fixes.Length * 512L);

    /// <summary>
    /// A reach matrix: per port class, its bit rows as stored (a patched matrix keeps rows in shared pages) plus the
    /// ingress and egress sets of isolated pods (counted as if every pod were isolated: an upper bound); the matrix counts itself.
    /// </summary>
    public static long Matrix(ReachMatrix matrix) => matrix.ApproximateBytes;

    /// <summary>A namespace matrix: one cell object per namespace pair.</summary>
    public static long NamespaceMatrix(NamespaceMatrix matrix) => 64L * matrix.Namespaces.Length * matrix.Namespaces.Length;
}
