namespace ClusterNet.Kubernetes.Live;

/// <summary>Capped exponential backoff with jitter: min, 2·min, 4·min … max, each scaled by a random factor in [0.5, 1).</summary>
internal sealed class Backoff(TimeSpan min, TimeSpan max)
{
    private int _attempt;

    public int Attempt => _attempt;

    public TimeSpan Next()
    {
        var factor = Math.Pow(2, Math.Min(_attempt, 30));
        var capped = Math.Min(min.TotalMilliseconds * factor, max.TotalMilliseconds);
        _attempt++;
        // Jitter spreads the retries of many loops (all kinds lose the server at once) over time.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    public void Reset() => _attempt = 0;
}
