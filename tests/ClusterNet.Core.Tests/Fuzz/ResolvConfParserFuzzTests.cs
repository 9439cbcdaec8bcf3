using ClusterNet.Core.Dns;
using CsCheck;

namespace ClusterNet.Core.Tests.Fuzz;

/// <summary>Any text given as resolv.conf yields a parsed file or a <see cref="ResolvConfFormatException"/> naming the line; nothing else escapes.</summary>
public sealed class ResolvConfParserFuzzTests
{
    private static readonly Gen<string> Word = Gen.OneOf<string>(
        Gen.OneOf("nameserver", "search", "domain", "options", "sortlist", "ndots:5", "ndots:", "ndots:-1", "ndots:99999999999999999999",
            "timeout:0", "attempts:2147483648", "rotate", "edns0", "single-request-reopen", "use-vc", "inet6", "trust-ad", "no-aaaa",
            "10.96.0.10", "::1", "fe80::1%eth0", "[::1]", "1.2.3.4/24", "256.1.1.1", "svc.cluster.local", ".", "..", "-", "#", ";",
            "a." + new string('b', 300), "\u00e9x\u00e4mple", "\u0000", "\t", "\r", ":", "=", "%"),
        Gen.String[Gen.Char, 0, 12]);

    private static readonly Gen<string> Line = Word.Array[0, 8].Select(words => string.Join(' ', words));

    private static readonly Gen<string> File = Gen.OneOf<string>(
        Line.Array[0, 30].Select(lines => string.Join('\n', lines)),
        Line.Array[0, 10].Select(lines => string.Join("\r\n", lines)),
        Gen.String[0, 400]);

    [Fact]
    public void Parse_AnyText_ResultOrNamedError()
    {
        File.Sample(text => FuzzBound.Run("resolv.conf", () =>
        {
            try
            {
                var parsed = ResolvConfParser.Parse(text);
                Assert.NotNull(parsed);
            }
            catch (ResolvConfFormatException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                Assert.InRange(e.Line, 1, text.Length + 1);
            }
        }), iter: 3_000, threads: 1);
    }
}
