using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Web.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace ClusterNet.Web.Tests.Security;

/// <summary>In Production an exception reaches the client as a ProblemDetails with a trace id, never its message or stack.</summary>
public sealed class ErrorHandlingTests
{
    private const string Secret = "secret-detail-from-the-exception";

    /// <summary>A feed whose snapshot read throws, as a bug deep in an endpoint would.</summary>
    private sealed class ThrowingFeed(ISnapshotFeed inner) : ISnapshotFeed
    {
        public ClusterSnapshot Current => throw new InvalidOperationException(Secret);
        public SourceInfo Source => inner.Source;
        public bool InitialSyncComplete => inner.InitialSyncComplete;
        public int SubscriberCount => inner.SubscriberCount;
        public IAsyncEnumerable<SnapshotBatch> WatchAsync(CancellationToken cancellationToken) => inner.WatchAsync(cancellationToken);
    }

    private static Task<RunningApp> StartAsync(string environment) =>
        RunningApp.StartAsync(["--Cluster:Source=demo", "--environment", environment], b =>
            b.Services.AddSingleton<ISnapshotFeed>(sp => new ThrowingFeed(sp.GetRequiredService<SnapshotFeed>())));

    [Fact]
    public async Task ApiThrows_Production_ProblemDetailsWithoutExceptionText()
    {
        await using var app = await StartAsync("Production");
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/snapshot");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("traceId").GetString()));
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);

        // The app stays up.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task PageError_Browser_HtmlWithoutExceptionText()
    {
        await using var app = await StartAsync("Production");
        using var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/error");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Trace id", body, StringComparison.Ordinal);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
