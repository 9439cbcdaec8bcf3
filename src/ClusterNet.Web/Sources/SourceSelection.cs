using ClusterNet.Web.Configuration;

namespace ClusterNet.Web.Sources;

/// <summary>
/// The resolved source and who the app talks to the API server as (for the forbidden state's
/// <c>kubectl auth can-i ... --as=USER</c> hint; null means "as you", e.g. a kubeconfig user).
/// </summary>
public sealed record SourceSelection(ClusterSourceSpec Spec, string? ImpersonateUser);
