using System.Collections.Immutable;
using System.Text;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Dns;

/// <summary>
/// A parsed /etc/resolv.conf: what both C libraries read. Options keep their order and duplicates as written
/// (the libraries apply them left to right, so the last value of a name wins).
/// </summary>
public sealed record ResolvConf
{
    public ImmutableArray<string> Nameservers { get; init; } = [];
    public ImmutableArray<string> Search { get; init; } = [];
    public ImmutableArray<DnsOption> Options { get; init; } = [];
    /// <summary>
    /// Characters on the search (or domain) line as written, without the newline. musl ignores a line of 255 characters
    /// or more; null means "as <see cref="Render"/> would write it".
    /// </summary>
    public int? SearchLineLength { get; init; }

    public int EffectiveSearchLineLength => SearchLineLength ?? (Search.IsDefaultOrEmpty ? 0 : "search ".Length + string.Join(' ', Search).Length);

    /// <summary>Last value of an option, or null when absent. Flags without a value return "".</summary>
    public string? OptionValue(string name)
    {
        string? value = null;
        foreach (var o in Options)
        {
            if (string.Equals(o.Name, name, StringComparison.Ordinal))
            {
                value = o.Value ?? "";
            }
        }

        return value;
    }

    public bool HasOption(string name) => OptionValue(name) is not null;

    public string Render()
    {
        var sb = new StringBuilder();
        foreach (var ns in Nameservers)
        {
            sb.Append("nameserver ").Append(ns).Append('\n');
        }

        if (!Search.IsDefaultOrEmpty)
        {
            sb.Append("search ").Append(string.Join(' ', Search)).Append('\n');
        }

        if (!Options.IsDefaultOrEmpty)
        {
            sb.Append("options ").Append(string.Join(' ', Options.Select(o => o.Value is null ? o.Name : $"{o.Name}:{o.Value}"))).Append('\n');
        }

        return sb.ToString();
    }
}
