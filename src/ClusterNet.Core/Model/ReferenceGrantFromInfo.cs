namespace ClusterNet.Core.Model;

public sealed record ReferenceGrantFromInfo(string Group, string Kind, string Namespace);
