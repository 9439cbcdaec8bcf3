using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Files;
using ClusterNet.Testing;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Golden;

/// <summary>
/// Pins every REST endpoint of README "REST API" and src/ClusterNet.Web/Api/Dns/DnsEndpoints.cs byte for byte: status,
/// content type and raw body of each request, against the real app (TestServer) on a fixed snapshot, compared with
/// <c>Golden/Expected/&lt;case&gt;.golden.txt</c>. Generated from the code before the Web/CLI refactor.
/// <para>
/// The snapshot: the frozen demo manifests (tests/Shared/Golden/Fixtures/demo-cluster.yaml, the same file the CLI goldens
/// read) loaded once through ManifestLoader into a <see cref="TestClusterSource"/> whose every kind is synced; its one
/// flush makes the snapshot version 1. The source is <c>file</c> named by the fixture's path, as
/// <c>clusternet --manifests</c> would name it, so <c>/api/topology</c> can be compared with the CLI's document.
/// </para>
/// <para>
/// Normalisation (<see cref="Normalise"/>), applied to every body and nothing else:
/// the absolute fixture directory becomes <c>&lt;shared&gt;</c>;
/// anything matched by <see cref="Volatile"/> (trace ids, which are per request) becomes a fixed placeholder;
/// the members of every <c>labels</c> and <c>annotations</c> object are sorted by name (each member's raw bytes kept),
/// because /api/nodes and /api/pods serialise the model's ImmutableDictionary in hash order, which .NET randomises per
/// process: their order is not a contract today, so it is not pinned.
/// </para>
/// Layout of a golden file: request lines prefixed <c>&gt; </c>, status and content type prefixed <c>&lt; </c>, then
/// <c>--- body</c> and the raw body. Regenerate with
/// <c>UPDATE_GOLDEN=1 dotnet test tests/ClusterNet.Web.Tests --filter FullyQualifiedName~Golden</c>.
/// </summary>
public sealed class RestGoldenTests(RestGoldenTests.DemoApp app) : IClassFixture<RestGoldenTests.DemoApp>
{
    public const string ExpectedDir = "tests/ClusterNet.Web.Tests/Golden/Expected";

    private const string SharedToken = "<shared>";

    private const string Php = "shop/php-fpm-6b8f7c9d4-k7vzx";
    private const string MyApp = "dev/myapp-5d9c7b8f6-jx4ps";

    internal static readonly string SharedDir = GoldenFile.PathOf("tests/Shared/Golden/Fixtures");

    /// <summary>Values that differ per run by design; each is replaced, in the golden and in the actual body alike.</summary>
    private static readonly (Regex Pattern, string Replacement)[] Volatile =
    [
        (new Regex("\"traceId\":\"[^\"]*\"", RegexOptions.CultureInvariant), "\"traceId\":\"<trace-id>\""),
        (new Regex("Trace id: <code>[^<]*</code>", RegexOptions.CultureInvariant), "Trace id: <code><trace-id></code>"),
    ];

    /// <summary>Properties whose object value is a model ImmutableDictionary, serialised in per-process hash order.</summary>
    private static readonly HashSet<string> HashOrderedMaps = new(StringComparer.Ordinal) { "labels", "annotations" };

    private static readonly string[] ErrorNames = ["errors/error-machine", "errors/error-browser"];

    private static readonly (string Name, string Method, string Path, string? Body)[] All =
    [
        .. Health(),
        .. Snapshot(),
        .. Topology(),
        .. PacketWalk(),
        .. ClientIp(),
        .. Policy(),
        .. Dns(),
    ];

    public static TheoryData<string, string, string, string?> Cases()
    {
        var data = new TheoryData<string, string, string, string?>();
        foreach (var (name, method, path, body) in All)
        {
            data.Add(name, method, path, body);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_DocumentedEndpoint_MatchesGoldenFile(string name, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await app.Client.SendAsync(request);
        var golden = await Render(request, body, response);

        GoldenFile.AssertMatches($"{ExpectedDir}/{name}.golden.txt", golden);
    }

    /// <summary>
    /// Production's answer after an unhandled exception (README "HTTP hardening"): requested directly, as the exception
    /// handler re-executes it; its per-request trace id is the one volatile value of the REST goldens.
    /// </summary>
    [Fact]
    public async Task Error_MachineAndBrowser_MatchGoldenFiles()
    {
        foreach (var (name, accept) in ErrorNames.Zip(new[] { "application/json", "text/html" }))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/error");
            request.Headers.Accept.ParseAdd(accept);
            using var response = await app.Client.SendAsync(request);
            GoldenFile.AssertMatches($"{ExpectedDir}/{name}.golden.txt", await Render(request, null, response));
        }
    }

    /// <summary>The cases of this class plus the one-off goldens other tests in this folder write.</summary>
    [Fact]
    public void Expected_EveryGoldenFile_HasACase()
    {
        var names = All.Select(c => c.Name).Concat(ErrorNames).Concat(SnapshotVariantGoldenTests.Names).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        GoldenFile.AssertNoOrphans(ExpectedDir, names.Select(n => $"{ExpectedDir}/{n}.golden.txt"));
    }

    internal static async Task<string> Render(HttpRequestMessage request, string? body, HttpResponseMessage response)
    {
        var sb = new StringBuilder();
        sb.Append("> ").Append(request.Method.Method).Append(' ').Append(request.RequestUri).Append('\n');
        if (request.Headers.Accept.Count > 0)
        {
            sb.Append("> accept: ").Append(request.Headers.Accept).Append('\n');
        }

        if (body is not null)
        {
            sb.Append("> content-type: application/json\n> ").Append(body).Append('\n');
        }

        sb.Append("< ").Append((int)response.StatusCode).Append('\n');
        sb.Append("< content-type: ").Append(response.Content.Headers.ContentType?.ToString() ?? "(none)").Append('\n');
        sb.Append("--- body\n");
        sb.Append(Normalise(await response.Content.ReadAsStringAsync()));
        return sb.ToString();
    }

    internal static string Normalise(string text)
    {
        text = SortMaps(text);
        text = text.Replace(SharedDir, SharedToken, StringComparison.Ordinal);
        foreach (var (pattern, replacement) in Volatile)
        {
            text = pattern.Replace(text, replacement);
        }

        return text;
    }

    /// <summary>Sorts the members of each JSON object that is the value of a <see cref="HashOrderedMaps"/> property.</summary>
    internal static string SortMaps(string text)
    {
        if (!text.StartsWith('{') && !text.StartsWith('['))
        {
            return text;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes);
        var spans = new List<(int Start, int End)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    property = reader.GetString();
                    continue;
                }

                if (reader.TokenType == JsonTokenType.StartObject && property is not null && HashOrderedMaps.Contains(property))
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    spans.Add((start, (int)reader.BytesConsumed));
                }

                property = null;
            }
        }
        catch (JsonException)
        {
            // Not JSON after all (a plain-text body that starts with a bracket): nothing to sort.
            return text;
        }

        if (spans.Count == 0)
        {
            return text;
        }

        var result = new List<byte>(bytes.Length);
        var at = 0;
        foreach (var (start, end) in spans)
        {
            result.AddRange(bytes[at..start]);
            result.AddRange(SortedObject(bytes[start..end]));
            at = end;
        }

        result.AddRange(bytes[at..]);
        return Encoding.UTF8.GetString([.. result]);
    }

    /// <summary>The object's members, each as its raw bytes, ordered by name; the bodies are compact JSON, so "," joins them.</summary>
    private static byte[] SortedObject(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        var members = new List<(string Name, byte[] Raw)>();
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }

            var start = (int)reader.TokenStartIndex;
            var name = reader.GetString()!;
            reader.Read();
            reader.Skip();
            members.Add((name, json[start..(int)reader.BytesConsumed]));
        }

        var sorted = members.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => Encoding.UTF8.GetString(m.Raw));
        return Encoding.UTF8.GetBytes("{" + string.Join(",", sorted) + "}");
    }

    private static IEnumerable<(string, string, string, string?)> Health() =>
    [
        ("health/healthz", "GET", "/healthz", null),
        ("health/readyz", "GET", "/readyz", null),
    ];

    private static IEnumerable<(string, string, string, string?)> Snapshot() =>
    [
        ("snapshot/snapshot", "GET", "/api/snapshot", null),
        ("snapshot/nodes", "GET", "/api/nodes", null),
        ("snapshot/pods", "GET", "/api/pods", null),
        ("snapshot/pods-namespace", "GET", "/api/pods?namespace=dev", null),
        ("snapshot/pods-unknown-namespace", "GET", "/api/pods?namespace=nope", null),
        ("snapshot/pods-empty-namespace", "GET", "/api/pods?namespace=", null),
    ];

    private static IEnumerable<(string, string, string, string?)> Topology() =>
    [
        ("topology/topology", "GET", "/api/topology", null),
        ("topology/routes-node01", "GET", "/api/topology/routes/node01", null),
        ("topology/routes-master", "GET", "/api/topology/routes/master", null),
        ("topology/routes-unknown-node-404", "GET", "/api/topology/routes/node09", null),
    ];

    private static IEnumerable<(string, string, string, string?)> PacketWalk() =>
    [
        ("packet-walk/pod-to-pod-cross-node", "GET", "/api/packet-walk?from=dev/pod1&to=prod/pod1&port=80&protocol=TCP", null),
        ("packet-walk/pod-to-pod-defaults", "GET", "/api/packet-walk?from=dev/pod1&to=prod/pod1", null),
        ("packet-walk/pod-to-service", "GET", "/api/packet-walk?from=dev/pod1&to=svc/dev/myapp&port=80&protocol=TCP", null),
        ("packet-walk/pod-to-service-endpoint", "GET", $"/api/packet-walk?from=dev/pod1&to=svc/dev/myapp&port=80&protocol=TCP&endpoint={MyApp}", null),
        ("packet-walk/pod-to-dns-udp", "GET", $"/api/packet-walk?from={Php}&to=svc/kube-system/kube-dns&port=53&protocol=UDP", null),
        ("packet-walk/host-network-source", "GET", $"/api/packet-walk?from=kube-system/kube-proxy-2lbdq&to={MyApp}&port=80", null),
        ("packet-walk/missing-from-400", "GET", "/api/packet-walk?to=prod/pod1", null),
        ("packet-walk/missing-to-400", "GET", "/api/packet-walk?from=dev/pod1", null),
        ("packet-walk/bad-protocol-400", "GET", "/api/packet-walk?from=dev/pod1&to=prod/pod1&protocol=XYZ", null),
        ("packet-walk/bad-port-range-400", "GET", "/api/packet-walk?from=dev/pod1&to=prod/pod1&port=70000", null),
        ("packet-walk/port-not-a-number-400", "GET", "/api/packet-walk?from=dev/pod1&to=prod/pod1&port=abc", null),
        ("packet-walk/bad-from-text-400", "GET", "/api/packet-walk?from=pod1&to=prod/pod1", null),
        ("packet-walk/unknown-pod-404", "GET", "/api/packet-walk?from=dev/nope&to=prod/pod1", null),
        ("packet-walk/unknown-service-404", "GET", "/api/packet-walk?from=dev/pod1&to=svc/dev/nope", null),
        ("packet-walk/unknown-endpoint", "GET", "/api/packet-walk?from=dev/pod1&to=svc/dev/myapp&endpoint=dev/pod1", null),
    ];

    private static IEnumerable<(string, string, string, string?)> ClientIp() =>
    [
        ("client-ip/echo", "GET", "/api/echo", null),
        ("client-ip/overview", "GET", "/api/client-ip", null),
        ("client-ip/service-lb-local", "GET", "/api/client-ip/services/ingress-nginx/ingress-nginx-controller", null),
        ("client-ip/service-nodeport", "GET", "/api/client-ip/services/dev/myapp", null),
        ("client-ip/service-clusterip", "GET", "/api/client-ip/services/kube-system/kube-dns", null),
        ("client-ip/service-unknown-404", "GET", "/api/client-ip/services/dev/nope", null),
        ("client-ip/ingress", "GET", "/api/client-ip/ingresses/dev/myapp", null),
        ("client-ip/ingress-unknown-404", "GET", "/api/client-ip/ingresses/dev/nope", null),
        ("client-ip/decode", "POST", "/api/client-ip/decode", """{"remoteAddr":"10.0.0.1","headers":["X-Forwarded-For: 6.6.6.6, 203.0.113.7"],"trusted":"10.0.0.0/8"}"""),
        ("client-ip/decode-every-field", "POST", "/api/client-ip/decode", """{"remoteAddr":"10.0.0.1","headers":["X-Forwarded-For: 6.6.6.6, 203.0.113.7, 10.0.0.9"],"trusted":"10.0.0.0/8,192.168.0.0/16","headerName":"X-Forwarded-For","recursive":true,"forwardLimit":"none"}"""),
        ("client-ip/decode-x-real-ip", "POST", "/api/client-ip/decode", """{"remoteAddr":"10.0.0.1","headers":["X-Real-IP: 203.0.113.7","X-Forwarded-For: 6.6.6.6"],"trusted":"10.0.0.0/8","headerName":"X-Real-IP"}"""),
        ("client-ip/decode-no-trusted", "POST", "/api/client-ip/decode", """{"remoteAddr":"10.0.0.1","headers":["X-Forwarded-For: [2001:db8::1], unknown, 203.0.113.7:443"],"trusted":""}"""),
        ("client-ip/decode-bad-remote-400", "POST", "/api/client-ip/decode", """{"remoteAddr":"nope","trusted":""}"""),
        ("client-ip/decode-bad-cidr-400", "POST", "/api/client-ip/decode", """{"remoteAddr":"10.0.0.1","trusted":"10.0.0.0/40"}"""),
        ("client-ip/decode-bad-header-400", "POST", "/api/client-ip/decode", """{"remoteAddr":"10.0.0.1","headers":["no colon here"],"trusted":""}"""),
        ("client-ip/decode-bad-forward-limit-400", "POST", "/api/client-ip/decode", """{"remoteAddr":"10.0.0.1","trusted":"","forwardLimit":"-1"}"""),
        ("client-ip/decode-empty-body-400", "POST", "/api/client-ip/decode", "{}"),
        ("client-ip/decode-malformed-json-400", "POST", "/api/client-ip/decode", """{"remoteAddr":"""),
    ];

    private static IEnumerable<(string, string, string, string?)> Policy()
    {
        const string Allow = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-80-from-dev, namespace: dev}\nspec:\n  podSelector: {matchLabels: {app: myapp}}\n  policyTypes: [Ingress]\n  ingress:\n  - from: [{podSelector: {}}]\n    ports: [{protocol: TCP, port: 80}]\n";
        return
        [
            ("policy/reach-from-to-probe", "GET", "/api/policy/reach?from=dev/pod1&to=prod/pod1&probe=80/TCP", null),
            ("policy/reach-from-container-ports", "GET", "/api/policy/reach?from=dev/pod1", null),
            ("policy/reach-to-probes", "GET", $"/api/policy/reach?to={MyApp}&probe=80/TCP&probe=53/UDP", null),
            ("policy/reach-from-ip", "GET", $"/api/policy/reach?from=203.0.113.9&to={MyApp}&probe=80/TCP", null),
            ("policy/reach-caveat", "GET", $"/api/policy/reach?from=dev/myapp-5d9c7b8f6-t2rvh&to={MyApp}&probe=80/TCP", null),
            ("policy/reach-bad-probe-400", "GET", "/api/policy/reach?from=dev/pod1&to=prod/pod1&probe=80/XYZ", null),
            ("policy/reach-bad-probe-port-400", "GET", "/api/policy/reach?from=dev/pod1&to=prod/pod1&probe=http", null),
            ("policy/reach-unknown-from-400", "GET", "/api/policy/reach?from=dev/nope&to=prod/pod1", null),
            ("policy/reach-unknown-to-400", "GET", "/api/policy/reach?from=dev/pod1&to=prod/nope", null),
            ("policy/reach-bad-endpoint-400", "GET", "/api/policy/reach?from=dev/pod1/x&to=prod/pod1", null),
            ("policy/reach-no-from-to-400", "GET", "/api/policy/reach?probe=80/TCP", null),
            ("policy/reach-too-many-probes-400", "GET", "/api/policy/reach?from=dev/pod1&to=prod/pod1" + string.Concat(Enumerable.Range(1, 33).Select(p => $"&probe={p}/TCP")), null),
            ("policy/what-if-add", "POST", "/api/policy/what-if", $$"""{"yaml":{{Json(Allow)}},"probes":["80/TCP"]}"""),
            ("policy/what-if-delete", "POST", "/api/policy/what-if", """{"delete":["dev/deny-all-ingress","dev/allow-80-ingress"],"probes":["80/TCP"]}"""),
            ("policy/what-if-default-probes", "POST", "/api/policy/what-if", """{"delete":["prod/deny-all-egress"]}"""),
            ("policy/what-if-nothing", "POST", "/api/policy/what-if", "{}"),
            ("policy/what-if-malformed-yaml-400", "POST", "/api/policy/what-if", $$"""{"yaml":{{Json("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: dev}\nspec:\n  podSelector: [1, 2]\n")}}}"""),
            ("policy/what-if-configmap-ignored", "POST", "/api/policy/what-if", $$"""{"yaml":{{Json("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: dev}\n")}}}"""),
            ("policy/what-if-not-a-policy-400", "POST", "/api/policy/what-if", $$"""{"yaml":{{Json("apiVersion: v1\nkind: Service\nmetadata: {name: x, namespace: dev}\nspec: {ports: [{port: 80}]}\n")}}}"""),
            ("policy/what-if-bad-delete-key-400", "POST", "/api/policy/what-if", """{"delete":["deny-all-ingress"]}"""),
            ("policy/what-if-bad-probe-400", "POST", "/api/policy/what-if", """{"delete":["dev/deny-all-ingress"],"probes":["80/XYZ"]}"""),
            ("policy/what-if-every-error-400", "POST", "/api/policy/what-if", $$"""{"yaml":{{Json("kind: ConfigMap\nmetadata: {name: x, namespace: dev}\n---\nkind: NetworkPolicy\nmetadata: {name: bad, namespace: dev}\nspec: {podSelector: [1]}\n")}},"delete":["nope"],"probes":["http"]}"""),
        ];
    }

    private static IEnumerable<(string, string, string, string?)> Dns() =>
    [
        ("dns/findings", "GET", "/api/dns/findings", null),
        ("dns/resolv-conf-cluster-first", "GET", $"/api/dns/resolv-conf?pod={Php}", null),
        ("dns/resolv-conf-policy-default", "GET", "/api/dns/resolv-conf?pod=kube-system/coredns-74ff55c5b-gq6tn", null),
        ("dns/resolv-conf-host-network", "GET", "/api/dns/resolv-conf?pod=kube-system/kube-proxy-2lbdq", null),
        ("dns/resolv-conf-unknown-pod-404", "GET", "/api/dns/resolv-conf?pod=dev/nope", null),
        ("dns/resolv-conf-no-pod-404", "GET", "/api/dns/resolv-conf", null),
        ("dns/expand-pod-musl", "POST", "/api/dns/expand", $$"""{"name":"baidu.com","pod":"{{Php}}","libc":"musl"}"""),
        ("dns/expand-pod-default-libc", "POST", "/api/dns/expand", """{"name":"baidu.com","pod":"dev/pod1"}"""),
        ("dns/expand-resolv-conf-answers", "POST", "/api/dns/expand", """{"name":"api.example.com","resolvConf":"nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local localdomain\noptions ndots:5\n","libc":"glibc","libcVersion":"2.36","answers":{"10.96.0.10":{"default":"NXDOMAIN","names":{"api.example.com":{"A":["93.184.216.34"]},"*.localdomain":"SERVFAIL"}}}}"""),
        ("dns/expand-musl-servfail-inet6", "POST", "/api/dns/expand", """{"name":"api.example.com","resolvConf":"nameserver 10.96.0.10\nnameserver 10.96.0.11\nsearch localdomain\noptions ndots:5 timeout:2 attempts:3 single-request-reopen\n","libc":"musl","family":"inet6","answers":{"10.96.0.10":{"default":"SERVFAIL"}}}"""),
        ("dns/expand-missing-name-400", "POST", "/api/dns/expand", """{"name":"","pod":"dev/pod1"}"""),
        ("dns/expand-no-input-400", "POST", "/api/dns/expand", """{"name":"a"}"""),
        ("dns/expand-unknown-pod-400", "POST", "/api/dns/expand", """{"name":"a","pod":"dev/nope"}"""),
        ("dns/expand-bad-libc-400", "POST", "/api/dns/expand", """{"name":"a","pod":"dev/pod1","libc":"uclibc"}"""),
        ("dns/expand-bad-libc-version-400", "POST", "/api/dns/expand", """{"name":"a","pod":"dev/pod1","libcVersion":"9.9"}"""),
        ("dns/expand-bad-family-400", "POST", "/api/dns/expand", """{"name":"a","pod":"dev/pod1","family":"ipx"}"""),
        ("dns/expand-malformed-resolv-conf-400", "POST", "/api/dns/expand", """{"name":"a","resolvConf":"nameserver 10.96.0.10\noptions ndots:x\n"}"""),
        ("dns/expand-malformed-answers-400", "POST", "/api/dns/expand", """{"name":"a","pod":"dev/pod1","answers":{"10.96.0.10":{"names":{"a":"WHATEVER"}}}}"""),
        ("dns/expand-no-body-name-400", "POST", "/api/dns/expand", """{"pod":"dev/pod1"}"""),

        // Live lookups send packets, so only the input checks that answer before any packet is sent are pinned here.
        ("dns/lookup-bad-server-400", "POST", "/api/dns/lookup", """{"name":"a","pod":"dev/pod1","server":"dns.example"}"""),
        ("dns/lookup-bad-port-400", "POST", "/api/dns/lookup", """{"name":"a","pod":"dev/pod1","server":"10.96.0.10","port":0}"""),
        ("dns/lookup-no-input-400", "POST", "/api/dns/lookup", """{"name":"a"}"""),
    ];

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    /// <summary>One app for every read-only case: the snapshot never changes, so sharing it only saves start-up time.</summary>
    public sealed class DemoApp : IAsyncLifetime
    {
        private WebAppFactory? _factory;

        public HttpClient Client { get; private set; } = null!;

        /// <summary>
        /// Production, as deployed: a request the framework cannot bind gets Production's answer, not the Development
        /// exception page (whose stack trace would pin line numbers of unrelated code).
        /// </summary>
        public static readonly Dictionary<string, string?> Settings = new() { ["environment"] = "Production" };

        public static TestClusterSource Source(bool synced = true)
        {
            var path = Path.Combine(SharedDir, "demo-cluster.yaml");
            var loaded = ManifestLoader.LoadPath(path);
            Assert.Empty(loaded.Diagnostics);
            return new TestClusterSource(new SourceInfo("file", path), loaded.Objects, synced);
        }

        public Task InitializeAsync()
        {
            _factory = new WebAppFactory(Source(), Settings);
            Client = _factory.CreateClient();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }
        }
    }
}
