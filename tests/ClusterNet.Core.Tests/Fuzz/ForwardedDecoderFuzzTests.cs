using ClusterNet.Core.ClientIp.Decoding;
using CsCheck;

namespace ClusterNet.Core.Tests.Fuzz;

/// <summary>
/// The client-IP decoder's text input (what the CLI flags, the web form and POST /api/client-ip/decode pass on): any
/// input is refused with a message or decoded by both models; nothing escapes, nothing hangs.
/// </summary>
public sealed class ForwardedDecoderFuzzTests
{
    private static readonly Gen<string> Address = Gen.OneOf<string>(
        Gen.OneOf("10.0.0.1", "203.0.113.7", "::1", "2001:db8::1", "[2001:db8::1]", "[2001:db8::1]:443", "10.0.0.1:8080",
            "unknown", "_hidden", "\"[::1]:80\"", "1.2.3.4%", "fe80::1%eth0", "::ffff:10.0.0.1", "0.0.0.0", "255.255.255.255",
            "1.2.3", "1.2.3.4.5", "300.1.1.1", "::", ":::", "[", "]", "\"", "", " ", "01.02.03.04", "0x7f.1", "1e1.1.1.1"),
        Gen.String[Gen.Char["0123456789abcdef:.[]\"%_ ,;=-"], 0, 40],
        Gen.String[0, 20]);

    private static readonly Gen<string> HeaderValue = Gen.OneOf<string>(
        Address.Array[0, 12].Select(a => string.Join(", ", a)),
        Gen.Select(Address, Address, (a, b) => $"for={a};proto=https;by={b}, for=\"{b}\""),
        Address.Array[0, 8].Select(a => string.Join(",", a.Select(x => "for=" + x))));

    private static readonly Gen<string> HeaderLine = Gen.OneOf<string>(
        Gen.Select(Gen.OneOf("X-Forwarded-For", "X-Real-IP", "Forwarded", "x-forwarded-for", "X-Forwarded-Proto", "", " X-Forwarded-For", "Bad Name"),
            HeaderValue, (name, value) => $"{name}: {value}"),
        Gen.String[0, 60]);

    private static readonly Gen<string> Trusted = Gen.OneOf<string>(
        Gen.OneOf("", "10.0.0.0/8", "10.0.0.0/8,192.168.0.0/16", "::/0", "0.0.0.0/0", "2001:db8::/32", "10.0.0.1", "10.0.0.0/33",
            "10.0.0.0/-1", "/8", "10.0.0.0/8,", ",", "unix:", "fe80::/10,10.0.0.0/8,::1"),
        Gen.String[Gen.Char["0123456789abcdef:./, "], 0, 40]);

    private static readonly Gen<DecodeInput> Input = Gen.Select(Address, HeaderLine.Array[0, 6], Trusted,
        Gen.OneOf(ForwardedDecodeRequest.XForwardedFor, ForwardedDecodeRequest.XRealIp, "Forwarded", "", "X-Nope"),
        Gen.Bool, Gen.OneOf("1", "2", "none", "0", "-1", "", "99999999999", "abc", " 3 "),
        (remote, headers, trusted, name, recursive, limit) => new DecodeInput(remote, [.. headers], trusted, name, recursive, limit));

    [Fact]
    public void Decode_AnyInput_RefusedWithMessageOrDecodedByBothModels()
    {
        Input.Sample(input => FuzzBound.Run("client-ip decode", () =>
        {
            if (!input.TryParse(out var request, out var error))
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
                return;
            }

            var output = DecodeOutput.From(ForwardedHeaderDecoder.Decode(request!));
            Assert.NotNull(output.Nginx.ClientIp);
            Assert.NotNull(output.Aspnet.ClientIp);
        }), iter: 3_000, threads: 1);
    }

    [Fact]
    public void Parse_AnyForwardedHeader_ElementsNotExceptions()
    {
        HeaderValue.Array[0, 4].Sample(lines => FuzzBound.Run("Forwarded", () => Assert.NotNull(ForwardedHeaderParser.Parse(lines))), iter: 3_000, threads: 1);
    }
}
