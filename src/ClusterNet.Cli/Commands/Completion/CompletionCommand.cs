using ClusterNet.Cli.Parsing;

namespace ClusterNet.Cli.Commands.Completion;

/// <summary>
/// `clusternet completion bash|zsh|pwsh`: a script that completes commands, flags and flag values by asking
/// clusternet itself (System.CommandLine's <c>[suggest:POSITION]</c> directive), so it never goes stale.
/// Load it with <c>source &lt;(clusternet completion bash)</c>.
/// </summary>
public sealed class CompletionCommand : ICliCommand
{
    public IReadOnlyList<string> Path => ["completion"];

    public string Summary => "Shell completion script: source <(clusternet completion bash) (or zsh, pwsh)";

    public IReadOnlyList<CliFlag> Flags { get; } =
    [
        CliFlag.Argument("shell", "the shell to complete in", "bash", "zsh", "pwsh"),
    ];

    public Task<int> RunAsync(CliArgs args, CliContext context)
    {
        var shell = args.Get("shell") ?? throw new CliUsageException("name the shell: clusternet completion bash|zsh|pwsh");
        var script = CompletionScripts.For(shell, "clusternet")
            ?? throw new CliUsageException($"shell must be one of bash|zsh|pwsh, got '{shell}'");
        context.Stdout.Write(script);
        return Task.FromResult(0);
    }
}
