using ClusterNet.Core.Store;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Infrastructure;

/// <summary>The real app on TestServer with a <see cref="TestClusterSource"/> instead of the configured source.</summary>
public sealed class WebAppFactory(TestClusterSource source, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public TestClusterSource Source { get; } = source;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Cluster:UiBatchMilliseconds", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IClusterSource>(Source);
        });
    }
}
