using System.Net.Http.Headers;
using k8s;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// Read-only GETs against the API server through KubernetesClient's configured HttpClient and credentials
/// (TLS, tokens, exec plugins, client certificates). Responses are parsed by the caller, which keeps full control
/// of list metadata (continue, remainingItemCount) and of the watch stream's wire format. Only GET exists here:
/// the live source never writes to the cluster.
/// </summary>
internal sealed class KubeApiClient : IDisposable
{
    private readonly k8s.Kubernetes _client;

    public KubeApiClient(KubernetesClientConfiguration config)
    {
        _client = new k8s.Kubernetes(config);
        // Watches outlive any fixed client timeout; per-request deadlines come from cancellation tokens instead.
        _client.HttpClient.Timeout = Timeout.InfiniteTimeSpan;
        BaseUri = _client.BaseUri;
    }

    public Uri BaseUri { get; }

    /// <summary>Called with every answer from the server (any HTTP status): the server is reachable.</summary>
    public event Action? Reached;

    /// <summary>Paths requested so far, for tests that prove what the source never reads (Secrets).</summary>
    internal List<string>? RequestLog { get; set; }

    /// <summary>
    /// Sends GET <paramref name="pathAndQuery"/>; returns the response once headers arrived (the body streams).
    /// Throws <see cref="KubeApiException"/> on a non-2xx status, HttpRequestException/IOException when unreachable.
    /// </summary>
    public async Task<HttpResponseMessage> GetAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        if (RequestLog is { } log)
        {
            lock (log)
            {
                log.Add(pathAndQuery);
            }
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, pathAndQuery.TrimStart('/')))
        {
            Version = _client.HttpClient.DefaultRequestVersion,
            VersionPolicy = _client.HttpClient.DefaultVersionPolicy,
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var response = await _client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        Reached?.Invoke();
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            string? body = null;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                // The status line is what matters; a torn error body is not worth a second failure.
            }

            throw KubeApiException.FromStatusBody((int)response.StatusCode, body, pathAndQuery);
        }
    }

    public void Dispose() => _client.Dispose();
}
