using System.Text.Json;
using ClusterNet.Cli.Parsing;
using ClusterNet.Core.ClientIp.Decoding;

namespace ClusterNet.Cli.Commands.ClientIp;

/// <summary>
/// `clusternet client-ip decode --remote-addr IP --header "X-Forwarded-For: a, b" [--header ...] --trusted CIDR[,CIDR]
/// [--header-name X-Forwarded-For|X-Real-IP] [--recursive on|off] [--forward-limit N|none] [--xff-num-trusted-hops N]
/// [--use-remote-address on|off] [--format json|text]`: the client address nginx's realip module and ASP.NET Core's
/// ForwardedHeaders middleware derive from one request, and next to them Envoy (xff_num_trusted_hops, default 0;
/// use_remote_address, default off) and HAProxy (set-src from X-Forwarded-For if the peer is in --trusted, option forwardfor).
/// --trusted "" means no trusted proxies (nginx then ignores the header; ASP.NET with empty lists trusts everyone).
/// Defaults follow the implementations: real_ip_recursive off, ForwardLimit 1.
/// </summary>
public sealed class ClientIpDecodeCommand : ICliCommand
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public IReadOnlyList<string> Path => ["client-ip", "decode"];

    public string Summary => "Client IP from X-Forwarded-For/X-Real-IP under nginx realip and ASP.NET ForwardedHeaders, step by step";

    public IReadOnlyList<CliFlag> Flags { get; } =
    [
        CliFlag.Value("remote-addr", "IP", "the TCP peer address the proxy or app sees (required)"),
        CliFlag.Repeated("header", "'NAME: VALUE'", "a request header as it arrives"),
        CliFlag.Value("trusted", "CIDR[,CIDR]", "trusted proxies (required; \"\" for none)"),
        CliFlag.Choice("header-name", "the header that carries the client address (default X-Forwarded-For)", ForwardedDecodeRequest.XForwardedFor, ForwardedDecodeRequest.XRealIp),
        CliFlag.Choice("recursive", "nginx real_ip_recursive (default off)", "on", "off"),
        CliFlag.Value("forward-limit", "N|none", "ASP.NET ForwardedHeadersOptions.ForwardLimit (default 1)"),
        CliFlag.Value("xff-num-trusted-hops", "N", "Envoy xff_num_trusted_hops (default 0)"),
        CliFlag.Choice("use-remote-address", "Envoy use_remote_address (default off)", "on", "off"),
        CliFlag.Choice("format", "output: text (default) or JSON", "text", "json"),
    ];

    public Task<int> RunAsync(CliArgs args, CliContext context) => Task.FromResult(Run(args, context.Stdout));

    private static int Run(CliArgs args, TextWriter stdout)
    {
        var request = Parse(args);
        var format = args.Choice("format", "text", "text", "json");
        var result = ForwardedHeaderDecoder.Decode(request);
        if (format == "json")
        {
            stdout.WriteLine(JsonSerializer.Serialize(DecodeOutput.From(result), Json));
            return 0;
        }

        ClientIpTextWriter.WriteDecode(stdout, request, result);
        return 0;
    }

    internal static ForwardedDecodeRequest Parse(CliArgs args)
    {
        var remote = args.Require("remote-addr");
        var trusted = args.Get("trusted") ?? throw new CliUsageException("missing required flag --trusted (use --trusted \"\" for no trusted proxies)");
        if (trusted == "true")
        {
            throw new CliUsageException("--trusted needs a value: CIDR[,CIDR] or \"\"");
        }

        var input = new DecodeInput(
            remote,
            [.. args.GetAll("header")],
            trusted,
            args.Choice("header-name", ForwardedDecodeRequest.XForwardedFor, ForwardedDecodeRequest.XForwardedFor, ForwardedDecodeRequest.XRealIp),
            args.Choice("recursive", "off", "on", "off") == "on",
            args.Get("forward-limit") ?? "1",
            args.Get("xff-num-trusted-hops") ?? "0",
            args.Choice("use-remote-address", "off", "on", "off") == "on");
        if (!input.TryParse(out var request, out var error))
        {
            throw new CliUsageException(error);
        }

        return request!;
    }
}
