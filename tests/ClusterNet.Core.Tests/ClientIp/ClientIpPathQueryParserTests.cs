using System.Text.Json;
using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Queries;
using ClusterNet.Core.Findings;
using ClusterNet.Core.Queries;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>The one parser of the client-IP question: URL parameters and CLI flags, one set of messages.</summary>
public sealed class ClientIpPathQueryParserTests
{
    private static QueryResult<ClientIpPathQuery> Flags(params (string Name, string? Value)[] values) =>
        ClientIpPathQueryParser.Parse(QueryInput.Flags(values.Select(v => new KeyValuePair<string, string?>(v.Name, v.Value))));

    private static QueryResult<ClientIpPathQuery> Url(params (string Name, string? Value)[] values) =>
        ClientIpPathQueryParser.Parse(QueryInput.Parameters(values.Select(v => new KeyValuePair<string, string?>(v.Name, v.Value))));

    [Fact]
    public void Parse_Nothing_Overview()
    {
        var q = Url().Query!;
        Assert.Equal(ClientIpTarget.Overview, q.Target);
        Assert.Null(q.SubjectKind);
        Assert.Equal(ClientIpFormat.Text, q.Format);
    }

    [Fact]
    public void Parse_ServiceAndRoute_Fields()
    {
        var q = Url(("service", "shop/web"), ("route", "nodeport")).Query!;
        Assert.Equal(ClientIpPathQuery.ForService("shop", "web") with { Route = "nodeport" }, q);
        Assert.Equal(ClientIpSubjectKind.Service, q.SubjectKind);
    }

    [Fact]
    public void Parse_GatewayAndRoute_Fields()
    {
        var q = Url(("gateway", "dev/eg"), ("route", "http/httproute/dev/myapp/0")).Query!;
        Assert.Equal(ClientIpPathQuery.ForGateway("dev", "eg") with { Route = "http/httproute/dev/myapp/0" }, q);
        Assert.Equal(ClientIpSubjectKind.Gateway, q.SubjectKind);
    }

    [Theory]
    [InlineData("service", "ingress", "give --service or --ingress, not both")]
    [InlineData("service", "gateway", "give --service or --gateway, not both")]
    [InlineData("ingress", "gateway", "give --ingress or --gateway, not both")]
    public void Parse_TwoSubjects_NamesBoth(string first, string second, string message)
    {
        var r = Flags((first, "a/b"), (second, "c/d"));
        Assert.False(r.Ok);
        Assert.Equal(message, r.Errors[0].Message);
    }

    [Fact]
    public void Parse_MalformedGateway_NamesTheParameter()
    {
        var r = Url(("gateway", "eg"));
        Assert.Equal("gateway 'eg': expected NAMESPACE/NAME", r.Errors[0].Message);
        Assert.True(ClientIpPathQueryParser.IsNameError(r.Errors[0]));
    }

    [Fact]
    public void Parse_RestGatewayRoute_AsksWhatTheUrlAsks() =>
        Assert.Equal(Url(("gateway", "dev/eg")).Query, ClientIpPathQueryParser.Parse(ClientIpTarget.Gateway, "dev", "eg").Query);

    [Fact]
    public void Parse_IngressJson_Fields()
    {
        var q = Flags(("ingress", "shop/shop"), ("format", "json")).Query!;
        Assert.Equal(ClientIpTarget.Ingress, q.Target);
        Assert.Equal("shop/shop", q.Key);
        Assert.Equal(ClientIpFormat.Json, q.Format);
    }

    [Theory]
    [InlineData("service", "nope", "--service 'nope': expected NAMESPACE/NAME", "service 'nope': expected NAMESPACE/NAME")]
    [InlineData("service", "a/b/c", "--service 'a/b/c': expected NAMESPACE/NAME", "service 'a/b/c': expected NAMESPACE/NAME")]
    [InlineData("ingress", "/x", "--ingress '/x': expected NAMESPACE/NAME", "ingress '/x': expected NAMESPACE/NAME")]
    [InlineData("format", "yaml", "--format must be one of text|json, got 'yaml'", "format must be one of text|json, got 'yaml'")]
    public void Parse_Bad_MessageNamesInputAsCallerWroteIt(string name, string value, string cli, string url)
    {
        Assert.Equal(cli, Assert.Single(Flags((name, value)).Errors).Message);
        Assert.Equal(url, Assert.Single(Url((name, value)).Errors).Message);
    }

    [Fact]
    public void Parse_Both_OneErrorBeforeNames()
    {
        var r = Flags(("service", "bad"), ("ingress", "c/d"), ("format", "x"));
        Assert.Equal(["--format must be one of text|json, got 'x'", "give --service or --ingress, not both"], r.Errors.Select(e => e.Message));
        Assert.False(r.Errors.Any(ClientIpPathQueryParser.IsNameError));
    }

    [Fact]
    public void Parse_RestRoute_SameQueryAsUrl()
    {
        Assert.Equal(Url(("ingress", "a/b")).Query, ClientIpPathQueryParser.Parse(ClientIpTarget.Ingress, "a", "b").Query);
    }

    [Theory]
    [InlineData(Severity.Error, "high")]
    [InlineData(Severity.Warning, "medium")]
    [InlineData(Severity.Notice, "low")]
    [InlineData(Severity.Info, "info")]
    public void SeverityWord_ContractWords(Severity severity, string word) => Assert.Equal(word, ClientIpFindings.Word(severity));

    [Theory]
    [InlineData(ClientIpPeer.LoadBalancer, "\"load-balancer\"")]
    [InlineData(ClientIpPeer.IngressController, "\"ingress-controller\"")]
    [InlineData(ClientIpPeer.Client, "\"client\"")]
    public void SocketIs_Json_KebabWords(ClientIpPeer peer, string json)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
        var text = JsonSerializer.Serialize(new ClientIpAppView { SocketIs = peer, SocketRemoteAddress = "x", ClientIpFrom = "y" }, options);
        Assert.Contains($"\"socketIs\":{json}", text, StringComparison.Ordinal);
        Assert.Equal(peer, JsonSerializer.Deserialize<ClientIpAppView>(text, options)!.SocketIs);
    }

    [Theory]
    [InlineData(ClientIpOutcome.Preserved, "Preserved: x", ClientIpTone.Success, "yes: socket address")]
    [InlineData(ClientIpOutcome.PreservedInHeader, "In a header: x", ClientIpTone.Info, "yes: in a header")]
    [InlineData(ClientIpOutcome.PreservedInHeader, "Forgeable: x", ClientIpTone.Warning, "in a header, forgeable")]
    [InlineData(ClientIpOutcome.Lost, "Lost: x", ClientIpTone.Warning, "no: lost")]
    [InlineData(ClientIpOutcome.Broken, "Broken: x", ClientIpTone.Error, "broken")]
    [InlineData(ClientIpOutcome.NotApplicable, "Not applicable", ClientIpTone.Neutral, "n/a")]
    public void OutcomeText_ToneAndWords(ClientIpOutcome outcome, string verdict, ClientIpTone tone, string text)
    {
        Assert.Equal(tone, ClientIpOutcomeText.Tone(outcome, verdict));
        Assert.Equal(text, ClientIpOutcomeText.Short(outcome, verdict));
    }
}
