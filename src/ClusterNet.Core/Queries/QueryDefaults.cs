namespace ClusterNet.Core.Queries;

/// <summary>The defaults every front end (page URL, REST, CLI) falls back to, defined once.</summary>
public static class QueryDefaults
{
    public const int Port = 80;
    public const string Protocol = "TCP";
    /// <summary>A node's pods fold into one counted box above this many (Topology:AggregateAbove).</summary>
    public const int AggregateAbove = 50;
    /// <summary>Veth boxes fold into the pod–bridge edge above this many pods (Topology:FoldVethsAbove).</summary>
    public const int FoldVethsAbove = 1000;
}
