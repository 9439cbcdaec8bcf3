using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Web.PageModels.Cluster;

/// <summary>What the Cluster page shows for one snapshot and one <see cref="ClusterPageQuery"/>.</summary>
public sealed record ClusterPageView
{
    public required ClusterPageQuery Query { get; init; }

    public required ClusterSnapshot Snapshot { get; init; }

    /// <summary>No node and no pod: the page shows the empty state instead of zero counts.</summary>
    public required bool IsEmpty { get; init; }

    public required ClusterSummary Summary { get; init; }

    /// <summary>Nodes matching the text filter, with their pod counts.</summary>
    public required IReadOnlyList<NodeRow> Nodes { get; init; }

    /// <summary>Pods matching the namespace and text filters.</summary>
    public required IReadOnlyList<PodInfo> Pods { get; init; }

    /// <summary>Services matching the namespace and text filters.</summary>
    public required IReadOnlyList<ServiceRow> Services { get; init; }

    /// <summary>Namespaces for the filter: declared ones and any that objects use.</summary>
    public required IReadOnlyList<string> Namespaces { get; init; }

    /// <summary>Every kind's sync status, in <see cref="ResourceKind.All"/> order.</summary>
    public required IReadOnlyList<KindRow> Kinds { get; init; }

    /// <summary>Problems reading the input, as findings (one mapping: <see cref="SourceDiagnostic.ToFinding"/>).</summary>
    public required IReadOnlyList<Finding> InputProblems { get; init; }
}

/// <summary>The counts above the tabs.</summary>
public sealed record ClusterSummary(int NodesReady, int Nodes, int PodsRunningReady, int Pods, int Services, int Namespaces, int KindsNotSynced);

public sealed record NodeRow(NodeInfo Node, int Pods);

/// <summary>A Service with its columns worded: ports (<c>80:30080/TCP</c>), external addresses, traffic policy, endpoints.</summary>
public sealed record ServiceRow(ServiceInfo Service, string Ports, string External, string TrafficPolicy, string Endpoints);

/// <summary>One kind on the sync tab: its status and the object count worded (<c>3,400 / 10,000</c> while syncing).</summary>
public sealed record KindRow(string Kind, KindStatus Status, string Objects);
