namespace ClusterNet.Core.Model;

/// <summary>Name null: every object of that group and kind in the grant's namespace.</summary>
public sealed record ReferenceGrantToInfo(string Group, string Kind, string? Name = null);
