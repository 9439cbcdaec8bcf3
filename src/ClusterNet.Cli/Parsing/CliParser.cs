using System.CommandLine;
using System.CommandLine.Parsing;

namespace ClusterNet.Cli.Parsing;

/// <summary>
/// The System.CommandLine tree of every <see cref="ICliCommand"/>: one <see cref="Command"/> per path word (so
/// <c>client-ip</c> runs and also holds <c>decode</c>; <c>dns</c> only groups), one <see cref="Option"/> per
/// <see cref="CliFlag"/>. Values are taken as text, every occurrence kept: the commands validate them with their own
/// messages, so a flag's meaning is decided once, in the command.
/// </summary>
public sealed class CliParser
{
    private readonly Dictionary<Command, (ICliCommand Command, IReadOnlyList<(CliFlag Flag, Symbol Symbol)> Symbols)> _byCommand = [];

    public CliParser(IReadOnlyList<ICliCommand> commands)
    {
        Root = new RootCommand("Kubernetes network troubleshooting: NetworkPolicy reachability, topology and routes, DNS, client IP");
        foreach (var version in Root.Options.OfType<VersionOption>())
        {
            version.Action = new VersionAction();
        }

        foreach (var command in commands.OrderBy(c => c.Path.Count))
        {
            var parent = (Command)Root;
            foreach (var word in command.Path.SkipLast(1))
            {
                parent = parent.Subcommands.FirstOrDefault(c => c.Name == word) ?? Add(parent, new Command(word, $"{word} commands"));
            }

            var name = command.Path[^1];
            var symbol = parent.Subcommands.FirstOrDefault(c => c.Name == name) ?? Add(parent, new Command(name));
            symbol.Description = command.Summary;
            // CliApp runs the command itself; an action marks it as runnable (client-ip runs and also has decode).
            symbol.SetAction(_ => 0);
            var symbols = new List<(CliFlag, Symbol)>();
            foreach (var flag in command.Flags)
            {
                if (flag.Arity == CliFlagArity.Argument)
                {
                    var argument = new Argument<string>(flag.Name) { Arity = ArgumentArity.ZeroOrOne, Description = flag.Description, HelpName = flag.ValueName };
                    if (flag.Choices is { } choices)
                    {
                        argument.CompletionSources.Add(choices.ToArray());
                    }

                    symbol.Arguments.Add(argument);
                    symbols.Add((flag, argument));
                }
                else
                {
                    var option = ToOption(flag);
                    symbol.Options.Add(option);
                    symbols.Add((flag, option));
                }
            }

            _byCommand[symbol] = (command, symbols);
        }
    }

    public RootCommand Root { get; }

    public static ParserConfiguration Configuration { get; } = new()
    {
        // "@file" is a plain value here (a path or an address), never a response file.
        ResponseFileTokenReplacer = null,
    };

    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args, Configuration);

    /// <summary>The command a parse selected, or null for a group (<c>dns</c>) or the root.</summary>
    public ICliCommand? CommandOf(ParseResult result) =>
        _byCommand.TryGetValue(result.CommandResult.Command, out var entry) ? entry.Command : null;

    /// <summary>The flag values of the selected command, by long name, every occurrence in order.</summary>
    public CliArgs ArgsOf(ParseResult result)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!_byCommand.TryGetValue(result.CommandResult.Command, out var entry))
        {
            return new CliArgs(values);
        }

        foreach (var (flag, symbol) in entry.Symbols)
        {
            var symbolResult = result.GetResult(symbol);
            if (symbolResult is null or OptionResult { Implicit: true } || (symbol is Argument && symbolResult.Tokens.Count == 0))
            {
                continue;
            }

            var tokens = symbolResult.Tokens.Select(t => t.Value).ToList();
            // A value flag given without a value reads "true", as before: the command then names what it expected.
            values[flag.Name] = tokens.Count == 0 ? ["true"] : tokens;
        }

        return new CliArgs(values);
    }

    /// <summary>The declared flags of a command (for did-you-mean).</summary>
    public IReadOnlyList<CliFlag> FlagsOf(Command command) =>
        _byCommand.TryGetValue(command, out var entry) ? [.. entry.Symbols.Select(o => o.Flag)] : [];

    private static Command Add(Command parent, Command child)
    {
        parent.Subcommands.Add(child);
        return child;
    }

    private static Option ToOption(CliFlag flag)
    {
        Option option = flag.Arity == CliFlagArity.Switch
            ? new Option<bool>(flag.LongForm, Aliases(flag)) { Arity = ArgumentArity.Zero }
            : new Option<string[]>(flag.LongForm, Aliases(flag))
            {
                Arity = ArgumentArity.ZeroOrMore,
                AllowMultipleArgumentsPerToken = false,
                HelpName = flag.ValueName,
            };
        option.Description = flag.Description + (flag.Arity == CliFlagArity.Repeated ? " (repeatable)" : "");
        if (flag.Choices is { } choices)
        {
            option.CompletionSources.Add(choices.ToArray());
        }

        return option;
    }

    private static string[] Aliases(CliFlag flag) => flag.Alias is null ? [] : [flag.Alias];
}
