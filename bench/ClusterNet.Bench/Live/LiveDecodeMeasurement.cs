using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Live;
using k8s.Models;

namespace ClusterNet.Bench.Live;

/// <summary>
/// `live-decode`: the list decode alone, in process, on pages of 500 pods as kube-apiserver 1.20 sends them
/// (Live/scale-pod.json is one pod of the live-scale cluster, recorded; each page repeats it under 500 names).
/// "document": a JsonDocument of the page, then each item converted from its element (the decode before the streaming
/// reader). "stream": ListPageReader over the page's bytes, each item decoded from its own bytes. Rounds alternate, so
/// machine load hits both alike; the figures are CPU time of this process, wall time and bytes allocated per 50,000 pods.
/// Run: dotnet run -c Release --project bench/ClusterNet.Bench -- live-decode [--pages 100] [--rounds 5]
/// </summary>
public static class LiveDecodeMeasurement
{
    public static async Task<int> RunAsync(string[] args)
    {
        var pages = Store.StoreLatencyMeasurement.IntArg(args, "--pages", 100);
        var rounds = Store.StoreLatencyMeasurement.IntArg(args, "--rounds", 5);
        var target = LiveResourceCatalog.Build(new LiveSourceOptions()).Single(s => s.Kind == ResourceKind.Pods).Candidates[0];
        var pod = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Live", "scale-pod.json")).Trim();
        var page = Encoding.UTF8.GetBytes(
            "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"105206\",\"continue\":\"next\",\"remainingItemCount\":1},\"items\":[" +
            string.Join(",", Enumerable.Range(0, 500).Select(i => pod.Replace("\"name\":\"auth-35\"", $"\"name\":\"auth-{i}\"", StringComparison.Ordinal))) + "]}");
        Console.WriteLine($"live-decode: {pages} pages of 500 pods ({page.Length / 1024.0 / 1024:0.0} MB per page), {rounds} rounds; load {Load()}");

        // Both ways must give the same pods, and the stream must not fall back to the document path.
        var fast = target.Read!(Encoding.UTF8.GetBytes(pod), new List<SourceDiagnostic>(), out var key);
        Console.WriteLine($"reader decodes the recorded pod directly: {key} → {fast.GetType().Name}");
        if (await StreamAsync(target, page, 1) != DocumentDecode(target, page, 1))
        {
            Console.WriteLine("the two decodes disagree");
            return 1;
        }

        // Where the stream's time goes: the reader alone (items found, not decoded), then items deserialized into
        // KubernetesClient's V1Pod without the mapper; "stream" is both plus the mapper.
        var results = new Dictionary<string, List<(double Cpu, double Wall, double Mb)>> { ["document"] = [], ["stream"] = [], ["scan"] = [], ["scan+V1Pod"] = [] };
        for (var round = 0; round < rounds; round++)
        {
            results["document"].Add(Measure(() => Task.FromResult(DocumentDecode(target, page, pages))));
            results["stream"].Add(Measure(() => StreamAsync(target, page, pages)));
            results["scan"].Add(Measure(() => ScanAsync(page, pages, deserialize: false)));
            results["scan+V1Pod"].Add(Measure(() => ScanAsync(page, pages, deserialize: true)));
        }

        foreach (var (name, list) in results)
        {
            var cpu = list.Select(r => r.Cpu).Order().ToList();
            Console.WriteLine($"{name,-10} CPU median {cpu[cpu.Count / 2]:0} ms (min {cpu[0]:0}), wall median {list.Select(r => r.Wall).Order().ElementAt(list.Count / 2):0} ms, " +
                              $"allocated {list.Select(r => r.Mb).Order().ElementAt(list.Count / 2):0} MB per {pages * 500:N0} pods");
        }

        Console.WriteLine($"load at the end {Load()}");
        return 0;
    }

    private static (double Cpu, double Wall, double Mb) Measure(Func<Task<string>> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(true);
        var clock = Stopwatch.StartNew();
        run().GetAwaiter().GetResult();
        clock.Stop();
        process.Refresh();
        return ((process.TotalProcessorTime - cpu).TotalMilliseconds, clock.Elapsed.TotalMilliseconds, (GC.GetTotalAllocatedBytes(true) - allocated) / 1048576.0);
    }

    private static string DocumentDecode(ResourceTarget target, byte[] page, int pages)
    {
        var last = "";
        for (var p = 0; p < pages; p++)
        {
            using var document = JsonDocument.Parse(page);
            foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
            {
                last = LiveItemDecoder.FromElement(target, ResourceKind.Pods, item).Name;
            }
        }

        return last;
    }

    private static async Task<string> StreamAsync(ResourceTarget target, byte[] page, int pages)
    {
        var last = "";
        for (var p = 0; p < pages; p++)
        {
            await ListPageReader.ReadAsync(new MemoryStream(page, writable: false), "GET bench", null,
                (json, first) => last = LiveItemDecoder.FromJson(target, ResourceKind.Pods, json, first).Name, CancellationToken.None);
        }

        return last;
    }

    private static async Task<string> ScanAsync(byte[] page, int pages, bool deserialize)
    {
        var count = 0;
        for (var p = 0; p < pages; p++)
        {
            await ListPageReader.ReadAsync(new MemoryStream(page, writable: false), "GET bench", null, (json, _) =>
            {
                count += deserialize ? LiveJson.Deserialize<V1Pod>(json.Span).Spec.Containers.Count : 1;
            }, CancellationToken.None);
        }

        return count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
