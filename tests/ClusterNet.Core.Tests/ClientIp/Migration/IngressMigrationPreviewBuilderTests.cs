using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Gateway;
using ClusterNet.Core.ClientIp.Migration;
using ClusterNet.Core.Tests.ClientIp.Controllers;

namespace ClusterNet.Core.Tests.ClientIp.Migration;

/// <summary>The migration preview: today's ingress-nginx answer beside each Gateway API implementation's defaults, and the settings that keep today's behaviour.</summary>
public sealed class IngressMigrationPreviewBuilderTests
{
    private const string AwsPp = "service.beta.kubernetes.io/aws-load-balancer-proxy-protocol";
    private const string AliHttp = "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-protocol-port";

    private static IngressMigrationPreview Preview(string policy, (string, string)[]? annotations = null, (string, string)[]? configMap = null)
    {
        var cluster = new TestCluster();
        cluster.IngressNginx("LoadBalancer", policy, annotations, configMap);
        cluster.Service("shop", "web", "ClusterIP", null, ["node-3"]);
        cluster.Ingress("shop", "web", "web");
        var (preview, error) = IngressMigrationPreviewBuilder.Build(cluster.Snapshot, "shop", "web");
        Assert.True(preview is not null, error);
        return preview!;
    }

    [Fact]
    public void Build_LocalPolicyDefaults_EveryKnownImplementationRowSameAsToday()
    {
        var p = Preview("Local");
        Assert.Equal(ClientIpOutcome.PreservedInHeader, p.Today.Outcome);
        Assert.Equal(IngressMigrationPreviewBuilder.Targets, p.Rows.Select(r => r.Implementation));
        var envoy = p.Rows.Single(r => r.Implementation == GatewayImplementation.EnvoyGateway);
        Assert.Equal(ClientIpOutcome.PreservedInHeader, envoy.Outcome);
        Assert.Equal("203.0.113.7", envoy.GatewayClientIp);
        Assert.True(envoy.SameAsToday, envoy.Verdict);
        Assert.EndsWith("Same as today.", envoy.Verdict, StringComparison.Ordinal);
        Assert.NotEmpty(envoy.Assumptions);
        Assert.Contains(p.Notes, n => n.StartsWith("Assumed: the gateway's Service", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_ClusterPolicy_LostTodayAndAfter()
    {
        var p = Preview("Cluster");
        Assert.Equal(ClientIpOutcome.Lost, p.Today.Outcome);
        var envoy = p.Rows.Single(r => r.Implementation == GatewayImplementation.EnvoyGateway);
        Assert.Equal(ClientIpOutcome.Lost, envoy.Outcome);
        Assert.Equal("10.0.0.11", envoy.GatewayClientIp);
    }

    [Fact]
    public void Build_ProxyProtocolToday_DefaultsBreakAndKeepSettingEnablesIt()
    {
        var p = Preview("Cluster", [(AwsPp, "*")], [("use-proxy-protocol", "true")]);
        Assert.Equal(ClientIpOutcome.PreservedInHeader, p.Today.Outcome);
        Assert.True(p.Today.LoadBalancerSendsProxyProtocol);
        var envoy = p.Rows.Single(r => r.Implementation == GatewayImplementation.EnvoyGateway);
        Assert.Equal(ClientIpOutcome.Broken, envoy.Outcome);
        Assert.False(envoy.SameAsToday);
        var keep = Assert.Single(envoy.KeepToday);
        Assert.Contains("proxyProtocol: {}", keep.Patch, StringComparison.Ordinal);
        var istio = p.Rows.Single(r => r.Implementation == GatewayImplementation.Istio);
        Assert.Contains("\"proxyProtocol\"", Assert.Single(istio.KeepToday).Patch, StringComparison.Ordinal);
        var ngf = p.Rows.Single(r => r.Implementation == GatewayImplementation.NginxGatewayFabric);
        Assert.Contains("mode: ProxyProtocol", Assert.Single(ngf.KeepToday).Patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_HttpLoadBalancerTrustedToday_DefaultsLoseItAndKeepSettingTrustsTheSameRange()
    {
        var p = Preview("Local", [(AliHttp, "http:80")], [("use-forwarded-headers", "true"), ("proxy-real-ip-cidr", "100.64.0.0/10")]);
        Assert.Equal(ClientIpOutcome.PreservedInHeader, p.Today.Outcome);
        var envoy = p.Rows.Single(r => r.Implementation == GatewayImplementation.EnvoyGateway);
        Assert.Equal(ClientIpOutcome.Lost, envoy.Outcome);
        var keep = Assert.Single(envoy.KeepToday);
        Assert.Contains("trustedCIDRs:\n      - \"100.64.0.0/10\"", keep.Patch, StringComparison.Ordinal);
        var traefik = p.Rows.Single(r => r.Implementation == GatewayImplementation.Traefik);
        Assert.Contains("forwardedHeaders.trustedIPs=100.64.0.0/10", Assert.Single(traefik.KeepToday).Patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ForgeableToday_GatewayDefaultsSaferThanToday()
    {
        var p = Preview("Local", configMap: [("use-forwarded-headers", "true")]);
        Assert.True(p.Today.Forgeable);
        var envoy = p.Rows.Single(r => r.Implementation == GatewayImplementation.EnvoyGateway);
        Assert.False(envoy.Forgeable);
        Assert.Contains("Safer than today", envoy.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NotIngressNginx_ErrorNamesTheController()
    {
        var cluster = new TestCluster();
        ProxyControllerCluster.Add(cluster, IngressControllerKind.Traefik);
        cluster.Ingress("shop", "web", "web", "traefik");
        var (preview, error) = IngressMigrationPreviewBuilder.Build(cluster.Snapshot, "shop", "web");
        Assert.Null(preview);
        Assert.Contains("Traefik", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MissingIngress_Error()
    {
        var (preview, error) = IngressMigrationPreviewBuilder.Build(new TestCluster().Snapshot, "shop", "nope");
        Assert.Null(preview);
        Assert.StartsWith("no Ingress shop/nope", error, StringComparison.Ordinal);
    }
}
