using ClusterNet.Kubernetes.Live;

namespace ClusterNet.Kubernetes.Tests.Live;

public sealed class BackoffTests
{
    [Fact]
    public void Next_GrowsExponentiallyWithJitterAndStopsAtMax()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        double[] ceilings = [100, 200, 400, 800, 1000, 1000, 1000];
        foreach (var ceiling in ceilings)
        {
            var delay = backoff.Next().TotalMilliseconds;
            Assert.InRange(delay, ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void Reset_StartsOverAtMin()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));
        for (var i = 0; i < 5; i++)
        {
            backoff.Next();
        }

        backoff.Reset();
        Assert.InRange(backoff.Next().TotalMilliseconds, 50, 100);
    }
}
