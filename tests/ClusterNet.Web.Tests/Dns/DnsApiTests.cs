using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterNet.Web.Tests.Infrastructure;

namespace ClusterNet.Web.Tests.Dns;

public sealed class DnsApiTests
{
    [Fact]
    public async Task GetFindings_FlagsAlpinePhpFirst()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: DnsFixture.Objects()));
        using var doc = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/api/dns/findings"));
        var first = doc.RootElement.GetProperty("findings")[0];
        Assert.Equal("musl-conntrack-race", first.GetProperty("code").GetString());
        Assert.Equal("critical", first.GetProperty("severity").GetString());
        Assert.Equal("10.96.0.10", doc.RootElement.GetProperty("cluster").GetProperty("kubeDns").GetString());
    }

    [Fact]
    public async Task PostExpand_PodAndName_CliShape()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: DnsFixture.Objects()));
        var response = await factory.CreateClient().PostAsJsonAsync("/api/dns/expand", new { name = "baidu.com", pod = "shop/php-fpm-7d9f8c6b5-abcde", libc = "musl" });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(8, doc.RootElement.GetProperty("queries").GetArrayLength());
        Assert.Equal(["qname", "qtype", "server"], doc.RootElement.GetProperty("queries")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("EAI_NONAME", doc.RootElement.GetProperty("result").GetProperty("error").GetString());
    }

    [Fact]
    public async Task PostExpand_PodsOwnHostname_FromItsHostsFileWithoutQueries()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: DnsFixture.Objects()));
        var response = await factory.CreateClient().PostAsJsonAsync("/api/dns/expand", new { name = "php-fpm-7d9f8c6b5-abcde", pod = "shop/php-fpm-7d9f8c6b5-abcde", libc = "musl", family = "inet" });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, doc.RootElement.GetProperty("queries").GetArrayLength());
        Assert.Equal(["10.244.1.5"], doc.RootElement.GetProperty("result").GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
    }

    [Theory]
    [InlineData("{\"name\": \"a\"}", "give either pod")]
    [InlineData("{\"name\": \"a\", \"resolvConf\": \"nameserver x\"}", "resolvConf:1")]
    [InlineData("{\"name\": \"a\", \"pod\": \"shop/nope\"}", "not in the snapshot")]
    [InlineData("{\"name\": \"a\", \"pod\": \"shop/api-5c6d7e8f9-xyz12\", \"libc\": \"uclibc\"}", "glibc or musl")]
    public async Task PostExpand_BadInput_400WithMessage(string body, string message)
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: DnsFixture.Objects()));
        var response = await factory.CreateClient().PostAsync("/api/dns/expand", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResolvConf_Pod_EffectiveFile()
    {
        await using var factory = new WebAppFactory(new TestClusterSource(objects: DnsFixture.Objects()));
        using var doc = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/api/dns/resolv-conf?pod=shop/api-5c6d7e8f9-xyz12"));
        Assert.StartsWith("nameserver 10.96.0.10\nsearch shop.svc.cluster.local", doc.RootElement.GetProperty("resolvConf").GetString(), StringComparison.Ordinal);
    }
}
