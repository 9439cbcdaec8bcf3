namespace ClusterNet.Web.Dns;

/// <summary>
/// <c>POST /api/dns/lookup</c>: a name, the resolv.conf it is resolved with (text), the C library ("glibc"/"musl",
/// optional version), the family ("unspec"/"inet"/"inet6"), and the server (IP) and port asked; the server defaults to
/// the resolv.conf's first nameserver.
/// </summary>
public sealed record DnsLookupRequestDto(string? Name, string? ResolvConf, string? Libc, string? LibcVersion, string? Family, string? Server, int? Port);
