using System.Text;
using ClusterNet.Testing;

namespace ClusterNet.Cli.Tests.Golden;

/// <summary>
/// Pins every documented `clusternet` invocation (README "CLI") byte for byte: each case runs <see cref="CliApp.Run"/>
/// in-process on checked-in fixtures and compares exit code, stderr and stdout with
/// <c>Golden/Expected/&lt;case&gt;.golden.txt</c>. The goldens were generated from the code before the Web/CLI
/// refactor, so a refactor that changes any of them changed a contract.
/// Layout of a golden file (stdout last and raw, so a missing final newline shows):
/// <code>
/// $ clusternet ARGS           (fixture paths as &lt;shared&gt;/... and &lt;fixtures&gt;/...)
/// exit: N
/// --- stderr
/// RAW STDERR
/// --- stdout
/// RAW STDOUT
/// </code>
/// Normalisation: the only volatile part of the output is where the fixtures live on disk; the absolute fixture
/// directories are replaced by <c>&lt;shared&gt;</c> and <c>&lt;fixtures&gt;</c>. Nothing else is rewritten.
/// Regenerate with <c>UPDATE_GOLDEN=1 dotnet test tests/ClusterNet.Cli.Tests --filter FullyQualifiedName~Golden</c>.
/// </summary>
public sealed class CliGoldenTests
{
    private const string ExpectedDir = "tests/ClusterNet.Cli.Tests/Golden/Expected";

    /// <summary>Shared with the REST goldens (same cluster on both sides); a frozen copy of the demo cluster.</summary>
    private const string SharedToken = "<shared>";
    private const string FixturesToken = "<fixtures>";
    private const string Demo = SharedToken + "/demo-cluster.yaml";
    private const string Fx = FixturesToken + "/";

    private static readonly string SharedDir = GoldenFile.PathOf("tests/Shared/Golden/Fixtures");
    private static readonly string FixturesDir = GoldenFile.PathOf("tests/ClusterNet.Cli.Tests/Golden/Fixtures");

    private static readonly (string Name, string[] Args)[] All =
    [
        .. App(),
        .. Topology(),
        .. Routes(),
        .. ClientIpDecode(),
        .. ClientIp(),
        .. DnsExpand(),
        .. DnsResolvConf(),
        .. DnsFindings(),
        .. Reach(),
    ];

    public static TheoryData<string, string[]> Cases()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var (name, args) in All)
        {
            data.Add(name, args);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Run_DocumentedInvocation_MatchesGoldenFile(string name, string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // No $KUBECONFIG and a home without ~/.kube: without --manifests the commands say which kubeconfig is missing,
        // the same on every machine.
        var context = new CliContext { Stdout = stdout, Stderr = stderr, GetEnvironmentVariable = _ => null, Home = FixturesDir };
        var code = await CliApp.RunAsync([.. args.Select(Expand)], context);

        var golden = new StringBuilder()
            .AppendJoin(' ', args.Select(Quote).Prepend("$ clusternet")).Append('\n')
            .Append("exit: ").Append(code).Append('\n')
            .Append("--- stderr\n").Append(Normalise(stderr.ToString()))
            .Append("--- stdout\n").Append(Normalise(stdout.ToString()))
            .ToString();
        GoldenFile.AssertMatches($"{ExpectedDir}/{name}.golden.txt", golden);
    }

    [Fact]
    public void Expected_EveryGoldenFile_HasACase()
    {
        Assert.Equal(All.Length, All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
        GoldenFile.AssertNoOrphans(ExpectedDir, All.Select(c => $"{ExpectedDir}/{c.Name}.golden.txt"));
    }

    private static string Expand(string arg) =>
        arg.Replace(SharedToken, SharedDir, StringComparison.Ordinal).Replace(FixturesToken, FixturesDir, StringComparison.Ordinal);

    private static string Normalise(string text) =>
        text.Replace(SharedDir, SharedToken, StringComparison.Ordinal).Replace(FixturesDir, FixturesToken, StringComparison.Ordinal);

    /// <summary>Shell-style quoting for the header line only (it documents the invocation; it is never parsed).</summary>
    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "_./:=,+-@<>%[]".Contains(c, StringComparison.Ordinal))
            ? arg
            : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static IEnumerable<(string, string[])> App() =>
    [
        ("app/no-args", []),
        ("app/help", ["--help"]),
        ("app/unknown-command", ["frobnicate", "--manifests", Demo]),
    ];

    private static IEnumerable<(string, string[])> Topology()
    {
        string[] flannel = ["topology", "--manifests", Fx + "flannel-cluster.yaml"];
        return
        [
            ("topology/demo-json", ["topology", "--manifests", Demo, "--format", "json"]),
            ("topology/demo-dot", ["topology", "--manifests", Demo, "--format", "dot"]),
            ("topology/flannel-default-format", flannel),
            ("topology/flannel-options-json", [.. flannel, "--node-subnet", "172.16.100.0/25", "--node-subnet", "172.16.100.128/25", "--nic", "ens192", "--nic-mtu", "9000", "--format", "json"]),
            ("topology/flannel-options-dot", [.. flannel, "--node-subnet", "172.16.100.0/25", "--nic", "ens192", "--format", "dot"]),
            ("topology/bad-netconf-warnings", ["topology", "--manifests", Fx + "flannel-bad-netconf.yaml", "--format", "json"]),
            ("topology/error-missing-manifests", ["topology", "--format", "json"]),
            ("topology/error-bad-format", [.. flannel, "--format", "svg"]),
            ("topology/error-unknown-flag", [.. flannel, "--bogus", "1"]),
            ("topology/error-bad-node-subnet", [.. flannel, "--node-subnet", "10.0.0.0/33"]),
            ("topology/error-nic-mtu-not-a-number", [.. flannel, "--nic-mtu", "abc"]),
            ("topology/error-nic-mtu-out-of-range", [.. flannel, "--nic-mtu", "100"]),
            ("topology/error-missing-file", ["topology", "--manifests", Fx + "missing.yaml"]),
            ("topology/error-malformed-file", ["topology", "--manifests", Fx + "malformed.yaml"]),
        ];
    }

    private static IEnumerable<(string, string[])> Routes()
    {
        string[] demo = ["routes", "--manifests", Demo];
        return
        [
            ("routes/demo-node01-text", [.. demo, "--node", "node01"]),
            ("routes/demo-node01-json", [.. demo, "--node", "node01", "--format", "json"]),
            ("routes/demo-master-text", [.. demo, "--node", "master", "--format", "text"]),
            ("routes/flannel-options-text", ["routes", "--manifests", Fx + "flannel-cluster.yaml", "--node", "node02", "--node-subnet", "172.16.100.0/25", "--nic", "ens192", "--format", "text"]),
            ("routes/flannel-options-json", ["routes", "--manifests", Fx + "flannel-cluster.yaml", "--node", "node02", "--node-subnet", "172.16.100.0/25", "--nic", "ens192", "--format", "json"]),
            ("routes/error-missing-node", demo),
            ("routes/error-missing-manifests", ["routes", "--node", "node01"]),
            ("routes/error-unknown-node", [.. demo, "--node", "node09"]),
            ("routes/error-bad-format", [.. demo, "--node", "node01", "--format", "yaml"]),
            ("routes/error-unknown-flag", [.. demo, "--node", "node01", "--bogus"]),
            ("routes/error-bad-node-subnet", [.. demo, "--node", "node01", "--node-subnet", "172.16.100.0"]),
            ("routes/error-missing-file", ["routes", "--manifests", Fx + "missing.yaml", "--node", "node01"]),
            ("routes/error-malformed-file", ["routes", "--manifests", Fx + "malformed.yaml", "--node", "node01"]),
        ];
    }

    private static IEnumerable<(string, string[])> ClientIpDecode()
    {
        string[] decode = ["client-ip", "decode", "--remote-addr", "10.0.0.1"];
        string[] xff = [.. decode, "--header", "X-Forwarded-For: 6.6.6.6, 203.0.113.7"];
        string[] chain = [.. decode, "--header", "X-Forwarded-For: 6.6.6.6, 203.0.113.7, 10.0.0.9", "--trusted", "10.0.0.0/8"];
        return
        [
            ("client-ip-decode/json", [.. xff, "--trusted", "10.0.0.0/8", "--format", "json"]),
            ("client-ip-decode/text", [.. xff, "--trusted", "10.0.0.0/8", "--format", "text"]),
            ("client-ip-decode/default-format", [.. xff, "--trusted", "10.0.0.0/8"]),
            ("client-ip-decode/recursive-json", [.. chain, "--recursive", "on", "--format", "json"]),
            ("client-ip-decode/recursive-text", [.. chain, "--recursive", "on"]),
            ("client-ip-decode/forward-limit-none-json", [.. chain, "--forward-limit", "none", "--format", "json"]),
            ("client-ip-decode/forward-limit-2-text", [.. chain, "--forward-limit", "2"]),
            ("client-ip-decode/no-trusted-json", [.. xff, "--trusted", "", "--format", "json"]),
            ("client-ip-decode/no-trusted-text", [.. xff, "--trusted", ""]),
            ("client-ip-decode/x-real-ip-text", [.. decode, "--header", "X-Real-IP: 203.0.113.7", "--header", "X-Forwarded-For: 6.6.6.6", "--header-name", "X-Real-IP", "--trusted", "10.0.0.0/8"]),
            ("client-ip-decode/x-real-ip-json", [.. decode, "--header", "X-Real-IP: 203.0.113.7", "--header", "X-Forwarded-For: 6.6.6.6", "--header-name", "X-Real-IP", "--trusted", "10.0.0.0/8", "--format", "json"]),
            ("client-ip-decode/flagged-entries-text", [.. decode, "--header", "X-Forwarded-For: [2001:db8::1], unknown, 203.0.113.7:443", "--trusted", "10.0.0.0/8"]),
            ("client-ip-decode/flagged-entries-json", [.. decode, "--header", "X-Forwarded-For: [2001:db8::1], unknown, 203.0.113.7:443", "--trusted", "10.0.0.0/8", "--format", "json"]),
            ("client-ip-decode/envoy-edge-json", ["client-ip", "decode", "--remote-addr", "192.0.2.5", "--header", "X-Forwarded-For: 203.0.113.128, 203.0.113.10, 203.0.113.1", "--trusted", "", "--xff-num-trusted-hops", "2", "--use-remote-address", "on", "--format", "json"]),
            ("client-ip-decode/envoy-edge-text", ["client-ip", "decode", "--remote-addr", "192.0.2.5", "--header", "X-Forwarded-For: 203.0.113.128, 203.0.113.10, 203.0.113.1", "--trusted", "", "--xff-num-trusted-hops", "2", "--use-remote-address", "on"]),
            ("client-ip-decode/error-missing-remote-addr", ["client-ip", "decode", "--trusted", ""]),
            ("client-ip-decode/error-missing-trusted", decode),
            ("client-ip-decode/error-trusted-without-value", [.. decode, "--trusted"]),
            ("client-ip-decode/error-bad-remote-addr", ["client-ip", "decode", "--remote-addr", "nope", "--trusted", ""]),
            ("client-ip-decode/error-bad-cidr", [.. decode, "--trusted", "10.0.0.0/40"]),
            ("client-ip-decode/error-bad-header", [.. decode, "--trusted", "", "--header", "no colon here"]),
            ("client-ip-decode/error-bad-recursive", [.. decode, "--trusted", "", "--recursive", "maybe"]),
            ("client-ip-decode/error-bad-forward-limit", [.. decode, "--trusted", "", "--forward-limit", "-1"]),
            ("client-ip-decode/error-bad-header-name", [.. decode, "--trusted", "", "--header-name", "Forwarded"]),
            ("client-ip-decode/error-bad-format", [.. decode, "--trusted", "", "--format", "yaml"]),
            ("client-ip-decode/error-unknown-flag", [.. decode, "--trusted", "", "--bogus", "x"]),
        ];
    }

    private static IEnumerable<(string, string[])> ClientIp()
    {
        string[] cluster = ["client-ip", "--manifests", Fx + "client-ip-cluster.yaml"];
        string[] demo = ["client-ip", "--manifests", Demo];
        return
        [
            ("client-ip/overview-text", cluster),
            ("client-ip/overview-json", [.. cluster, "--format", "json"]),
            ("client-ip/service-nodeport-text", [.. cluster, "--service", "shop/web"]),
            ("client-ip/service-nodeport-json", [.. cluster, "--service", "shop/web", "--format", "json"]),
            ("client-ip/service-lb-local-text", [.. cluster, "--service", "ingress-nginx/ingress-nginx-controller", "--format", "text"]),
            ("client-ip/service-lb-local-json", [.. cluster, "--service", "ingress-nginx/ingress-nginx-controller", "--format", "json"]),
            ("client-ip/ingress-text", [.. cluster, "--ingress", "shop/shop"]),
            ("client-ip/ingress-json", [.. cluster, "--ingress", "shop/shop", "--format", "json"]),
            ("client-ip/demo-overview-text", demo),
            ("client-ip/demo-overview-json", [.. demo, "--format", "json"]),
            ("client-ip/demo-service-json", [.. demo, "--service", "ingress-nginx/ingress-nginx-controller", "--format", "json"]),
            ("client-ip/demo-ingress-json", [.. demo, "--ingress", "dev/myapp", "--format", "json"]),
            ("client-ip/error-missing-manifests", ["client-ip", "--service", "shop/web"]),
            ("client-ip/error-service-and-ingress", [.. cluster, "--service", "shop/web", "--ingress", "shop/shop"]),
            ("client-ip/error-bad-service-key", [.. cluster, "--service", "web"]),
            ("client-ip/error-bad-ingress-key", [.. cluster, "--ingress", "shop/shop/x"]),
            ("client-ip/error-unknown-service", [.. cluster, "--service", "shop/nope"]),
            ("client-ip/error-unknown-ingress", [.. cluster, "--ingress", "shop/nope"]),
            ("client-ip/error-bad-format", [.. cluster, "--format", "yaml"]),
            ("client-ip/error-unknown-flag", [.. cluster, "--servcie", "shop/web"]),
            ("client-ip/error-missing-file", ["client-ip", "--manifests", Fx + "missing.yaml"]),
            ("client-ip/malformed-file", ["client-ip", "--manifests", Fx + "malformed.yaml"]),
        ];
    }

    private static IEnumerable<(string, string[])> DnsExpand()
    {
        string[] pod = ["dns", "expand", "--resolv-conf", Fx + "pod-resolv.conf"];
        string[] answers = [.. pod, "--answers", Fx + "answers.json"];
        string[] options = ["dns", "expand", "--resolv-conf", Fx + "options-resolv.conf", "--name", "www.example.com"];
        return
        [
            ("dns-expand/glibc-json", [.. pod, "--libc", "glibc", "--name", "baidu.com", "--format", "json"]),
            ("dns-expand/glibc-table", [.. pod, "--libc", "glibc", "--name", "baidu.com", "--format", "table"]),
            ("dns-expand/musl-json", [.. pod, "--libc", "musl", "--name", "baidu.com", "--format", "json"]),
            ("dns-expand/musl-table", [.. pod, "--libc", "musl", "--name", "baidu.com", "--format", "table"]),
            ("dns-expand/default-format", [.. pod, "--libc", "musl", "--name", "kubernetes.default"]),
            ("dns-expand/glibc-answers-json", [.. answers, "--libc", "glibc", "--name", "api.example.com", "--format", "json"]),
            ("dns-expand/glibc-answers-table", [.. answers, "--libc", "glibc", "--name", "api.example.com", "--format", "table"]),
            ("dns-expand/musl-answers-json", [.. answers, "--libc", "musl", "--name", "api.example.com", "--format", "json"]),
            ("dns-expand/musl-answers-table", [.. answers, "--libc", "musl", "--name", "api.example.com", "--format", "table"]),
            ("dns-expand/glibc-answers-inet-version-json", [.. answers, "--libc", "glibc", "--libc-version", "2.36", "--family", "inet", "--name", "s", "--format", "json"]),
            ("dns-expand/musl-answers-inet6-table", [.. answers, "--libc", "musl", "--libc-version", "1.2.3", "--family", "inet6", "--name", "s", "--format", "table"]),
            ("dns-expand/glibc-options-table", [.. options, "--libc", "glibc", "--format", "table"]),
            ("dns-expand/musl-options-table", [.. options, "--libc", "musl", "--format", "table"]),
            ("dns-expand/error-missing-resolv-conf", ["dns", "expand", "--libc", "glibc", "--name", "a"]),
            ("dns-expand/error-missing-name", [.. pod, "--libc", "glibc"]),
            ("dns-expand/error-missing-libc", [.. pod, "--name", "a"]),
            ("dns-expand/error-bad-libc", [.. pod, "--libc", "uclibc", "--name", "a"]),
            ("dns-expand/error-bad-libc-version", [.. pod, "--libc", "glibc", "--libc-version", "9.9", "--name", "a"]),
            ("dns-expand/error-bad-family", [.. pod, "--libc", "glibc", "--name", "a", "--family", "ipx"]),
            ("dns-expand/error-bad-format", [.. pod, "--libc", "glibc", "--name", "a", "--format", "yaml"]),
            ("dns-expand/error-unknown-flag", [.. pod, "--libc", "glibc", "--name", "a", "--ndots", "2"]),
            ("dns-expand/error-missing-file", ["dns", "expand", "--resolv-conf", Fx + "missing.conf", "--libc", "glibc", "--name", "a"]),
            ("dns-expand/error-malformed-resolv-conf", ["dns", "expand", "--resolv-conf", Fx + "bad-resolv.conf", "--libc", "glibc", "--name", "a"]),
            ("dns-expand/error-missing-answers-file", [.. pod, "--answers", Fx + "missing.json", "--libc", "glibc", "--name", "a"]),
            ("dns-expand/error-malformed-answers", [.. pod, "--answers", Fx + "bad-answers.json", "--libc", "glibc", "--name", "a"]),
        ];
    }

    private static IEnumerable<(string, string[])> DnsResolvConf()
    {
        string[] demo = ["dns", "resolv-conf", "--manifests", Demo];
        string[] small = ["dns", "resolv-conf", "--manifests", Fx + "dns-cluster.yaml"];
        return
        [
            ("dns-resolv-conf/demo-cluster-first", [.. demo, "--pod", "shop/php-fpm-6b8f7c9d4-k7vzx"]),
            ("dns-resolv-conf/demo-policy-default", [.. demo, "--pod", "kube-system/coredns-74ff55c5b-gq6tn", "--node-search", "localdomain", "--node-nameserver", "172.16.100.1"]),
            ("dns-resolv-conf/demo-host-network", [.. demo, "--pod", "kube-system/kube-proxy-2lbdq"]),
            ("dns-resolv-conf/dns-config-ndots", [.. small, "--pod", "shop/php-1", "--node-search", "localdomain"]),
            ("dns-resolv-conf/dns-policy-none", [.. small, "--pod", "shop/custom"]),
            ("dns-resolv-conf/cluster-dns-override", [.. small, "--pod", "shop/api", "--cluster-dns", "169.254.20.10", "--cluster-domain", "corp.local", "--node-search", "a.example,b.example"]),
            ("dns-resolv-conf/error-missing-pod", demo),
            ("dns-resolv-conf/error-missing-manifests", ["dns", "resolv-conf", "--pod", "shop/php-1"]),
            ("dns-resolv-conf/error-bad-pod-key", [.. small, "--pod", "php-1"]),
            ("dns-resolv-conf/error-unknown-pod", [.. small, "--pod", "shop/nope"]),
            ("dns-resolv-conf/error-unknown-flag", [.. small, "--pod", "shop/php-1", "--format", "json"]),
            ("dns-resolv-conf/error-missing-file", ["dns", "resolv-conf", "--manifests", Fx + "missing.yaml", "--pod", "shop/php-1"]),
            ("dns-resolv-conf/error-malformed-file", ["dns", "resolv-conf", "--manifests", Fx + "malformed.yaml", "--pod", "dev/pod1"]),
        ];
    }

    private static IEnumerable<(string, string[])> DnsFindings()
    {
        string[] demo = ["dns", "findings", "--manifests", Demo];
        string[] small = ["dns", "findings", "--manifests", Fx + "dns-cluster.yaml"];
        return
        [
            ("dns-findings/demo-json", [.. demo, "--format", "json"]),
            ("dns-findings/demo-table", [.. demo, "--format", "table"]),
            ("dns-findings/small-default-format", small),
            ("dns-findings/small-json-options", [.. small, "--format", "json", "--cluster-domain", "corp.local", "--node-search", "localdomain"]),
            ("dns-findings/error-missing-manifests", ["dns", "findings", "--format", "json"]),
            ("dns-findings/error-bad-format", [.. small, "--format", "yaml"]),
            ("dns-findings/error-unknown-flag", [.. small, "--pod", "shop/php-1"]),
            ("dns-findings/error-missing-file", ["dns", "findings", "--manifests", Fx + "missing.yaml"]),
            ("dns-findings/error-malformed-file", ["dns", "findings", "--manifests", Fx + "malformed.yaml"]),
        ];
    }

    private static IEnumerable<(string, string[])> Reach()
    {
        string[] cluster = ["reach", "--manifests", Fx + "reach-cluster.yaml"];
        string[] demo = ["reach", "--manifests", Demo];
        return
        [
            ("reach/json", [.. cluster, "--format", "json"]),
            ("reach/table", [.. cluster, "--format", "table"]),
            ("reach/default-format", [.. cluster, "--from", "prod/pod1", "--to", "dev/pod1"]),
            ("reach/probes-json", [.. cluster, "--probe", "80/TCP", "--probe", "53/UDP", "--format", "json"]),
            ("reach/probes-table", [.. cluster, "--probe", "80/TCP", "--probe", "53/UDP", "--format", "table"]),
            ("reach/from-to-probe-json", [.. cluster, "--from", "dev/pod2", "--to", "dev/pod1", "--probe", "80/TCP", "--format", "json"]),
            ("reach/from-ip-json", [.. cluster, "--from", "10.244.2.99", "--to", "dev/pod1", "--format", "json"]),
            ("reach/to-ip-json", [.. cluster, "--from", "prod/pod1", "--to", "192.0.2.1", "--probe", "443/TCP", "--format", "json"]),
            ("reach/to-table", [.. cluster, "--to", "dev/pod1", "--format", "table"]),
            ("reach/with-json", [.. cluster, "--with", Fx + "reach-with-allow-db.yaml", "--to", "dev/pod2", "--format", "json"]),
            ("reach/with-table", [.. cluster, "--with", Fx + "reach-with-allow-db.yaml", "--to", "dev/pod2", "--format", "table"]),
            ("reach/without-json", [.. cluster, "--without", "dev/deny-all-ingress", "--to", "dev/pod1", "--format", "json"]),
            ("reach/with-and-without-table", [.. cluster, "--with", Fx + "reach-with-allow-db.yaml", "--without", "dev/deny-all-ingress", "--without", "prod/deny-all-egress", "--format", "table"]),
            ("reach/no-container-ports", [.. cluster, "--to", "kube-system/agent", "--format", "json"]),
            ("reach/no-container-ports-table", [.. cluster, "--to", "kube-system/agent", "--format", "table"]),
            ("reach/demo-from-json", [.. demo, "--from", "dev/pod1", "--format", "json"]),
            ("reach/demo-to-table", [.. demo, "--to", "dev/myapp-5d9c7b8f6-jx4ps", "--format", "table"]),
            ("reach/error-missing-manifests", ["reach", "--format", "json"]),
            ("reach/error-bad-format", [.. cluster, "--format", "csv"]),
            ("reach/error-unknown-flag", [.. cluster, "--fromm", "dev/pod1"]),
            ("reach/error-bad-probe-protocol", [.. cluster, "--probe", "80/XYZ"]),
            ("reach/error-bad-probe-port", [.. cluster, "--probe", "99999/TCP"]),
            ("reach/error-bad-probe-text", [.. cluster, "--probe", "http"]),
            ("reach/error-unknown-from-pod", [.. cluster, "--from", "dev/nope"]),
            ("reach/error-unknown-to-pod", [.. cluster, "--to", "prod/nope"]),
            ("reach/error-bad-endpoint", [.. cluster, "--from", "dev/pod1/x"]),
            ("reach/error-without-unknown-policy", [.. cluster, "--without", "dev/nope"]),
            ("reach/error-without-bad-key", [.. cluster, "--without", "deny-all-ingress"]),
            ("reach/error-with-no-policy", [.. cluster, "--with", Fx + "pods-only.yaml"]),
            ("reach/error-with-missing-file", [.. cluster, "--with", Fx + "missing.yaml"]),
            ("reach/error-with-malformed-file", [.. cluster, "--with", Fx + "malformed.yaml"]),
            ("reach/error-missing-file", ["reach", "--manifests", Fx + "missing.yaml"]),
            ("reach/error-malformed-file", ["reach", "--manifests", Fx + "malformed.yaml"]),
        ];
    }
}
