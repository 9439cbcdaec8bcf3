namespace ClusterNet.Core.Model;

/// <summary>A policy attachment target (targetRef / targetRefs[]): a local object by group, kind and name, optionally one section (listener).</summary>
public sealed record PolicyTargetRefInfo(string Group, string Kind, string Name, string? SectionName = null);
