using System.Collections.Immutable;

namespace ClusterNet.Web.ClientIp;

/// <summary>A laid-out path drawing: boxes left to right, arrows between them (SVG coordinates).</summary>
public sealed record ClientIpDiagram(double Width, double Height, ImmutableArray<DiagramBox> Boxes, ImmutableArray<DiagramArrow> Arrows)
{
    /// <summary>The SVG's title: "route: hop → hop → ...".</summary>
    public string Title { get; init; } = "";

    /// <summary>The SVG's description for screen readers: where the source is replaced and what the app sees.</summary>
    public string Description { get; init; } = "";

    public int SnatCount => Arrows.Count(a => a.Snat);
}

/// <summary>One hop. Kind is the hop kind in kebab case (client, load-balancer, node, ...); Lines are the wrapped title.</summary>
public sealed record DiagramBox(string Id, string Kind, double X, double Y, double Width, double Height, ImmutableArray<string> Lines, string? Address, bool Dashed, bool Snat);

/// <summary>
/// The link into a hop: Label is the source address that hop sees; Snat marks that the previous hop replaced the
/// source; Headers are what the previous hop added (X-Forwarded-For, PROXY protocol).
/// </summary>
public sealed record DiagramArrow(string From, string To, double X1, double X2, double Y, string Label, bool Snat, ImmutableArray<string> Headers);
