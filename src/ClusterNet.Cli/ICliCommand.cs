namespace ClusterNet.Cli;

/// <summary>
/// One `clusternet` command. Commands are discovered by reflection, so adding a command is adding a file.
/// Exit codes: 0 success, 1 the check failed (when a command has such a notion), 2 bad input or usage.
/// </summary>
public interface ICliCommand
{
    /// <summary>Words that select the command, e.g. ["dns", "expand"].</summary>
    IReadOnlyList<string> Path { get; }

    /// <summary>One line for the usage listing.</summary>
    string Summary { get; }

    int Run(CliArgs args, TextWriter stdout, TextWriter stderr);
}
