using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace ClusterNet.Cli.Parsing;

/// <summary>
/// <c>--version</c>: the tool's informational version (package version + commit). System.CommandLine's default reads
/// the entry assembly, which is the test host when tests call <see cref="CliApp"/>.
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Version =>
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return 0;
    }
}
