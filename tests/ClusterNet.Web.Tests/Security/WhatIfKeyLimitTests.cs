using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace ClusterNet.Web.Tests.Security;

/// <summary>
/// The what-if upload at the default 1 MiB body limit: ~95k keys in one object are refused with the cap named. Before
/// the per-mapping dictionary and the cap, such a body cost billions of key comparisons on the request thread.
/// </summary>
public sealed class WhatIfKeyLimitTests
{
    [Fact]
    public async Task WhatIf_1MiBOf95kKeys_400NamingTheCapQuickly()
    {
        await using var app = await RunningApp.StartAsync(["--Cluster:Source=demo"]);
        using var client = app.Client();
        var labels = new StringBuilder();
        for (var i = 0; i < 95_000; i++)
        {
            labels.Append(i == 0 ? "x" : ", x").Append(i.ToString("x5", System.Globalization.CultureInfo.InvariantCulture)).Append(": v");
        }

        var yaml = $"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: wide\n  namespace: dev\n  labels: {{{labels}}}\nspec:\n  podSelector: {{}}\n";
        using var content = JsonContent.Create(new { yaml });
        await content.LoadIntoBufferAsync();
        Assert.InRange(content.Headers.ContentLength!.Value, 900_000, 1024 * 1024);
        var watch = Stopwatch.StartNew();

        using var response = await client.PostAsync("/api/policy/what-if", content);

        watch.Stop();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than 10,000 keys", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Generous on purpose: the cap stops the reader after 10,000 keys (milliseconds); the quadratic reader took minutes.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }
}
