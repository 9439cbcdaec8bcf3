using ClusterNet.Core.Dns;
using ClusterNet.Core.Findings;

namespace ClusterNet.Web.PageModels.Dns;

/// <summary>The banner's tone: set by the lookup on screen when there is one, else by the cluster's findings.</summary>
public enum DnsBanner
{
    Success,
    Warning,
    Error,
}

/// <summary>Everything the DNS page shows for one snapshot and one URL state, decided in Core and composed by <see cref="DnsPageModel"/>.</summary>
public sealed record DnsPageView
{
    public required DnsBanner Banner { get; init; }
    public required string BannerText { get; init; }
    /// <summary>The cluster's findings in the one order (<see cref="FindingOrder"/>).</summary>
    public IReadOnlyList<Finding> Findings { get; init; } = [];
    public Finding? Selected { get; init; }
    /// <summary>A pod of the selected finding, to look a name up from.</summary>
    public string? SelectedPod { get; init; }
    /// <summary>Why the question could not be asked: a URL parameter, a gone pod or a malformed resolv.conf.</summary>
    public string? Error { get; init; }
    public DnsLookupResult? Lookup { get; init; }
    /// <summary>The linked pod is gone: what is shown instead, and why that is the same DNS.</summary>
    public string? Replaced { get; init; }
    /// <summary>The pod's resolv.conf derivation and each container's C library, in one sentence.</summary>
    public string? Profile { get; init; }
    public IReadOnlyList<string> ProfileNotes { get; init; } = [];
    /// <summary>The effective resolv.conf as a file.</summary>
    public string? EffectiveConf { get; init; }
    /// <summary>The pod's /etc/hosts as kubelet writes it (null with a pasted resolv.conf).</summary>
    public string? HostsFile { get; init; }
    /// <summary>The C library control's current entry (auto unless the URL overrides the guess).</summary>
    public DnsLibcChoice Libc { get; init; } = DnsLibcChoice.All[0];
    /// <summary>The lookup's timelines, the primary library's first.</summary>
    public IReadOnlyList<Core.Dns.Timeline.DnsTimeline> Timelines { get; init; } = [];
    /// <summary>What the scenario added or assumed (a second nameserver), or null.</summary>
    public string? ScenarioNote { get; init; }
    /// <summary>The pod's own findings with the C library override applied (their patches follow it).</summary>
    public IReadOnlyList<Finding> PodFindings { get; init; } = [];
    /// <summary>Per finding id, the DNS page link that runs the scenario proving it, and its label.</summary>
    public IReadOnlyDictionary<string, (string Href, string Label)> ScenarioLinks { get; init; } = new Dictionary<string, (string, string)>();
    /// <summary>No pod: the pasted resolv.conf is edited (its text, default the ClusterFirst file of namespace default).</summary>
    public bool PasteMode { get; init; }
    public string ConfText { get; init; } = "";

    public string? LadderTitle(ExpansionResult ladder) =>
        Lookup is { } l && ladder.Request.Libc.Name == l.Primary.Name && l.Profile is not null
            ? $"{ladder.Request.Libc} — this pod's C library"
            : ladder.Request.Libc.ToString();
}

/// <summary>The live lookup panel: where it asks, whether it is asking, what it got.</summary>
public sealed record DnsLiveState
{
    public string Server { get; init; } = "";
    public int Port { get; init; } = Core.Dns.Queries.DnsLookupQuery.DefaultPort;
    public bool Running { get; init; }
    public ClusterNet.Web.Dns.LiveLookupResult? Result { get; init; }
    public string? Error { get; init; }
}
