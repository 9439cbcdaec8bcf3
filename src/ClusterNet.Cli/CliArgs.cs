namespace ClusterNet.Cli;

/// <summary>
/// The flag values of one parsed command line, by long name (without dashes), each occurrence in order; a switch or a
/// value flag given without a value reads as "true" (as the hand-written parser did, so commands keep their messages).
/// Built by <see cref="Parsing.CliParser"/>; commands read it through the typed helpers.
/// </summary>
public sealed class CliArgs
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _flags;

    public CliArgs(IReadOnlyDictionary<string, IReadOnlyList<string>> flags) => _flags = flags;

    public bool Has(string name) => _flags.ContainsKey(name);

    public string? Get(string name) => _flags.TryGetValue(name, out var v) && v.Count > 0 ? v[^1] : null;

    public string Require(string name) => Get(name) ?? throw new CliUsageException($"missing required flag --{name}");

    public IReadOnlyList<string> GetAll(string name) => _flags.TryGetValue(name, out var v) ? v : [];

    public string Choice(string name, string @default, params string[] allowed)
    {
        var value = Get(name) ?? @default;
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new CliUsageException($"--{name} must be one of {string.Join("|", allowed)}, got '{value}'");
        }

        return value;
    }

    public int? GetInt(string name)
    {
        var v = Get(name);
        if (v is null)
        {
            return null;
        }

        return int.TryParse(v, out var n) ? n : throw new CliUsageException($"--{name} must be a whole number, got '{v}'");
    }
}
