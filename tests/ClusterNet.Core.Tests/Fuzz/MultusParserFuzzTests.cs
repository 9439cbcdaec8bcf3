using ClusterNet.Core.Topology.Multus;
using CsCheck;

namespace ClusterNet.Core.Tests.Fuzz;

/// <summary>
/// Any text given as a NAD's spec.config or a pod's Multus annotations yields a result or an error message, never an
/// exception (a bad object must not cost the rest of the snapshot).
/// </summary>
public sealed class MultusParserFuzzTests
{
    private static readonly Gen<string> Token = Gen.OneOf<string>(
        Gen.OneOf("{", "}", "[", "]", ",", ":", "\"type\"", "\"macvlan\"", "\"sriov\"", "\"plugins\"", "\"master\"", "\"mode\"", "\"ipam\"",
            "\"ranges\"", "\"subnet\"", "\"addresses\"", "\"mtu\"", "\"vlan\"", "\"name\"", "\"interface\"", "\"ips\"", "\"default\"",
            "\"device-info\"", "\"pci\"", "\"pci-address\"", "true", "null", "1500", "-1", "99999999999", "1e400", "\"\\u0000\"", "/", "@",
            "ns/name@net1", "a,b", "\u00e9"),
        Gen.String[Gen.Char, 0, 8]);

    private static readonly Gen<string> Text = Gen.OneOf<string>(
        Token.Array[0, 60].Select(t => string.Concat(t)),
        Token.Array[0, 60].Select(t => string.Join(' ', t)),
        Gen.String[0, 300]);

    [Fact]
    public void CniConfigParser_AnyText_SummaryOrError()
    {
        Text.Sample(text => FuzzBound.Run("spec.config", () =>
        {
            var r = CniConfigParser.Parse(text);
            Assert.True(r.Config is not null ^ r.Error is not null);
        }), iter: 3_000, threads: 1);
    }

    [Fact]
    public void AnnotationParsers_AnyText_EntriesOrError()
    {
        Text.Sample(text => FuzzBound.Run("annotations", () =>
        {
            var (entries, statusError) = MultusAnnotationParser.ParseStatus(text);
            Assert.True(statusError is null || entries.IsEmpty);
            var (selections, requestError) = MultusAnnotationParser.ParseRequest(text);
            Assert.True(requestError is null || selections.IsEmpty);
            Assert.All(selections, s => Assert.False(string.IsNullOrEmpty(s.Name)));
        }), iter: 3_000, threads: 1);
    }
}
