using System.Text;
using ClusterNet.Web.Configuration;
using ClusterNet.Web.Sources;

namespace ClusterNet.Web.Tests.Configuration;

public sealed class ClusterOptionsTests
{
    [Theory]
    [InlineData("demo", "demo", null)]
    [InlineData("KubeConfig", "kubeconfig", null)]
    [InlineData("incluster", "incluster", null)]
    [InlineData("file:./dump.yaml", "file", "./dump.yaml")]
    public void TryParse_Accepted_ReturnsSpec(string text, string type, string? path)
    {
        Assert.True(ClusterSourceSpec.TryParse(text, out var spec, out _));
        Assert.Equal(new ClusterSourceSpec(type, path), spec);
    }

    [Theory]
    [InlineData("minikube", "Cluster:Source 'minikube' is not one of demo, kubeconfig, incluster or file:PATH")]
    [InlineData("file:", "Cluster:Source 'file:' needs a path")]
    public void TryParse_Rejected_NamesValue(string text, string message)
    {
        Assert.False(ClusterSourceSpec.TryParse(text, out _, out var error));
        Assert.StartsWith(message, error);
    }

    [Theory]
    [InlineData(null, true, "incluster")]
    [InlineData("", true, "incluster")]
    [InlineData(null, false, "demo")]
    [InlineData("demo", true, "demo")]
    public void Resolve_NoSourceConfigured_DefaultsToInClusterInsideAPod(string? configured, bool inPod, string expected)
    {
        var env = new InClusterEnvironment(
            name => inPod && name == "KUBERNETES_SERVICE_HOST" ? "10.96.0.1" : null,
            path => inPod && path == InClusterEnvironment.TokenPath ? "token" : null);

        Assert.Equal(expected, ClusterSourceSpec.Resolve(configured, env).Type);
    }

    [Fact]
    public void ServiceAccountUser_Token_ReadsSubClaim()
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = $"{B64("{\"alg\":\"RS256\"}")}.{B64("{\"sub\":\"system:serviceaccount:clusternet:clusternet\"}")}.sig";
        var env = new InClusterEnvironment(_ => "10.96.0.1", _ => token);

        Assert.Equal("system:serviceaccount:clusternet:clusternet", env.ServiceAccountUser());
    }

    [Fact]
    public void ServiceAccountUser_GarbageToken_ReturnsNull() =>
        Assert.Null(new InClusterEnvironment(_ => "x", _ => "not-a-jwt").ServiceAccountUser());

    [Theory]
    [InlineData("Source", "bogus", "Cluster:Source 'bogus' is not one of")]
    [InlineData("Source", "file:/nonexistent/dump.yaml", "Cluster:Source file path '/nonexistent/dump.yaml' does not exist")]
    [InlineData("Kubeconfig", "/tmp/x", "Cluster:Kubeconfig is set but Cluster:Source is '(auto)'")]
    [InlineData("Context", "prod", "Cluster:Context is set but Cluster:Source is '(auto)'")]
    [InlineData("CoalesceMilliseconds", "-1", "Cluster:CoalesceMilliseconds must be between 0 and 60000, got -1")]
    [InlineData("DemoChangeIntervalSeconds", "0", "Cluster:DemoChangeIntervalSeconds must be > 0 and <= 3600, got 0")]
    [InlineData("UiBatchMilliseconds", "20000", "Cluster:UiBatchMilliseconds must be between 0 and 10000, got 20000")]
    public void Validate_BadValue_FailsNamingSetting(string setting, string value, string message)
    {
        var options = new ClusterOptions();
        var property = typeof(ClusterOptions).GetProperty(setting)!;
        property.SetValue(options, Convert.ChangeType(value, Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var result = new ClusterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(new ClusterOptionsValidator().Validate(null, new ClusterOptions()).Succeeded);

    [Theory]
    [InlineData("/etc/kube.conf", null, "/etc/kube.conf")]
    [InlineData(null, "/a/first:/b/second", "/a/first")]
    public void KubeconfigPath_ConfiguredOrEnvironment_PicksInOrder(string? configured, string? env, string expected) =>
        Assert.Equal(expected, ClusterSourceFactory.KubeconfigPath(configured, name => name == "KUBECONFIG" ? env : null));
}
