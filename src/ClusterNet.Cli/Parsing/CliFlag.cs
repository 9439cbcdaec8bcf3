namespace ClusterNet.Cli.Parsing;

/// <summary>
/// One flag of one command, declared in one line: <c>CliFlag.Value("node", "NAME", "the node to predict")</c>.
/// The parser (System.CommandLine), help, did-you-mean and shell completion are all built from these declarations.
/// </summary>
/// <param name="Name">Long name without dashes (<c>manifests</c> for <c>--manifests</c>).</param>
/// <param name="ValueName">Placeholder in help (<c>PATH</c>); null for a switch.</param>
/// <param name="Description">One line of help.</param>
/// <param name="Arity">Once (the last occurrence wins), repeatable, or a switch without value.</param>
/// <param name="Alias">A one-dash short form (<c>-n</c>), or null.</param>
/// <param name="Choices">Allowed values offered by completion and named in help; the command still validates.</param>
public sealed record CliFlag(string Name, string? ValueName, string Description, CliFlagArity Arity, string? Alias = null, IReadOnlyList<string>? Choices = null)
{
    public static CliFlag Value(string name, string valueName, string description, string? alias = null) =>
        new(name, valueName, description, CliFlagArity.Once, alias);

    public static CliFlag Choice(string name, string description, params string[] choices) =>
        new(name, string.Join('|', choices), description, CliFlagArity.Once, null, choices);

    public static CliFlag Repeated(string name, string valueName, string description) =>
        new(name, valueName, description, CliFlagArity.Repeated);

    public static CliFlag Switch(string name, string description, string? alias = null) =>
        new(name, null, description, CliFlagArity.Switch, alias);

    public static CliFlag Argument(string name, string description, params string[] choices) =>
        new(name, choices.Length == 0 ? name.ToUpperInvariant() : string.Join('|', choices), description, CliFlagArity.Argument, null, choices.Length == 0 ? null : choices);

    public string LongForm => "--" + Name;
}
