namespace ClusterNet.Kubernetes.Tests.Live.Mock;

/// <summary>
/// Scripts of list and watch answers per resource path, consumed in order. When a list script runs out the last one
/// repeats; when a watch script runs out (or a listed path has none) the watch stays open without events, as an idle
/// real watch does.
/// </summary>
public sealed class ScriptedApi
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<Func<MockRequest, MockResponse, Task>>> _lists = [];
    private readonly Dictionary<string, Func<MockRequest, MockResponse, Task>> _lastList = [];
    private readonly Dictionary<string, Queue<Func<MockRequest, MockResponse, Task>>> _watches = [];

    public ScriptedApi List(string path, Func<MockRequest, MockResponse, Task> answer)
    {
        lock (_gate)
        {
            Queue(_lists, path).Enqueue(answer);
        }

        return this;
    }

    public ScriptedApi List(string path, string json) => List(path, (_, w) => w.JsonAsync(200, json));

    public ScriptedApi Watch(string path, Func<MockRequest, MockResponse, Task> answer)
    {
        lock (_gate)
        {
            Queue(_watches, path).Enqueue(answer);
        }

        return this;
    }

    /// <summary>A watch sending <paramref name="lines"/> then ending normally (server-side timeout).</summary>
    public ScriptedApi WatchLinesThenEnd(string path, params string[] lines) => Watch(path, async (_, w) =>
    {
        foreach (var line in lines)
        {
            await w.LineAsync(line);
        }

        await w.EndAsync();
    });

    public async Task<bool> HandleAsync(MockRequest request, MockResponse response)
    {
        Func<MockRequest, MockResponse, Task>? answer = null;
        lock (_gate)
        {
            if (request.IsWatch)
            {
                if (_watches.TryGetValue(request.Path, out var q) && q.Count > 0)
                {
                    answer = q.Dequeue();
                }
                else if (_watches.ContainsKey(request.Path) || _lists.ContainsKey(request.Path))
                {
                    answer = IdleWatch;
                }
            }
            else if (_lists.TryGetValue(request.Path, out var q))
            {
                answer = q.Count > 0 ? _lastList[request.Path] = q.Dequeue() : _lastList.GetValueOrDefault(request.Path);
            }
        }

        if (answer is null)
        {
            return false;
        }

        await answer(request, response);
        return true;
    }

    public static async Task IdleWatch(MockRequest request, MockResponse response)
    {
        await response.StartStreamAsync();
        await Task.Delay(TimeSpan.FromSeconds(20));
        await response.EndAsync();
    }

    private static Queue<Func<MockRequest, MockResponse, Task>> Queue(Dictionary<string, Queue<Func<MockRequest, MockResponse, Task>>> map, string path)
    {
        if (!map.TryGetValue(path, out var q))
        {
            map[path] = q = new Queue<Func<MockRequest, MockResponse, Task>>();
        }

        return q;
    }
}
