namespace ClusterNet.Cli;

/// <summary>
/// GNU-style flags: `--name value`, `--name=value`, repeated flags kept in order, bare `--flag` as "true".
/// Positional words are kept apart.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CliArgs(IEnumerable<string> args, IReadOnlySet<string>? booleanFlags = null)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                var eq = a.IndexOf('=');
                string name, value;
                if (eq > 0)
                {
                    name = a[2..eq];
                    value = a[(eq + 1)..];
                }
                else
                {
                    name = a[2..];
                    if ((booleanFlags?.Contains(name) ?? false) || i + 1 >= list.Count || (list[i + 1].StartsWith("--", StringComparison.Ordinal) && list[i + 1].Length > 2))
                    {
                        value = "true";
                    }
                    else
                    {
                        value = list[++i];
                    }
                }

                if (!_flags.TryGetValue(name, out var values))
                {
                    _flags[name] = values = [];
                }

                values.Add(value);
            }
            else
            {
                Positional.Add(a);
            }
        }
    }

    public List<string> Positional { get; } = [];

    public bool Has(string name)
    {
        _read.Add(name);
        return _flags.ContainsKey(name);
    }

    public string? Get(string name)
    {
        _read.Add(name);
        return _flags.TryGetValue(name, out var v) ? v[^1] : null;
    }

    public string Require(string name) => Get(name) ?? throw new CliUsageException($"missing required flag --{name}");

    public IReadOnlyList<string> GetAll(string name)
    {
        _read.Add(name);
        return _flags.TryGetValue(name, out var v) ? v : [];
    }

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

    /// <summary>Flags given but never read by the command: reported as usage errors so typos don't pass silently.</summary>
    public IEnumerable<string> Unread() => _flags.Keys.Where(k => !_read.Contains(k));
}
