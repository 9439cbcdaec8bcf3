using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// One list item or watch object after conversion: the record (null when it was skipped), the "pods dev/web-1" name
/// its diagnostics are filed under, and those diagnostics (warnings on a kept object; the reason it was skipped).
/// </summary>
internal readonly record struct DecodedItem(IClusterObject? Object, string Name, List<SourceDiagnostic> Diagnostics);
