using ClusterNet.Kubernetes.Live;

namespace ClusterNet.Kubernetes.Tests.Live;

public sealed class KubeconfigLoaderTests
{
    [Fact]
    public void ResolvePath_ExplicitPath_Wins() =>
        Assert.Equal("/x/config", KubeconfigLoader.ResolvePath("/x/config", _ => "/env/a", "/home/u"));

    [Fact]
    public void ResolvePath_KubeconfigVariable_FirstEntry() =>
        Assert.Equal("/env/a", KubeconfigLoader.ResolvePath(null, _ => $"/env/a{Path.PathSeparator}/env/b", "/home/u"));

    [Fact]
    public void ResolvePath_Nothing_HomeKubeConfig() =>
        Assert.Equal(Path.Combine("/home/u", ".kube", "config"), KubeconfigLoader.ResolvePath(" ", _ => null, "/home/u"));

    [Fact]
    public void Load_MissingFile_SaysHowToPassOne()
    {
        var e = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load("/nonexistent/kubeconfig", null));

        Assert.Contains("'/nonexistent/kubeconfig' does not exist", e.Message, StringComparison.Ordinal);
        Assert.Contains("--kubeconfig", e.Message, StringComparison.Ordinal);
    }
}
