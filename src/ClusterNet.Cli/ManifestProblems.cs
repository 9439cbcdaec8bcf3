namespace ClusterNet.Cli;

/// <summary>How a command treats problems found in its manifests (each command kept its behaviour through the parser move).</summary>
public enum ManifestProblems
{
    /// <summary>Warnings go to stderr; any error is a usage error (exit 2) listing the errors.</summary>
    WarnThenFailOnErrors,

    /// <summary>Any error is a usage error; warnings are not printed (machine-read output such as `dns findings`).</summary>
    FailOnErrorsQuietly,

    /// <summary>Every problem goes to stderr and the command goes on with what was read.</summary>
    PrintAll,
}
