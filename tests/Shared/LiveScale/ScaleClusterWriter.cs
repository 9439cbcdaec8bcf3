using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ClusterNet.Testing.LiveScale;

/// <summary>
/// Creates the synthetic cluster of <see cref="ScaleManifests"/> in a test control plane with many parallel raw HTTP
/// requests (POST, then a merge patch of the status subresource: no kubelet runs there). Creation speed is not a
/// measured figure; this only has to be quick. An object that already exists (409) counts as created.
/// </summary>
public sealed class ScaleClusterWriter : IDisposable
{
    private readonly HttpClient _http;
    private readonly int _concurrency;
    private readonly Action<string> _log;

    public ScaleClusterWriter(TestControlPlane plane, int concurrency, Action<string> log)
    {
        _concurrency = concurrency;
        _log = log;
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(plane.Directory, "pki", "ca.crt")));
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            SslOptions =
            {
                // Trust exactly the test CA (the serving certificate is signed by it).
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                {
                    if (cert is null)
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(cert));
                },
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri(plane.ApiServerUrl), Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", plane.AdminToken);
    }

    /// <summary>Nodes (Ready), namespaces, pods (Running, with IPs) and policies of <paramref name="options"/>.</summary>
    public async Task PopulateAsync(LiveScaleOptions options)
    {
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        await StepAsync("nodes", options.Nodes, async n =>
        {
            await PostAsync("/api/v1/nodes", ScaleManifests.Node(n));
            await PatchStatusAsync($"/api/v1/nodes/{ScaleManifests.NodeName(n)}/status", ScaleManifests.NodeStatus(n, now));
        });
        await StepAsync("namespaces", options.Namespaces, n => PostAsync("/api/v1/namespaces", ScaleManifests.Namespace(n)));
        await StepAsync("pods (create + status)", options.Pods, async i =>
        {
            var ns = ScaleManifests.NamespaceName(i / options.PodsPerNamespace);
            await PostAsync($"/api/v1/namespaces/{ns}/pods", ScaleManifests.Pod(i, options.Nodes, ns));
            await PatchStatusAsync($"/api/v1/namespaces/{ns}/pods/{ScaleManifests.PodName(i)}/status", ScaleManifests.PodStatus(i, options.Nodes, now));
        });
        await StepAsync("network policies", options.Policies, p =>
            PostAsync($"/apis/networking.k8s.io/v1/namespaces/{ScaleManifests.NamespaceName(p % options.Namespaces)}/networkpolicies", ScaleManifests.Policy(p, options.Namespaces)));
    }

    /// <summary>
    /// Lists every pod in pages of <paramref name="limit"/>, one page after the other, reading each body to its end; returns
    /// the pod count. The time this takes is what the API server alone needs to serve the dashboard's first list.
    /// </summary>
    public async Task<int> ListAllPodsAsync(int limit)
    {
        var count = 0;
        string? token = null;
        do
        {
            var path = $"/api/v1/pods?limit={limit}" + (token is null ? "" : $"&continue={Uri.EscapeDataString(token)}");
            await using var stream = await _http.GetStreamAsync(path);
            using var doc = await System.Text.Json.JsonDocument.ParseAsync(stream);
            count += doc.RootElement.GetProperty("items").GetArrayLength();
            token = doc.RootElement.GetProperty("metadata").TryGetProperty("continue", out var c) && c.GetString() is { Length: > 0 } t ? t : null;
        }
        while (token is not null);
        return count;
    }

    /// <summary>POST of one object; returns when the API server answered (what kubectl create waits for).</summary>
    public async Task PostAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(path, content);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task PatchStatusAsync(string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
        using var response = await _http.PatchAsync(path, content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PATCH {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task StepAsync(string what, int count, Func<int, Task> create)
    {
        var clock = Stopwatch.StartNew();
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(_concurrency, Math.Max(1, count))).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await create(i);
            }
        });
        await Task.WhenAll(workers);
        _log($"created {count:N0} {what} in {clock.Elapsed.TotalSeconds:0.0} s ({count / Math.Max(0.001, clock.Elapsed.TotalSeconds):0}/s)");
    }

    public void Dispose() => _http.Dispose();
}
