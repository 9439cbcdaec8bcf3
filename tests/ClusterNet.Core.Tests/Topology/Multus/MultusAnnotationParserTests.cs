using ClusterNet.Core.Topology.Multus;

namespace ClusterNet.Core.Tests.Topology.Multus;

public sealed class MultusAnnotationParserTests
{
    [Theory]
    [InlineData("macvlan-conf", null, "macvlan-conf", null)]
    [InlineData("other/macvlan-conf@data0", "other", "macvlan-conf", "data0")]
    [InlineData(" a , b ", null, "a", null)]
    public void ParseRequest_ShortForm_ReadsNamespaceNameAndInterface(string text, string? ns, string name, string? iface)
    {
        var (selections, error) = MultusAnnotationParser.ParseRequest(text);

        Assert.Null(error);
        Assert.Equal(new NetworkSelection(ns, name, iface), selections[0]);
    }

    [Fact]
    public void ParseRequest_JsonForm_ReadsEachSelection()
    {
        var (selections, error) = MultusAnnotationParser.ParseRequest("""[{"name":"sriov-net","namespace":"prod","interface":"vf0"},{"name":"b"}]""");

        Assert.Null(error);
        Assert.Equal([new NetworkSelection("prod", "sriov-net", "vf0"), new NetworkSelection(null, "b", null)], selections.ToArray());
    }

    [Theory]
    [InlineData("a@", "\"a@\" is not NAME")]
    [InlineData("/a", "\"/a\" is not NAME")]
    [InlineData("[{\"namespace\":\"x\"}]", "[0] is not an object with a \"name\"")]
    [InlineData("[{", "invalid JSON at line 1")]
    public void ParseRequest_Malformed_SaysWhy(string text, string expected)
    {
        var (selections, error) = MultusAnnotationParser.ParseRequest(text);

        Assert.Empty(selections);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseStatus_SriovEntry_ReadsPciAddressAndDefaultFlag()
    {
        var (entries, error) = MultusAnnotationParser.ParseStatus(MultusFixtures.SriovStatus);

        Assert.Null(error);
        Assert.True(entries[0].Default);
        Assert.Equal(("prod/sriov-net", "net1", "0000:3b:02.1", false), (entries[1].Name, entries[1].Interface, entries[1].PciAddress, entries[1].Default));
        Assert.Equal(["10.56.217.10"], entries[1].Ips.ToArray());
    }

    [Theory]
    [InlineData("[1]", "[0] is not an object with a \"name\"")]
    [InlineData("\"x\"", "expected a JSON list, found string")]
    [InlineData("", "invalid JSON")]
    public void ParseStatus_Malformed_SaysWhy(string text, string expected)
    {
        var (_, error) = MultusAnnotationParser.ParseStatus(text);

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
