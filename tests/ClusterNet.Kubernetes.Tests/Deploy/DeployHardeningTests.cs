using ClusterNet.Testing;
using YamlDotNet.RepresentationModel;

namespace ClusterNet.Kubernetes.Tests.Deploy;

/// <summary>
/// The manifests' hardening, read as YAML (the apply against the real API server is DeployRbacTests): Pod Security
/// labels, the dashboard's own NetworkPolicy, a bounded /tmp, TLS at the ingress, an image pinned by digest, and a
/// shell-less runtime image.
/// </summary>
public sealed class DeployHardeningTests
{
    private static readonly string Root = TestControlPlane.FindRepoRoot();

    private static YamlMappingNode Read(params string[] path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(Path.Combine([Root, .. path])))
        {
            yaml.Load(reader);
        }

        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step is int i ? ((YamlSequenceNode)node).Children[i] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        }

        return node;
    }

    private static string Text(YamlNode node, params object[] path) => ((YamlScalarNode)At(node, path)).Value ?? "";

    [Fact]
    public void Namespace_EnforcesPodSecurityRestricted()
    {
        var ns = Read("deploy", "base", "namespace.yaml");

        Assert.Equal("restricted", Text(ns, "metadata", "labels", "pod-security.kubernetes.io/enforce"));
    }

    [Fact]
    public void NetworkPolicy_SelectsTheDashboard_IngressFromTheControllerAndMetricsScraper_EgressDnsAndApiServer()
    {
        var kustomization = Read("deploy", "base", "kustomization.yaml");
        Assert.Contains("networkpolicy.yaml", ((YamlSequenceNode)At(kustomization, "resources")).Children.Select(n => ((YamlScalarNode)n).Value));
        var policy = Read("deploy", "base", "networkpolicy.yaml");
        var deployment = Read("deploy", "base", "deployment.yaml");

        Assert.Equal(Text(deployment, "spec", "template", "metadata", "labels", "app.kubernetes.io/name"), Text(policy, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name"));
        Assert.Equal(["Ingress", "Egress"], ((YamlSequenceNode)At(policy, "spec", "policyTypes")).Children.Select(n => ((YamlScalarNode)n).Value));
        // Two ways in: the ingress controller to the app's port, Prometheus to the (anonymous) metrics port only.
        var ingress = ((YamlSequenceNode)At(policy, "spec", "ingress")).Children;
        Assert.Equal(2, ingress.Count);
        Assert.All(ingress, rule => Assert.Single(((YamlSequenceNode)At(rule, "from")).Children));
        Assert.Equal(["http", "metrics"], ingress.Select(rule => Text(Assert.Single(((YamlSequenceNode)At(rule, "ports")).Children), "port")).ToArray());
        var egressPorts = ((YamlSequenceNode)At(policy, "spec", "egress")).Children
            .SelectMany(rule => ((YamlSequenceNode)At(rule, "ports")).Children.Select(p => Text(p, "port")))
            .Order().ToArray();
        Assert.Equal(["443", "53", "53", "6443"], egressPorts);
    }

    [Fact]
    public void Deployment_TmpEmptyDirHasASizeLimit()
    {
        var deployment = Read("deploy", "base", "deployment.yaml");
        var tmp = ((YamlSequenceNode)At(deployment, "spec", "template", "spec", "volumes")).Children.Single(v => Text(v, "name") == "tmp");

        Assert.False(string.IsNullOrEmpty(Text(tmp, "emptyDir", "sizeLimit")));
    }

    [Fact]
    public void Ingress_ServesTls()
    {
        var ingress = Read("deploy", "base", "ingress.yaml");
        var tls = Assert.Single(((YamlSequenceNode)At(ingress, "spec", "tls")).Children);

        Assert.Equal(Text(ingress, "spec", "rules", 0, "host"), Text(tls, "hosts", 0));
        Assert.False(string.IsNullOrEmpty(Text(tls, "secretName")));
    }

    [Fact]
    public void Kustomization_PinsTheImageByDigest()
    {
        var image = Assert.Single(((YamlSequenceNode)At(Read("deploy", "kustomization.yaml"), "images")).Children);

        Assert.Equal("clusternet", Text(image, "name"));
        Assert.Matches("^sha256:[0-9a-f]{64}$", Text(image, "digest"));
    }

    [Fact]
    public void ConfigMap_SecureCookieAlways()
    {
        Assert.Equal("Always", Text(Read("deploy", "base", "configmap.yaml"), "data", "Auth__SecureCookie"));
    }

    [Fact]
    public void Dockerfile_RuntimeIsChiseledWithoutShellSteps()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "Dockerfile"));
        var runtime = Array.FindIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal) && l.EndsWith(" AS runtime", StringComparison.Ordinal));

        Assert.Contains("-chiseled", lines[runtime], StringComparison.Ordinal);
        // A chiseled image has no shell: a RUN step there would fail the build.
        Assert.DoesNotContain(lines.Skip(runtime + 1), l => l.TrimStart().StartsWith("RUN ", StringComparison.Ordinal));
    }
}
