using ClusterNet.Core.Store;
using ClusterNet.Web.Options;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Sources;

/// <summary>Creates the <see cref="IClusterSource"/> that <see cref="ClusterOptions.Source"/> selects.</summary>
public sealed class ClusterSourceFactory(IOptions<ClusterOptions> options, SourceSelection selection, ILoggerFactory loggerFactory, TimeProvider time)
{
    public IClusterSource Create()
    {
        var o = options.Value;
        var spec = selection.Spec;
        loggerFactory.CreateLogger<ClusterSourceFactory>().LogInformation("Cluster source: {Source}", spec.Path is null ? spec.Type : $"{spec.Type}:{spec.Path}");
        _ = o;
        _ = time;
        throw new NotSupportedException($"Cluster source '{spec.Type}' is not available in this build yet");
    }
}
