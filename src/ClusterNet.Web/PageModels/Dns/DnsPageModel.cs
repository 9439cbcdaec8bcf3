using System.Security.Claims;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Dns.Queries;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;
using ClusterNet.Web.Dns;
using ClusterNet.Web.Security;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.PageModels.Dns;

/// <summary>
/// The DNS page without a renderer: URL state in (<see cref="Show"/>), <see cref="DnsPageView"/> out; the live lookup's
/// form and result (<see cref="Live"/>). The cluster report is shared per snapshot (<see cref="DnsReportCache"/>) and
/// recomputed off the circuit's thread when a snapshot arrives (<see cref="RefreshAsync"/>, newest wins); the lookup of
/// the last (snapshot, question) is kept, so re-renders cost nothing.
/// </summary>
public sealed class DnsPageModel(DnsReportCache reports, DnsLiveLookup live, LookupThrottle throttle, DnsLookupGuard guard)
{
    private (SnapshotIdentity Snapshot, DnsLookupQuery Query, DnsLookupResult Result)? _lookup;
    private string? _liveKey;
    private int _generation;

    public DnsPageUrl Url { get; private set; } = new();

    public DnsPageView View { get; private set; } = new() { Banner = DnsBanner.Success, BannerText = "" };

    public DnsLiveState Live { get; private set; } = new();

    /// <summary>The view of <paramref name="url"/> on <paramref name="snapshot"/> (computed now; cheap once the snapshot's report exists).</summary>
    public DnsPageView Show(ClusterSnapshot snapshot, DnsPageUrl url)
    {
        Url = url;
        var report = reports.Get(snapshot);
        var findings = FindingOrder.Sort(report.Findings);
        var selected = url.Finding is null ? null : findings.FirstOrDefault(f => f.Id == url.Finding);
        var view = new DnsPageView
        {
            Banner = ReportBanner(report),
            BannerText = report.Verdict,
            Findings = findings,
            Selected = selected,
            SelectedPod = selected is { Affected.IsDefaultOrEmpty: false } s ? s.Affected[0] : null,
            PasteMode = string.IsNullOrWhiteSpace(url.Pod),
            ConfText = url.Conf ?? DnsLookupEngine.DefaultResolvConf(snapshot, reports.Settings),
            Libc = DnsLibcChoice.Of(url.Libc, url.LibcVersion),
            ScenarioLinks = ScenarioLinks(findings),
        };

        var parsed = url.Parse();
        if (!parsed.Ok)
        {
            return View = view with { Error = string.Join("; ", parsed.Errors.Select(e => e.Message)) };
        }

        var lookup = Lookup(snapshot, parsed.Query!);
        ResetLiveWhenAsked(parsed.Query!, lookup);
        if (lookup.Error is not null)
        {
            return View = view with { Error = lookup.Error };
        }

        view = view with
        {
            Lookup = lookup,
            EffectiveConf = lookup.Conf?.Render(),
            Replaced = Replaced(url.Pod, lookup.Replacement),
            Profile = lookup.Profile is { } p
                ? $"{p.ResolvConf.Explanation}. Containers: {string.Join("; ", p.Containers.Select(c => $"{c.Container}: {c.Libc.Evidence}"))}"
                : null,
            ProfileNotes = lookup.Profile is { } q ? [.. q.ResolvConf.Notes, .. q.ResolvConf.ApiErrors] : [],
            HostsFile = lookup.Hosts?.Text,
            Timelines = lookup.MyTimeline is { } myTimeline && (lookup.Primary.IsMusl ? lookup.GlibcTimeline : lookup.MuslTimeline) is { } otherTimeline ? [myTimeline, otherTimeline] : [],
            ScenarioNote = lookup.ScenarioNote,
            PodFindings = FindingOrder.Sort(lookup.PodFindings),
        };
        if (lookup is { Verdict: { } verdict, Mine: { } mine, Other: { } other })
        {
            view = view with { Banner = LookupBanner(mine, other), BannerText = verdict };
        }

        return View = view;
    }

    /// <summary>
    /// A new snapshot: its report is computed on the thread pool, then the view is shown again. False when a newer
    /// snapshot arrived meanwhile (its refresh wins; this one's view is dropped).
    /// </summary>
    public async Task<bool> RefreshAsync(ClusterSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var generation = Interlocked.Increment(ref _generation);
        await reports.GetAsync(snapshot).WaitAsync(cancellationToken).ConfigureAwait(true);
        if (generation != Volatile.Read(ref _generation))
        {
            return false;
        }

        Show(snapshot, Url);
        return true;
    }

    /// <summary>Pod keys containing <paramref name="text"/> (case-insensitive), for the pod picker; the first <paramref name="limit"/>.</summary>
    public static IEnumerable<string> PodsMatching(ClusterSnapshot snapshot, string? text, int limit = 50) =>
        snapshot.Pods.Select(p => p.Key.ToString())
            .Where(k => string.IsNullOrWhiteSpace(text) || k.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase))
            .Order(NaturalStringComparer.Instance)
            .Take(limit);

    public void SetLiveServer(string? server) => Live = Live with { Server = server?.Trim() ?? "" };

    public void SetLivePort(int port) => Live = Live with { Port = port };

    /// <summary>Asks the live server the shown name's questions, within the user's lookup budget (one budget with POST /api/dns/lookup), only to an allowed server (<see cref="DnsLookupGuard"/>).</summary>
    public async Task RunLiveAsync(ClaimsPrincipal? user, string? remoteAddress = null, CancellationToken cancellationToken = default)
    {
        if (View.Lookup is not { Conf: { } conf, Glibc: not null } lookup || Url.Parse().Query is not { Name: not null } query)
        {
            return;
        }

        if (!throttle.TryAcquire(user, remoteAddress, out var wait))
        {
            Live = Live with { Error = $"Too many live lookups; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s." };
            return;
        }

        var target = DnsLookupQueryParser.Parse(QueryInput.Parameters([
            new(DnsLookupQueryParser.ServerInput, Live.Server),
            new(DnsLookupQueryParser.PortInput, Live.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ]));
        if (!target.Ok || string.IsNullOrWhiteSpace(Live.Server))
        {
            Live = Live with { Error = DnsLookupQueryParser.ServerMessage };
            return;
        }

        // The same servers as POST /api/dns/lookup: the cluster's DNS servers on port 53, or what Dns:LookupAllow adds.
        var refusal = _lookup is { } shown && shown.Snapshot.Target is { } snapshot
            ? guard.Refusal(snapshot, reports.Settings, target.Query!.Server!, target.Query.Port)
            : "No cluster snapshot to check the server against; try again.";
        if (refusal is not null)
        {
            Live = Live with { Error = refusal };
            return;
        }

        Live = Live with { Running = true, Error = null };
        try
        {
            var request = LiveLookupRequest.From(query with { Server = target.Query!.Server, Port = target.Query.Port }, conf, lookup.Primary);
            Live = Live with { Result = await live.RunAsync(request, cancellationToken).ConfigureAwait(true) };
        }
        catch (ArgumentException ex)
        {
            Live = Live with { Error = ex.Message };
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or DnsClient.DnsResponseException)
        {
            Live = Live with { Error = $"The server {Live.Server}:{Live.Port} could not be asked: {ex.Message}" };
        }
        finally
        {
            Live = Live with { Running = false };
        }
    }

    private DnsLookupResult Lookup(ClusterSnapshot snapshot, DnsLookupQuery query)
    {
        if (_lookup is { } last && last.Snapshot.Is(snapshot) && last.Query == query)
        {
            return last.Result;
        }

        var result = DnsLookupEngine.Run(query, snapshot, reports.Settings);
        _lookup = (new SnapshotIdentity(snapshot), query, result);
        return result;
    }

    /// <summary>A different question (pod, file, name, family) clears the live answer and points the server at its nameserver.</summary>
    private void ResetLiveWhenAsked(DnsLookupQuery query, DnsLookupResult lookup)
    {
        var key = $"{query.Pod}|{query.ResolvConf}|{query.Name}|{query.Family}";
        if (key != _liveKey)
        {
            _liveKey = key;
            Live = new DnsLiveState { Server = lookup.Conf?.Nameservers.FirstOrDefault() ?? "127.0.0.1" };
        }
    }

    /// <summary>The element id of the timeline section (finding links scroll to it).</summary>
    public const string TimelineAnchor = "dns-timeline";

    /// <summary>The link that runs the scenario proving each finding (pod, name and case in the URL, the finding selected).</summary>
    internal static IReadOnlyDictionary<string, (string Href, string Label)> ScenarioLinks(IEnumerable<Finding> findings)
    {
        var links = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var f in findings)
        {
            if (DnsFindingScenario.For(f) is { } s)
            {
                var url = new DnsPageUrl
                {
                    Pod = s.Pod,
                    Name = s.Name,
                    Case = s.Scenario == DnsScenario.Exists ? null : DnsLookupQueryParser.ScenarioText(s.Scenario),
                    Finding = f.Id,
                };
                // The fragment scrolls the browser to the timeline the link runs.
                links[f.Id] = (url.ToHref() + "#" + TimelineAnchor, $"Run \"{s.Label}\" for {s.Pod} ({s.Name})");
            }
        }

        return links;
    }

    private static DnsBanner ReportBanner(DnsReport report) =>
        report.HasCritical ? DnsBanner.Error : report.Findings.IsEmpty ? DnsBanner.Success : DnsBanner.Warning;

    /// <summary>The lookup's own outcome: fails → error; resolves but slowly or not with the other library → warning.</summary>
    internal static DnsBanner LookupBanner(ExpansionResult mine, ExpansionResult other) =>
        !mine.Result.Ok ? DnsBanner.Error
        : !other.Result.Ok || mine.WorstCaseSeconds > 0 ? DnsBanner.Warning
        : DnsBanner.Success;

    private static string? Replaced(string? linked, DnsPodReplacement? replacement) => replacement switch
    {
        null => null,
        { Kind: DnsReplacementKind.SameReplicaSet } r => $"{linked} is gone; showing {r.Pod.Key} of the same ReplicaSet (same spec, same DNS).",
        var r => $"{linked} is gone; showing {r.Pod.Key} of {r.Owner} (a later rollout may have changed its DNS settings).",
    };
}
