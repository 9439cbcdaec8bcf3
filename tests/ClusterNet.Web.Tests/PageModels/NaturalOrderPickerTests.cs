using ClusterNet.Core.Model;
using ClusterNet.Web.PageModels.ClientIp;
using ClusterNet.Web.PageModels.Dns;

namespace ClusterNet.Web.Tests.PageModels;

/// <summary>The DNS pod picker and the Client IP target picker list names the way people count (ns2 before ns10).</summary>
public sealed class NaturalOrderPickerTests
{
    private static ClusterSnapshot Cluster()
    {
        var objects = new List<IClusterObject>();
        foreach (var n in new[] { 10, 2, 1 })
        {
            objects.Add(new PodInfo { Namespace = $"ns{n}", Name = "pod10", Phase = "Running" });
            objects.Add(new PodInfo { Namespace = $"ns{n}", Name = "pod2", Phase = "Running" });
            objects.Add(new ServiceInfo { Namespace = $"ns{n}", Name = "web", Type = "ClusterIP" });
        }

        return ClusterSnapshot.Create(new SourceInfo("demo", "natural"), objects);
    }

    [Fact]
    public void DnsPodPicker_NaturalOrder()
    {
        Assert.Equal(
            ["ns1/pod2", "ns1/pod10", "ns2/pod2", "ns2/pod10", "ns10/pod2", "ns10/pod10"],
            DnsPageModel.PodsMatching(Cluster(), "pod"));
    }

    [Fact]
    public void ClientIpPicker_ServicesInNaturalOrder()
    {
        var view = new ClientIpPageModel().Update(Cluster(), new ClientIpUrlState());
        Assert.Equal(["service:ns1/web", "service:ns2/web", "service:ns10/web"], view.Choices.Select(c => c.Key));
    }
}
