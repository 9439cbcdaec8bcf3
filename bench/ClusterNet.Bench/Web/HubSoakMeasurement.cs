using System.Diagnostics;
using System.Net;
using ClusterNet.Bench.Store;
using ClusterNet.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClusterNet.Bench.Web;

/// <summary>
/// `hub-soak`: the dashboard on the demo cluster (in-process, Kestrel on 127.0.0.1) with N browser-less hub clients
/// and M REST callers for a while; prints errors, messages received and the process's memory every 30 s, so a leak
/// shows as a rising line. Run: dotnet run -c Release --project bench/ClusterNet.Bench -- hub-soak [--clients 50] [--rest 10] [--seconds 300]
/// </summary>
public static class HubSoakMeasurement
{
    private static readonly string[] Paths = ["/api/snapshot", "/api/nodes", "/api/pods", "/api/topology", "/api/client-ip", "/healthz", "/readyz"];

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = StoreLatencyMeasurement.IntArg(args, "--clients", 50);
        var callers = StoreLatencyMeasurement.IntArg(args, "--rest", 10);
        var seconds = StoreLatencyMeasurement.IntArg(args, "--seconds", 300);
        var app = ClusterNetWebApplication.Create(["--urls", "http://127.0.0.1:0", "--Cluster:Source=demo", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Console.WriteLine($"hub-soak: {clients} hub clients, {callers} REST callers, {seconds} s against the demo at {address}; {Environment.ProcessorCount} CPUs");

        long messages = 0, requests = 0, errors = 0, stopping = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var connections = new List<HubConnection>();
        for (var i = 0; i < clients; i++)
        {
            var connection = new HubConnectionBuilder().WithUrl(new Uri(address, "hubs/cluster")).WithAutomaticReconnect().Build();
            connection.On<object>("SnapshotChanged", _ => Interlocked.Increment(ref messages));
            connection.Closed += _ =>
            {
                // A connection the server dropped before we closed them all.
                if (Interlocked.Read(ref stopping) == 0)
                {
                    Interlocked.Increment(ref errors);
                }

                return Task.CompletedTask;
            };
            await connection.StartAsync();
            connections.Add(connection);
        }

        using var http = new HttpClient { BaseAddress = address };
        // One slot per REST caller; the sampler takes them all while it measures, so "heap after GC" is not requests in flight.
        using var gate = new SemaphoreSlim(callers, callers);
        var rest = Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var i = c;
            while (!stop.IsCancellationRequested)
            {
                await gate.WaitAsync(CancellationToken.None);
                try
                {
                    using var response = await http.GetAsync(Paths[i++ % Paths.Length], stop.Token);
                    await response.Content.ReadAsByteArrayAsync(stop.Token);
                    Interlocked.Increment(ref requests);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                finally
                {
                    gate.Release();
                }
            }
        })).ToList();

        var clock = Stopwatch.StartNew();
        var samples = new List<(double Seconds, double WorkingSetMb, double HeapMb)>();
        while (!stop.IsCancellationRequested)
        {
            for (var held = 0; held < callers; held++)
            {
                await gate.WaitAsync(CancellationToken.None);
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var self = Process.GetCurrentProcess();
            samples.Add((clock.Elapsed.TotalSeconds, self.WorkingSet64 / 1048576.0, GC.GetTotalMemory(false) / 1048576.0));
            gate.Release(callers);
            Console.WriteLine($"{clock.Elapsed.TotalSeconds,5:0} s: working set {samples[^1].WorkingSetMb:0} MB, heap after GC {samples[^1].HeapMb:0.0} MB, " +
                              $"{Interlocked.Read(ref messages):N0} hub messages, {Interlocked.Read(ref requests):N0} requests, {Interlocked.Read(ref errors)} errors");
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(15), stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await Task.WhenAll(rest);
        Interlocked.Exchange(ref stopping, 1);
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        await app.StopAsync();
        // Flat memory: the least-squares slope of the heap after a full GC, over the samples after the first minute
        // (start-up allocations and JIT settle there).
        var settled = samples.Where(s => s.Seconds >= 60).ToList();
        var slope = Slope(settled.Select(s => (s.Seconds / 60, s.HeapMb)).ToList());
        var wsSlope = Slope(settled.Select(s => (s.Seconds / 60, s.WorkingSetMb)).ToList());
        Console.WriteLine($"heap after GC: {samples.Min(s => s.HeapMb):0.0}–{samples.Max(s => s.HeapMb):0.0} MB, trend after the first minute {slope:+0.00;-0.00} MB/min; " +
                          $"working set trend {wsSlope:+0.0;-0.0} MB/min; {errors} errors");
        return errors == 0 && slope < 1 ? 0 : 1;
    }

    private static double Slope(List<(double X, double Y)> points)
    {
        if (points.Count < 2)
        {
            return 0;
        }

        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var den = points.Sum(p => (p.X - mx) * (p.X - mx));
        return den == 0 ? 0 : points.Sum(p => (p.X - mx) * (p.Y - my)) / den;
    }
}
