namespace ClusterNet.Web.Api.Dns;

/// <summary>
/// POST /api/dns/expand and /api/dns/lookup body: a pod ("ns/name") or a pasted resolv.conf, the name, the C library
/// (glibc|musl, optional version), the family (unspec|inet|inet6), an answers table (the CLI's --answers format) and,
/// for a live lookup, the server to ask (default: the resolv.conf's first nameserver) and its port.
/// </summary>
public sealed record DnsExpandRequestDto(
    string Name,
    string? Pod = null,
    string? ResolvConf = null,
    string Libc = "glibc",
    string? LibcVersion = null,
    string Family = "unspec",
    System.Text.Json.JsonElement? Answers = null,
    string? Server = null,
    int Port = 53);
