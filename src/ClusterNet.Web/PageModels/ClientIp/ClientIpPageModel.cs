using System.Collections.Immutable;
using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Decoding;
using ClusterNet.Core.ClientIp.Queries;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;
using ClusterNet.Web.ClientIp;
using ClusterNet.Web.Navigation;
using ClusterNet.Web.Snapshots;

namespace ClusterNet.Web.PageModels.ClientIp;

/// <summary>
/// The Client IP page without a renderer: URL state in (<see cref="ClientIpUrlState"/>, parsed by
/// <see cref="ClientIpPathQueryParser"/> and <see cref="DecodeInput.TryParse"/>), <see cref="ClientIpPageView"/> out.
/// Caches per snapshot: the overview table and picker are computed once per snapshot, a report once per snapshot and
/// subject, so switching routes or editing the decoder does not analyse again. URL changes answer at once (usually from
/// the cache, <see cref="Update"/>); a new snapshot is analysed off the circuit's thread
/// (<see cref="UpdateInBackgroundAsync"/>) and the newest update wins: a result overtaken by a later update is dropped.
/// </summary>
public sealed class ClientIpPageModel(Func<Func<ClientIpPageView>, Task<ClientIpPageView>>? background = null, SnapshotCaches? caches = null)
{
    /// <summary>The overview and picker of each snapshot, shared by every circuit ("client-ip.overview").</summary>
    public const string OverviewCacheName = "client-ip.overview";

    private readonly SnapshotCache<bool, (ImmutableArray<ClientIpOverviewRow> Rows, ImmutableArray<ClientIpChoice> Choices)> _overviews =
        (caches ?? new SnapshotCaches()).Get<bool, (ImmutableArray<ClientIpOverviewRow> Rows, ImmutableArray<ClientIpChoice> Choices)>(OverviewCacheName, 4, OverviewBytes);

    private readonly Func<Func<ClientIpPageView>, Task<ClientIpPageView>> _background = background ?? Task.Run;
    private readonly Lock _gate = new();
    private long _generation;

    public const string DefaultRemote = "10.244.1.5";
    public const string DefaultHeader = "X-Forwarded-For: 6.6.6.6, 203.0.113.7";
    public const string DefaultTrusted = "10.244.0.0/16";
    public const string DefaultLimit = "1";
    public const string DefaultHops = "0";

    private SnapshotIdentity? _overviewOf;
    private ImmutableArray<ClientIpOverviewRow> _rows = [];
    private ImmutableArray<ClientIpChoice> _choices = [];
    private (SnapshotIdentity Snapshot, ClientIpTarget Target, string Key, ClientIpReport? Report)? _report;
    private (DecodeInput Input, ClientIpDecoderView View)? _decoder;

    public ClientIpPageView? View { get; private set; }

    /// <summary>The view for <paramref name="snapshot"/> and <paramref name="url"/>, computed now.</summary>
    public ClientIpPageView Update(ClusterSnapshot snapshot, ClientIpUrlState url)
    {
        Interlocked.Increment(ref _generation);
        var view = Compute(snapshot, url);
        View = view;
        return view;
    }

    /// <summary>
    /// The view computed off the caller's thread; null when a later <see cref="Update"/> or
    /// <see cref="UpdateInBackgroundAsync"/> started meanwhile (its answer is the newer one).
    /// </summary>
    public async Task<ClientIpPageView?> UpdateInBackgroundAsync(ClusterSnapshot snapshot, ClientIpUrlState url)
    {
        var generation = Interlocked.Increment(ref _generation);
        var view = await _background(() => Compute(snapshot, url));
        if (Interlocked.Read(ref _generation) != generation)
        {
            return null;
        }

        View = view;
        return view;
    }

    private ClientIpPageView Compute(ClusterSnapshot snapshot, ClientIpUrlState url)
    {
        lock (_gate)
        {
            return ComputeLocked(snapshot, url);
        }
    }

    private ClientIpPageView ComputeLocked(ClusterSnapshot snapshot, ClientIpUrlState url)
    {
        Overview(snapshot);
        var parsed = ClientIpPathQueryParser.Parse(QueryInput.Parameters(
        [
            new(ClientIpPathQueryParser.Service, Blank(url.Service)),
            new(ClientIpPathQueryParser.Ingress, Blank(url.Ingress)),
            new(ClientIpPathQueryParser.Gateway, Blank(url.Gateway)),
            new(ClientIpPathQueryParser.Route, Blank(url.Route)),
        ]));
        var query = parsed.Query;
        var selected = query is null ? null : KeyOf(query);
        ClientIpReportPanel? panel = null;
        ObjectRef? missing = null;
        if (query is { Target: not ClientIpTarget.Overview })
        {
            var report = Report(snapshot, query);
            if (report is null)
            {
                missing = new ObjectRef(query.Target switch
                {
                    ClientIpTarget.Service => ResourceKind.Services,
                    ClientIpTarget.Gateway => ResourceKind.Gateways,
                    _ => ResourceKind.Ingresses,
                }, new ObjectKey(query.Namespace, query.Name));
            }
            else
            {
                panel = Panel(report, query.Route);
                if (query.Target == ClientIpTarget.Gateway && snapshot.Gateways.Get(query.Namespace, query.Name) is { } gateway)
                {
                    panel = panel with { PacketWalkUrl = GatewayPacketWalkUrl(gateway, panel.Current) };
                }
            }
        }

        return new ClientIpPageView
        {
            Version = snapshot.Version,
            Choices = _choices,
            SelectedKey = selected,
            QueryError = parsed.Ok ? null : parsed.Errors[0].Message,
            Report = panel,
            Missing = missing,
            Rows = [.. _rows.Select(r => new ClientIpRowView(r, KeyOf(r), KeyOf(r) == selected, ClientIpBadge.Of(r.Outcome, r.Reason)))],
            Decoder = Decoder(DecoderInput(url)),
        };
    }

    /// <summary>The URL change that shows <paramref name="key"/> ("service:ns/name", "ingress:ns/name", "gateway:ns/name", null = none); the route resets.</summary>
    public static (string Name, string? Value)[] Select(string? key)
    {
        var (kind, target) = key?.Split(':', 2) is [var k, var t] ? (k, t) : (null, null);
        return
        [
            (ClientIpPathQueryParser.Service, kind == "service" ? target : null),
            (ClientIpPathQueryParser.Ingress, kind == "ingress" ? target : null),
            (ClientIpPathQueryParser.Gateway, kind == "gateway" ? target : null),
            (ClientIpPathQueryParser.Route, null),
        ];
    }

    /// <summary>The decoder form's input from the URL, with the page's example as default.</summary>
    public static DecodeInput DecoderInput(ClientIpUrlState url) => new(
        url.Remote ?? DefaultRemote,
        url.Headers.IsDefaultOrEmpty ? [DefaultHeader] : [.. url.Headers.Where(h => h.Trim().Length > 0)],
        url.Trusted is null ? DefaultTrusted : url.Trusted == "none" ? "" : url.Trusted,
        url.HeaderName ?? ForwardedDecodeRequest.XForwardedFor,
        url.Recursive == "on",
        url.Limit ?? DefaultLimit,
        url.Hops ?? DefaultHops,
        url.UseRemote == "on");

    /// <summary>The URL parameters that hold <paramref name="input"/>: defaults are left out, so the plain URL shows the example.</summary>
    public static IReadOnlyDictionary<string, object?> DecoderParameters(DecodeInput input) => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["remote"] = input.RemoteAddr == DefaultRemote ? null : input.RemoteAddr,
        // No header lines at all is written as one empty h= so it does not fall back to the example.
        ["h"] = input.Headers.Length == 1 && input.Headers[0] == DefaultHeader ? null : input.Headers.Length == 0 ? new[] { "" } : input.Headers.ToArray(),
        ["trusted"] = input.Trusted == DefaultTrusted ? null : input.Trusted.Length == 0 ? "none" : input.Trusted,
        ["hname"] = input.HeaderName == ForwardedDecodeRequest.XForwardedFor ? null : input.HeaderName,
        ["rec"] = input.Recursive ? "on" : null,
        ["limit"] = input.ForwardLimit == DefaultLimit ? null : input.ForwardLimit,
        ["hops"] = input.XffNumTrustedHops == DefaultHops ? null : input.XffNumTrustedHops,
        ["ura"] = input.UseRemoteAddress ? "on" : null,
    };

    /// <summary>The header lines of the decoder's text area: one per line, blank lines dropped, order kept.</summary>
    public static ImmutableArray<string> HeaderLines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0)];

    public static string KeyOf(ClientIpOverviewRow r)
    {
        if (r.ExposedVia.StartsWith("Ingress ", StringComparison.Ordinal))
        {
            return $"ingress:{r.Namespace}/{r.ExposedVia["Ingress ".Length..]}";
        }

        // "Gateway NS/NAME listener L": the row selects the Gateway.
        if (r.ExposedVia.StartsWith("Gateway ", StringComparison.Ordinal) && r.ExposedVia.Split(' ') is [_, var gateway, "listener", ..])
        {
            return $"gateway:{gateway}";
        }

        return $"service:{r.Namespace}/{r.Name}";
    }

    private static string? KeyOf(ClientIpPathQuery q) => q.Target switch
    {
        ClientIpTarget.Service => $"service:{q.Key}",
        ClientIpTarget.Ingress => $"ingress:{q.Key}",
        ClientIpTarget.Gateway => $"gateway:{q.Key}",
        _ => null,
    };

    private void Overview(ClusterSnapshot snapshot)
    {
        if (_overviewOf?.Is(snapshot) == true)
        {
            return;
        }

        (_rows, _choices) = _overviews.Get(snapshot, snapshot.Version, true, () => ComputeOverview(snapshot));
        _overviewOf = new SnapshotIdentity(snapshot);
    }

    /// <summary>The overview table's rows and the picker's choices of a snapshot: the same for every circuit.</summary>
    private static (ImmutableArray<ClientIpOverviewRow> Rows, ImmutableArray<ClientIpChoice> Choices) ComputeOverview(ClusterSnapshot snapshot) =>
    (
        [.. ClientIpAnalyzer.Overview(snapshot)],
        [
            .. Natural(snapshot.Gateways.Select(g => new ClientIpChoice($"gateway:{g.Namespace}/{g.Name}", $"Gateway {g.Namespace}/{g.Name}"))),
            .. Natural(snapshot.Ingresses.Select(i => new ClientIpChoice($"ingress:{i.Namespace}/{i.Name}", $"Ingress {i.Namespace}/{i.Name}"))),
            .. Natural(snapshot.Services.Select(v => new ClientIpChoice($"service:{v.Namespace}/{v.Name}", $"Service {v.Namespace}/{v.Name} ({v.Type})"))),
        ]);

    /// <summary>An estimate: ~400 bytes per overview row, the choices' two strings each.</summary>
    private static long OverviewBytes((ImmutableArray<ClientIpOverviewRow> Rows, ImmutableArray<ClientIpChoice> Choices) o) =>
        (400L * o.Rows.Length) + o.Choices.Sum(c => 32 + ApproximateSize.String(c.Key) + ApproximateSize.String(c.Label));

    /// <summary>The picker lists each kind in natural order (ns2 before ns10); the key is kind:ns/name, so one kind sorts by ns/name.</summary>
    private static IEnumerable<ClientIpChoice> Natural(IEnumerable<ClientIpChoice> choices) => choices.OrderBy(c => c.Key, NaturalStringComparer.Instance);

    private ClientIpReport? Report(ClusterSnapshot snapshot, ClientIpPathQuery query)
    {
        if (_report is { } c && c.Snapshot.Is(snapshot) && c.Target == query.Target && c.Key == query.Key)
        {
            return c.Report;
        }

        var report = ClientIpAnalyzer.For(snapshot, query);
        _report = (new SnapshotIdentity(snapshot), query.Target, query.Key, report);
        return report;
    }

    private ClientIpDecoderView Decoder(DecodeInput input)
    {
        if (_decoder is { } c && c.Input == input)
        {
            return c.View;
        }

        var view = input.TryParse(out var request, out var error)
            ? new ClientIpDecoderView(input, ForwardedHeaderDecoder.Decode(request!), null)
            : new ClientIpDecoderView(input, null, error);
        _decoder = (input, view);
        return view;
    }

    /// <summary>The report as the page shows it, with <paramref name="routeId"/> selected (the first route when null or unknown).</summary>
    public static ClientIpReportPanel Panel(ClientIpReport report, string? routeId)
    {
        var current = report.Routes.FirstOrDefault(r => r.Id == routeId) ?? report.Routes.FirstOrDefault();
        return new ClientIpReportPanel
        {
            Report = report,
            Badge = ClientIpBadge.Of(report.Outcome, report.Verdict),
            Details = report.Kind == ClientIpSubjectKind.Service ? ObjectRef.Service(report.Namespace, report.Name) : null,
            Tabs = report.Routes.Length > 1 ? [.. report.Routes.Select(r => new ClientIpRouteTab(r.Id, r.Name, r.Id == current?.Id))] : [],
            Current = current,
            CurrentBadge = current is null ? null : ClientIpBadge.Of(current.Outcome, current.Verdict),
            ShowCurrentVerdict = current is not null && current.Id != report.Routes[0].Id,
            Diagram = current is { Hops.Length: > 0 } ? ClientIpDiagramLayout.Build(current) : null,
            HasHopDetails = current?.Hops.Any(h => h.Detail is not null || h.SnatReason is not null) == true,
            Risks = report.Risks,
            OtherFixes = [.. ClientIpFindings.Unattached(report).Select(f => (f.Id, ClientIpFindings.ToFindingFix(f)))],
        };
    }

    /// <summary>
    /// The Topology page's walk from a client outside through <paramref name="gateway"/>
    /// (<c>/topology?from=external&amp;to=gw/NS/NAME&amp;port=PORT</c>, the parameters of its walk form): the port is
    /// the listener of <paramref name="current"/> (route ids start with the listener name), else the first listener's;
    /// null when the Gateway has no listener to walk through.
    /// </summary>
    public static string? GatewayPacketWalkUrl(GatewayInfo gateway, ClientIpRoute? current)
    {
        var listenerName = current?.Id.Split('/')[0];
        var listener = gateway.Listeners.FirstOrDefault(l => l.Name == listenerName) ?? gateway.Listeners.FirstOrDefault();
        if (listener is null)
        {
            return null;
        }

        var to = $"{ClusterNet.Core.Topology.PacketWalkQuery.GatewayPrefix}{Uri.EscapeDataString(gateway.Namespace)}/{Uri.EscapeDataString(gateway.Name)}";
        return $"/topology?from={ClusterNet.Core.Topology.PacketWalkQuery.External}&to={to}&port={listener.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static string? Blank(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
