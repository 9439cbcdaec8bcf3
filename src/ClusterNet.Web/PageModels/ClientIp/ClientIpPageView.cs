using System.Collections.Immutable;
using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Decoding;
using ClusterNet.Core.Findings;
using ClusterNet.Web.ClientIp;
using ClusterNet.Web.Navigation;

namespace ClusterNet.Web.PageModels.ClientIp;

/// <summary>
/// The Client IP page's URL state as it arrives: the path (service / ingress / gateway NAMESPACE/NAME, route) and the decoder
/// form (remote, h repeated, trusted ("none" = no trusted proxies), hname, rec=on, limit).
/// </summary>
public sealed record ClientIpUrlState
{
    public string? Service { get; init; }
    public string? Ingress { get; init; }
    public string? Gateway { get; init; }
    public string? Route { get; init; }
    public string? Remote { get; init; }
    public ImmutableArray<string> Headers { get; init; } = [];
    public string? Trusted { get; init; }
    public string? HeaderName { get; init; }
    public string? Recursive { get; init; }
    public string? Limit { get; init; }
    /// <summary>Envoy xff_num_trusted_hops as written in the URL ("hops"); absent = 0, Envoy's default.</summary>
    public string? Hops { get; init; }
    /// <summary>Envoy use_remote_address, "on" or absent (off, Envoy's default).</summary>
    public string? UseRemote { get; init; }
}

/// <summary>Everything the page shows for one snapshot and one URL.</summary>
public sealed record ClientIpPageView
{
    public required long Version { get; init; }
    /// <summary>The picker's entries: every Gateway, every Ingress, then every Service.</summary>
    public required ImmutableArray<ClientIpChoice> Choices { get; init; }
    /// <summary>"service:ns/name", "ingress:ns/name" or "gateway:ns/name" when the URL names one.</summary>
    public string? SelectedKey { get; init; }
    /// <summary>The URL's path parameters do not parse (e.g. service=nope).</summary>
    public string? QueryError { get; init; }
    public ClientIpReportPanel? Report { get; init; }
    /// <summary>The URL names a Service/Ingress the snapshot does not have.</summary>
    public ObjectRef? Missing { get; init; }
    public bool ShowHint => Report is null && Missing is null && QueryError is null;
    public required ImmutableArray<ClientIpRowView> Rows { get; init; }
    public required ClientIpDecoderView Decoder { get; init; }

    /// <summary>The picker's words for a key ("Service shop/web (NodePort)"); the key itself when the snapshot lacks it.</summary>
    public string LabelOf(string? key) => key is null ? "" : Choices.FirstOrDefault(c => c.Key == key)?.Label ?? key;
}

public sealed record ClientIpChoice(string Key, string Label);

/// <summary>An outcome as the badge shows it: tone (icon and colour) and words.</summary>
public sealed record ClientIpBadge(ClientIpOutcome Outcome, ClientIpTone Tone, string Text)
{
    public static ClientIpBadge Of(ClientIpOutcome outcome, string? verdict) =>
        new(outcome, ClientIpOutcomeText.Tone(outcome, verdict), ClientIpOutcomeText.Short(outcome, verdict));
}

/// <summary>A row of the exposed-services table with the key its click selects.</summary>
public sealed record ClientIpRowView(ClientIpOverviewRow Row, string Key, bool Selected, ClientIpBadge Badge);

public sealed record ClientIpRouteTab(string Id, string Name, bool Selected);

/// <summary>One report: banner, route tabs, the selected route with its drawing, risks as findings, the other fixes.</summary>
public sealed record ClientIpReportPanel
{
    public required ClientIpReport Report { get; init; }
    public required ClientIpBadge Badge { get; init; }
    /// <summary>The object the "Details" button opens (Services only).</summary>
    public ObjectRef? Details { get; init; }
    /// <summary>Route tabs, when there is more than one route.</summary>
    public ImmutableArray<ClientIpRouteTab> Tabs { get; init; } = [];
    public ClientIpRoute? Current { get; init; }
    public ClientIpBadge? CurrentBadge { get; init; }
    /// <summary>The selected route is not the first, so its verdict differs from the banner's.</summary>
    public bool ShowCurrentVerdict { get; init; }
    public ClientIpDiagram? Diagram { get; init; }
    public bool HasHopDetails { get; init; }
    public ImmutableArray<Finding> Risks { get; init; } = [];
    /// <summary>Fixes that resolve no risk (app-side configuration), with their ids.</summary>
    public ImmutableArray<(string Id, FindingFix Fix)> OtherFixes { get; init; } = [];
    /// <summary>Gateways: the Topology page's packet walk from outside through the selected route's listener (null otherwise).</summary>
    public string? PacketWalkUrl { get; init; }
}

/// <summary>The header decoder: the form's input and either the decoded result or the input's problem.</summary>
public sealed record ClientIpDecoderView(DecodeInput Input, ForwardedDecodeResult? Result, string? Error)
{
    public string HeaderText => string.Join("\n", Input.Headers.IsDefault ? [] : Input.Headers);
}
