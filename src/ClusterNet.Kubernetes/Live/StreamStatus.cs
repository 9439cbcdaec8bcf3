using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Live;

/// <summary>What one list/watch loop reports about itself; <see cref="KindStatusBoard"/> folds these into a kind's status.</summary>
internal sealed record StreamStatus(KindState State, string? Message = null, int Loaded = 0, int? Expected = null, string? ApiVersion = null);
