namespace ClusterNet.Cli.Commands.Completion;

/// <summary>
/// The completion scripts. Each passes the whole line and the cursor position to
/// <c>clusternet [suggest:POSITION] "LINE"</c>, which prints one candidate per line.
/// </summary>
public static class CompletionScripts
{
    public static string? For(string shell, string command) => shell switch
    {
        "bash" => Bash(command),
        "zsh" => Zsh(command),
        "pwsh" => Pwsh(command),
        _ => null,
    };

    private static string Function(string command) => "_" + command.Replace('-', '_') + "_complete";

    private static string Bash(string command) => $$"""
        # bash completion for {{command}}: source <({{command}} completion bash)
        {{Function(command)}}() {
            local IFS=$'\n'
            COMPREPLY=( $(compgen -W "$({{command}} "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F {{Function(command)}} {{command}}

        """.ReplaceLineEndings("\n");

    private static string Zsh(string command) => $$"""
        #compdef {{command}}
        # zsh completion for {{command}}: source <({{command}} completion zsh)
        {{Function(command)}}() {
            local -a candidates
            candidates=("${(@f)$({{command}} "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
            compadd -a candidates
        }
        compdef {{Function(command)}} {{command}}

        """.ReplaceLineEndings("\n");

    private static string Pwsh(string command) => $$"""
        # PowerShell completion for {{command}}: {{command}} completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName {{command}} -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            {{command}} "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """.ReplaceLineEndings("\n");
}
