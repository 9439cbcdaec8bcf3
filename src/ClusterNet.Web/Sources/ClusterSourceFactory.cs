using ClusterNet.Core.Model;
using ClusterNet.Core.Store;
using ClusterNet.Kubernetes.Demo;
using ClusterNet.Kubernetes.Files;
using ClusterNet.Kubernetes.Live;
using ClusterNet.Web.Configuration;
using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Sources;

/// <summary>Creates the <see cref="IClusterSource"/> that <see cref="ClusterOptions.Source"/> selects (see <see cref="SourceSelection"/>).</summary>
public sealed class ClusterSourceFactory(IOptions<ClusterOptions> options, SourceSelection selection, ILoggerFactory loggerFactory, TimeProvider time)
{
    public IClusterSource Create()
    {
        var o = options.Value;
        var spec = selection.Spec;
        var logger = loggerFactory.CreateLogger<ClusterSourceFactory>();
        IClusterSource source = spec.Type switch
        {
            ClusterSourceType.Demo => new DemoClusterSource(TimeSpan.FromSeconds(o.DemoChangeIntervalSeconds), time),
            ClusterSourceType.File => new FileClusterSource(spec.Path!, watch: true, TimeSpan.FromMilliseconds(o.CoalesceMilliseconds), time),
            ClusterSourceType.Kubeconfig => FromKubeconfig(o),
            ClusterSourceType.InCluster => InCluster(o),
            _ => throw new ClusterSourceException($"Cluster:Source '{spec.Type}' is not one of {ClusterSourceSpec.Accepted}"),
        };
        logger.LogInformation("Cluster source {SourceType} '{SourceName}'", source.Info.Type, source.Info.Name);
        return source;
    }

    /// <summary>--Cluster:Kubeconfig, else the first file in KUBECONFIG, else ~/.kube/config.</summary>
    public static string KubeconfigPath(string? configured, Func<string, string?> getEnvironmentVariable)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var fromEnv = getEnvironmentVariable("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return fromEnv ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
    }

    /// <summary>
    /// The API server connection of a kubeconfig or incluster source (null for demo and file), for clients besides the
    /// source itself, e.g. the access reviews of Auth:ScopeByRbac.
    /// </summary>
    public KubernetesClientConfiguration? CreateClientConfiguration() => selection.Spec.Type switch
    {
        ClusterSourceType.Kubeconfig => KubeconfigConfiguration(options.Value),
        ClusterSourceType.InCluster => InClusterConfiguration(),
        _ => null,
    };

    private LiveClusterSource FromKubeconfig(ClusterOptions o)
    {
        var config = KubeconfigConfiguration(o);
        var name = config.CurrentContext ?? o.Context ?? config.Host;
        return Live(config, new SourceInfo(ClusterSourceType.Kubeconfig, name), o);
    }

    private static KubernetesClientConfiguration KubeconfigConfiguration(ClusterOptions o)
    {
        var path = KubeconfigPath(o.Kubeconfig, Environment.GetEnvironmentVariable);
        if (!File.Exists(path))
        {
            throw new ClusterSourceException($"Cluster:Source=kubeconfig: kubeconfig file '{path}' does not exist; pass --Cluster:Kubeconfig=PATH");
        }

        try
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(path, string.IsNullOrWhiteSpace(o.Context) ? null : o.Context);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or InvalidOperationException or ArgumentException or FormatException)
        {
            var context = string.IsNullOrWhiteSpace(o.Context) ? "its current context" : $"context '{o.Context}'";
            throw new ClusterSourceException($"Cluster:Source=kubeconfig: cannot use {context} of '{path}': {e.Message}", e);
        }
    }

    private LiveClusterSource InCluster(ClusterOptions o)
    {
        var config = InClusterConfiguration();
        return Live(config, new SourceInfo(ClusterSourceType.InCluster, selection.ImpersonateUser ?? config.Host), o);
    }

    private static KubernetesClientConfiguration InClusterConfiguration()
    {
        try
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }
        catch (Exception e) when (e is KubeConfigException or IOException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new ClusterSourceException(
                $"Cluster:Source=incluster: no usable service account ({e.Message}); run inside a pod, or use --Cluster:Source=kubeconfig or demo", e);
        }
    }

    private LiveClusterSource Live(KubernetesClientConfiguration config, SourceInfo info, ClusterOptions o) =>
        new(config, info, new LiveSourceOptions { Coalesce = TimeSpan.FromMilliseconds(o.CoalesceMilliseconds) }, loggerFactory);
}
