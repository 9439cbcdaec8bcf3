using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using ClusterNet.Cli.Parsing;

namespace ClusterNet.Cli;

/// <summary>
/// Parses the command line with System.CommandLine (built from each command's <see cref="ICliCommand.Flags"/>) and
/// runs the selected command. Usage errors (unknown command or flag, bad values) print to stderr with a did-you-mean
/// and exit 2; <c>COMMAND --help</c> prints that command's flags; <c>--version</c> the tool's version; the
/// <c>[suggest:N]</c> directive answers the shell completion scripts of <c>clusternet completion</c>.
/// </summary>
public static class CliApp
{
    private static readonly Lazy<IReadOnlyList<ICliCommand>> Commands = new(() =>
        [.. typeof(CliApp).Assembly.GetTypes()
            .Where(t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (ICliCommand)Activator.CreateInstance(t)!)
            .OrderBy(c => string.Join(' ', c.Path), StringComparer.Ordinal)]);

    public static IReadOnlyList<ICliCommand> All => Commands.Value;

    /// <summary>Synchronous form for tests and callers without an async context; the environment is the process's.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, new CliContext { Stdout = stdout, Stderr = stderr }).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(string[] args, CliContext context, IReadOnlyList<ICliCommand>? commands = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        commands ??= All;
        if (args.Length == 0 || args is ["help"])
        {
            PrintUsage(context.Stdout, commands);
            return args.Length == 0 ? 2 : 0;
        }

        var parser = new CliParser(commands);
        var parsed = parser.Parse(args);
        var selected = parsed.CommandResult.Command;
        var command = parser.CommandOf(parsed);

        if (parsed.Action is HelpAction && command is null)
        {
            // The top-level listing keeps its documented shape; each command's own help comes from the parser.
            PrintUsage(context.Stdout, commands);
            return 0;
        }

        if (parsed.Action is not null and not ParseErrorAction && parsed.Action != selected.Action)
        {
            // --help of a command, --version, the [suggest] directive of the completion scripts.
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = context.Stdout, Error = context.Stderr }, context.CancellationToken).ConfigureAwait(false);
        }

        if (command is null)
        {
            var words = args.TakeWhile(a => !a.StartsWith('-')).ToList();
            context.Stderr.WriteLine($"clusternet: unknown command '{string.Join(' ', words)}'");
            var typed = words.Skip(CommandPath(selected).Count).FirstOrDefault();
            if (typed is not null && DidYouMean.Line(typed, selected.Subcommands.Select(c => c.Name)) is { } hint)
            {
                context.Stderr.WriteLine(hint);
            }

            PrintUsage(context.Stderr, commands);
            return 2;
        }

        var prefix = $"clusternet {string.Join(' ', command.Path)}";
        var unknown = parsed.UnmatchedTokens.Where(t => t.StartsWith('-') && t.Length > 1).Select(t => t.Split('=', 2)[0]).ToList();
        if (unknown.Count == 0 && parsed.Errors.Count > 0)
        {
            var extra = parsed.UnmatchedTokens.ToList();
            context.Stderr.WriteLine(extra.Count > 0
                ? $"{prefix}: unexpected argument(s): {string.Join(", ", extra.Select(e => $"'{e}'"))} (flags take one value each; see {prefix} --help)"
                : $"{prefix}: {parsed.Errors[0].Message}");
            return 2;
        }

        var args2 = parser.ArgsOf(parsed);
        try
        {
            // Output is held back until the flags are known to be good and the command finished: a usage error found
            // late must not leave half a result that a script would parse. With unknown flags a command still runs on
            // manifests (its own usage error wins, as it always did) but never reads a live cluster for nothing.
            using var buffered = new StringWriter();
            var code = unknown.Count > 0 && !args2.Has(ClusterFlags.Manifests.Name) && command.Flags.Contains(ClusterFlags.Manifests)
                ? 2
                : await command.RunAsync(args2, context with { Stdout = buffered }).ConfigureAwait(false);
            if (unknown.Count > 0)
            {
                ReportUnknown(context.Stderr, prefix, unknown, parser.FlagsOf(selected));
                return 2;
            }

            await context.Stdout.WriteAsync(buffered.ToString()).ConfigureAwait(false);
            return code;
        }
        catch (CliUsageException ex)
        {
            context.Stderr.WriteLine($"{prefix}: {ex.Message}");
            return 2;
        }
    }

    private static void ReportUnknown(TextWriter stderr, string prefix, IReadOnlyList<string> unknown, IReadOnlyList<CliFlag> flags)
    {
        stderr.WriteLine($"{prefix}: unknown flag(s): {string.Join(", ", unknown)}");
        var known = flags.Where(f => f.Arity != CliFlagArity.Argument).Select(f => f.LongForm).Append("--help");
        foreach (var u in unknown)
        {
            if (DidYouMean.Line(u, known) is { } hint)
            {
                stderr.WriteLine($"{prefix}: {u}: {hint}");
            }
        }
    }

    private static IReadOnlyList<string> CommandPath(Command command)
    {
        var path = new List<string>();
        for (Symbol? s = command; s is Command c && s is not RootCommand; s = s.Parents.FirstOrDefault())
        {
            path.Insert(0, c.Name);
        }

        return path;
    }

    private static void PrintUsage(TextWriter w, IReadOnlyList<ICliCommand> commands)
    {
        w.WriteLine("usage: clusternet <command> [flags]");
        foreach (var c in commands)
        {
            w.WriteLine($"  {string.Join(' ', c.Path),-22} {c.Summary}");
        }
    }
}
