using ClusterNet.Cli.Parsing;

namespace ClusterNet.Cli;

/// <summary>
/// One `clusternet` command. Commands are discovered by reflection, so adding a command is adding a file; adding a
/// flag is one line in <see cref="Flags"/>. Exit codes: 0 success, 1 the check failed (when a command has such a
/// notion), 2 bad input or usage.
/// </summary>
public interface ICliCommand
{
    /// <summary>Words that select the command, e.g. ["dns", "expand"].</summary>
    IReadOnlyList<string> Path { get; }

    /// <summary>One line for the usage listing and the command's help.</summary>
    string Summary { get; }

    /// <summary>Every flag the command reads; anything else on the command line is a usage error (exit 2).</summary>
    IReadOnlyList<CliFlag> Flags { get; }

    Task<int> RunAsync(CliArgs args, CliContext context);
}
