using System.Text.Json;
using ClusterNet.Cli;

namespace ClusterNet.Cli.Tests.Dns;

/// <summary>The `clusternet dns` contract of issue 5: flags, JSON shape, exit codes.</summary>
public sealed class DnsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("clusternet-dns-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string PodConf() => Write("resolv.conf", "nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local localdomain\noptions ndots:5\n");

    [Fact]
    public void Expand_JsonWithoutAnswers_ExactShapeAllNxDomain()
    {
        var (code, output, _) = Run("dns", "expand", "--resolv-conf", PodConf(), "--libc", "musl", "--name", "baidu.com", "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(["queries", "result", "worstCaseSeconds"], root.EnumerateObject().Select(p => p.Name));
        var queries = root.GetProperty("queries").EnumerateArray().ToList();
        Assert.Equal(10, queries.Count);
        Assert.Equal(["qname", "qtype", "server", "proto"], queries[0].EnumerateObject().Select(p => p.Name));
        Assert.All(queries, q => Assert.Equal("udp", q.GetProperty("proto").GetString()));
        Assert.Equal("baidu.com.default.svc.cluster.local", queries[0].GetProperty("qname").GetString());
        Assert.Equal("A", queries[0].GetProperty("qtype").GetString());
        Assert.Equal("10.96.0.10", queries[0].GetProperty("server").GetString());
        Assert.Equal("baidu.com", queries[9].GetProperty("qname").GetString());
        Assert.Equal("AAAA", queries[9].GetProperty("qtype").GetString());
        var result = root.GetProperty("result");
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal("EAI_NONAME", result.GetProperty("error").GetString());
        Assert.Empty(result.GetProperty("addresses").EnumerateArray());
        Assert.Equal(0, root.GetProperty("worstCaseSeconds").GetDouble());
    }

    [Fact]
    public void Expand_AnswersFile_StopsAtAnswerAndCountsWait()
    {
        var answers = Write("answers.json", """{"10.96.0.10": {"default": "NXDOMAIN", "names": {"s.test.svc.cluster.local": {"A": ["10.96.0.20"]}, "*.example.com": "SERVFAIL"}}}""");
        var conf = Write("test.conf", "nameserver 10.96.0.10\nsearch test.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n");
        var (code, output, _) = Run("dns", "expand", "--resolv-conf", conf, "--libc", "glibc", "--libc-version", "2.36", "--name", "s", "--answers", answers, "--family", "inet", "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Single(doc.RootElement.GetProperty("queries").EnumerateArray());
        Assert.True(doc.RootElement.GetProperty("result").GetProperty("ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("result").GetProperty("error").ValueKind);
        Assert.Equal("10.96.0.20", doc.RootElement.GetProperty("result").GetProperty("addresses")[0].GetString());
    }

    [Fact]
    public void Expand_Table_ShowsLadderAndVerdict()
    {
        var (code, output, _) = Run("dns", "expand", "--resolv-conf", PodConf(), "--libc", "glibc", "--name", "baidu.com", "--format", "table");
        Assert.Equal(0, code);
        Assert.Contains("baidu.com.localdomain", output, StringComparison.Ordinal);
        Assert.Contains("EAI_NONAME after 10 queries", output, StringComparison.Ordinal);
        Assert.Contains("worst-case wait", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nameserver 10.96.0.10\noptions ndots:x\n", null, "resolv.conf:2")]
    [InlineData("nameserver 10.96.0.10\n", "{\"10.96.0.10\": {\"names\": {\"a\": \"WHATEVER\"}}}", "unknown action 'WHATEVER'")]
    [InlineData("nameserver 10.96.0.10\n", "{\"10.96.0.10\": ", "not valid JSON")]
    public void Expand_MalformedInput_Exit2WithMessage(string conf, string? answers, string message)
    {
        var args = new List<string> { "dns", "expand", "--resolv-conf", Write("resolv.conf", conf), "--libc", "glibc", "--name", "a" };
        if (answers is not null)
        {
            args.AddRange(["--answers", Write("answers.json", answers)]);
        }

        var (code, _, err) = Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_TruncatedReply_ProtoShowsTcpRetry()
    {
        var answers = Write("answers.json", """{"10.96.0.10": {"names": {"big.example.com": {"A": ["10.1.0.1"], "tc": true}}}}""");
        var conf = Write("one.conf", "nameserver 10.96.0.10\noptions ndots:1\n");
        string[] Protos(string libc, string version)
        {
            var (code, output, err) = Run("dns", "expand", "--resolv-conf", conf, "--libc", libc, "--libc-version", version, "--name", "big.example.com", "--family", "inet", "--answers", answers);
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(output);
            return [.. doc.RootElement.GetProperty("queries").EnumerateArray().Select(q => q.GetProperty("proto").GetString()!)];
        }

        Assert.Equal(["udp", "tcp"], Protos("glibc", "2.36"));
        Assert.Equal(["udp", "tcp"], Protos("musl", "1.2.5"));
        Assert.Equal(["udp"], Protos("musl", "1.2.3"));
    }

    [Theory]
    [InlineData("glibc", "localhost", 0, "OK")]
    [InlineData("musl", "localhost", 0, "OK")]
    [InlineData("glibc", "web-0", 0, "OK")]
    [InlineData("musl", "db.internal", 0, "OK")]
    [InlineData("glibc", "other", 8, "EAI_NONAME")]
    public void Expand_HostsFile_AnswersWithoutQueries(string libc, string name, int queries, string result)
    {
        var hosts = Write("hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n10.244.1.5\tweb-0\n10.0.0.9\tdb.internal\n");
        var conf = Write("pod.conf", "nameserver 10.96.0.10\nsearch test.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n");
        var (code, output, err) = Run("dns", "expand", "--resolv-conf", conf, "--libc", libc, "--name", name, "--hosts", hosts);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(queries, doc.RootElement.GetProperty("queries").GetArrayLength());
        var r = doc.RootElement.GetProperty("result");
        Assert.Equal(result, r.GetProperty("ok").GetBoolean() ? "OK" : r.GetProperty("error").GetString());
    }

    [Fact]
    public void Expand_WithoutHostsFlag_LocalhostStillSendsNothing()
    {
        var (code, output, _) = Run("dns", "expand", "--resolv-conf", PodConf(), "--libc", "musl", "--name", "localhost");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(0, doc.RootElement.GetProperty("queries").GetArrayLength());
        Assert.Equal(["127.0.0.1", "::1"], doc.RootElement.GetProperty("result").GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
    }

    [Theory]
    [InlineData("off", "disabled", 10)]
    [InlineData("on", "enabled", 10)]
    [InlineData("on", "disabled", 5)]
    public void Expand_AddrConfigAndPodIpv6_DropAaaaOnlyTogether(string addrconfig, string podIpv6, int packets)
    {
        var (code, output, err) = Run("dns", "expand", "--resolv-conf", PodConf(), "--libc", "glibc", "--name", "baidu.com", "--addrconfig", addrconfig, "--pod-ipv6", podIpv6);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var queries = doc.RootElement.GetProperty("queries").EnumerateArray().ToList();
        Assert.Equal(packets, queries.Count);
        Assert.Equal(packets == 5, queries.All(q => q.GetProperty("qtype").GetString() == "A"));
    }

    [Theory]
    [InlineData("--libc", "uclibc", "--libc must be one of glibc|musl")]
    [InlineData("--addrconfig", "yes", "--addrconfig must be one of on|off")]
    [InlineData("--pod-ipv6", "off", "--pod-ipv6 must be one of enabled|disabled")]
    [InlineData("--hosts", "/nonexistent/hosts", "--hosts /nonexistent/hosts: no such file")]
    [InlineData("--family", "ipx", "--family must be one of unspec|inet|inet6")]
    [InlineData("--libc-version", "9.9", "not a glibc")]
    [InlineData("--resolv-conf", "/nonexistent/resolv.conf", "no such file")]
    public void Expand_BadFlags_Exit2(string flag, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--resolv-conf"] = PodConf(), ["--libc"] = "glibc", ["--name"] = "a" };
        args[flag] = value;
        var (code, _, err) = Run([.. new[] { "dns", "expand" }.Concat(args.SelectMany(kv => new[] { kv.Key, kv.Value }))]);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvConf_PodInManifests_PrintsKubeletFile()
    {
        var manifests = Write("cluster.yaml", """
            apiVersion: v1
            kind: Service
            metadata: {name: kube-dns, namespace: kube-system, labels: {k8s-app: kube-dns}}
            spec: {clusterIP: 10.96.0.10, ports: [{name: dns, port: 53, protocol: UDP}], selector: {k8s-app: kube-dns}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: php-1, namespace: shop}
            spec:
              containers: [{name: php, image: "php:7.4-fpm-alpine"}]
              dnsConfig:
                options: [{name: ndots, value: "2"}]
            """);
        var (code, output, err) = Run("dns", "resolv-conf", "--manifests", manifests, "--pod", "shop/php-1", "--node-search", "localdomain");
        Assert.True(code == 0, err);
        Assert.Equal("nameserver 10.96.0.10\nsearch shop.svc.cluster.local svc.cluster.local cluster.local localdomain\noptions ndots:2\n", output);
    }

    [Fact]
    public void ResolvConf_UnknownPod_Exit2()
    {
        var manifests = Write("empty.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
        var (code, _, err) = Run("dns", "resolv-conf", "--manifests", manifests, "--pod", "shop/nope");
        Assert.Equal(2, code);
        Assert.Contains("no such pod", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_DemoCluster_FlagsAlpinePhpAndExits1()
    {
        var demo = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "ClusterNet.Kubernetes", "Demo", "demo-cluster.yaml");
        var (code, output, err) = Run("dns", "findings", "--manifests", demo, "--format", "json");
        Assert.True(code == 1, err);
        using var doc = JsonDocument.Parse(output);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var race = findings.First(f => f.GetProperty("code").GetString() == "musl-conntrack-race" && f.GetProperty("title").GetString()!.Contains("php", StringComparison.Ordinal));
        Assert.Equal("critical", race.GetProperty("severity").GetString());
        Assert.Contains(findings, f => f.GetProperty("code").GetString() == "ndots-search-cost" && f.GetProperty("patch").ValueKind == JsonValueKind.Object);
    }
}
