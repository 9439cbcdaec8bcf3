using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ClusterNet.Kubernetes.Tests.Live.Mock;

/// <summary>
/// A tiny loopback HTTP/1.1 server that answers like kube-apiserver: discovery from <see cref="Served"/>, everything
/// else from the test's handler (lists as JSON, watches as newline-delimited events). One request per connection.
/// Unhandled paths get 404 so a source probing something unexpected shows up in <see cref="Requests"/>.
/// </summary>
public sealed class MockKubeApiServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<MockRequest, MockResponse, Task<bool>> _handler;
    private readonly List<MockRequest> _requests = [];
    private readonly Task _accept;

    /// <param name="handler">Returns false when it did not handle the request (then discovery or 404 answers).</param>
    public MockKubeApiServer(Func<MockRequest, MockResponse, Task<bool>> handler)
    {
        _handler = handler;
        _listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accept = Task.Run(AcceptLoopAsync);
    }

    public string Url { get; }

    /// <summary>group-version → resources served; discovery answers from this. Core v1 is "v1".</summary>
    public Dictionary<string, string[]> Served { get; } = new()
    {
        ["v1"] = ["pods", "nodes", "namespaces", "services", "endpoints", "configmaps"],
        ["apps/v1"] = ["daemonsets", "deployments", "statefulsets"],
        ["networking.k8s.io/v1"] = ["networkpolicies", "ingresses", "ingressclasses"],
    };

    public IReadOnlyList<MockRequest> Requests
    {
        get { lock (_requests) { return [.. _requests]; } }
    }

    public IReadOnlyList<MockRequest> RequestsFor(string path) => Requests.Where(r => r.Path == path).ToList();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var head = await ReadHeadAsync(stream);
            if (head is null)
            {
                return;
            }

            var parts = head.Split("\r\n")[0].Split(' ');
            var request = MockRequest.Parse(parts[0], parts[1]);
            lock (_requests)
            {
                _requests.Add(request);
            }

            var response = new MockResponse(stream, socket);
            if (!await _handler(request, response) && !response.Completed)
            {
                if (Discovery(request.Path) is { } json)
                {
                    await response.JsonAsync(200, json);
                }
                else
                {
                    await response.StatusAsync(404, "NotFound", $"the server could not find the requested resource ({request.Path})");
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away (source disposed) or the test aborted the connection.
        }
    }

    private string? Discovery(string path)
    {
        if (path == "/api")
        {
            return JsonSerializer.Serialize(new { kind = "APIVersions", versions = new[] { "v1" } });
        }

        if (path == "/apis")
        {
            var groups = Served.Keys.Where(gv => gv.Contains('/')).GroupBy(gv => gv[..gv.IndexOf('/')]).Select(g => new
            {
                name = g.Key,
                versions = g.Select(gv => new { groupVersion = gv, version = gv[(gv.IndexOf('/') + 1)..] }).ToArray(),
            });
            return JsonSerializer.Serialize(new { kind = "APIGroupList", groups });
        }

        var gvPath = path.StartsWith("/apis/", StringComparison.Ordinal) ? path["/apis/".Length..] : path.StartsWith("/api/", StringComparison.Ordinal) ? path["/api/".Length..] : null;
        if (gvPath is not null && Served.TryGetValue(gvPath, out var resources))
        {
            return JsonSerializer.Serialize(new { kind = "APIResourceList", groupVersion = gvPath, resources = resources.Select(r => new { name = r, verbs = new[] { "list", "watch" } }) });
        }

        return null;
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[1];
        var sb = new StringBuilder();
        while (!sb.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer) == 0)
            {
                return null;
            }

            sb.Append((char)buffer[0]);
        }

        return sb.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accept;
        }
        catch (Exception)
        {
            // Stopping.
        }

        _stop.Dispose();
    }
}
