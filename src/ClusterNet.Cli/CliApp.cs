using System.Reflection;

namespace ClusterNet.Cli;

/// <summary>Finds the command whose path is the longest prefix of the arguments and runs it.</summary>
public static class CliApp
{
    private static readonly Lazy<IReadOnlyList<ICliCommand>> Commands = new(() =>
        [.. typeof(CliApp).Assembly.GetTypes()
            .Where(t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (ICliCommand)Activator.CreateInstance(t)!)
            .OrderBy(c => string.Join(' ', c.Path), StringComparer.Ordinal)]);

    public static IReadOnlyList<ICliCommand> All => Commands.Value;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintUsage(stdout);
            return args.Length == 0 ? 2 : 0;
        }

        var command = All
            .Where(c => c.Path.Count <= args.Length && c.Path.Select((w, i) => args[i] == w).All(x => x))
            .OrderByDescending(c => c.Path.Count)
            .FirstOrDefault();
        if (command is null)
        {
            stderr.WriteLine($"clusternet: unknown command '{string.Join(' ', args.TakeWhile(a => !a.StartsWith('-')))}'");
            PrintUsage(stderr);
            return 2;
        }

        try
        {
            var parsed = new CliArgs(args.Skip(command.Path.Count));
            // Output is held back until the flags are known to be valid: a mistyped flag must not print a
            // result that a script would then parse as if the flag had been applied.
            using var buffered = new StringWriter();
            var code = command.Run(parsed, buffered, stderr);
            var unknown = parsed.Unread().ToList();
            if (unknown.Count > 0)
            {
                stderr.WriteLine($"clusternet {string.Join(' ', command.Path)}: unknown flag(s): {string.Join(", ", unknown.Select(u => "--" + u))}");
                return 2;
            }

            stdout.Write(buffered.ToString());
            return code;
        }
        catch (CliUsageException ex)
        {
            stderr.WriteLine($"clusternet {string.Join(' ', command.Path)}: {ex.Message}");
            return 2;
        }
    }

    private static void PrintUsage(TextWriter w)
    {
        w.WriteLine("usage: clusternet <command> [flags]");
        foreach (var c in All)
        {
            w.WriteLine($"  {string.Join(' ', c.Path),-22} {c.Summary}");
        }
    }
}
