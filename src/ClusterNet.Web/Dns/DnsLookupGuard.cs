using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using ClusterNet.Core.Dns;
using ClusterNet.Core.Model;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Dns;

/// <summary>
/// <c>Dns:LookupAllow</c>: servers a live lookup may ask besides port 53 of the cluster's DNS servers — a list of
/// <c>IP</c>, <c>IP:PORT</c> or <c>CIDR</c> entries (no port: 53).
/// </summary>
public sealed class DnsLookupOptions
{
    public const string Section = "Dns";

    public List<string> LookupAllow { get; set; } = [];
}

/// <summary>Refuses start-up with every bad <c>Dns:LookupAllow</c> entry named.</summary>
public sealed class DnsLookupOptionsValidator : IValidateOptions<DnsLookupOptions>
{
    public ValidateOptionsResult Validate(string? name, DnsLookupOptions options)
    {
        var errors = new List<string>();
        foreach (var entry in options.LookupAllow)
        {
            if (!DnsLookupAllowList.TryParseEntry(entry, out _, out var error))
            {
                errors.Add(error);
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// Which server and port a live lookup (POST /api/dns/lookup and the DNS page) may ask: see
/// <see cref="DnsLookupAllowList"/>. The cluster's servers are computed once per snapshot.
/// </summary>
public sealed class DnsLookupGuard(IOptions<DnsLookupOptions> options)
{
    private readonly Lazy<ImmutableArray<DnsLookupAllowEntry>> _configured = new(() => DnsLookupAllowList.Parse(options.Value.LookupAllow));
    private readonly ConditionalWeakTable<ClusterSnapshot, StrongBox<ImmutableArray<string>>> _servers = [];

    public DnsLookupGuard(params string[] allow)
        : this(Options.Create(new DnsLookupOptions { LookupAllow = [.. allow] }))
    {
    }

    /// <summary>Null when <paramref name="server"/>:<paramref name="port"/> may be asked; else the message to show (403).</summary>
    public string? Refusal(ClusterSnapshot snapshot, DnsClusterSettings settings, string server, int port)
    {
        var servers = _servers.GetValue(snapshot, s => new StrongBox<ImmutableArray<string>>(DnsLookupAllowList.ClusterServers(s, settings))).Value;
        return DnsLookupAllowList.Refusal(server, port, servers, _configured.Value);
    }
}
