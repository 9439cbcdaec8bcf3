namespace ClusterNet.Core.ClientIp.Migration;

/// <summary>A setting that keeps today's behaviour on the new implementation: what it does, where it goes, and the YAML (or flag) to write.</summary>
public sealed record MigrationKeepSetting(string Title, string Target, string Patch, string Language = "yaml");
