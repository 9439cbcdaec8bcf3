namespace ClusterNet.Cli;

/// <summary>Bad flags or input: printed to stderr, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
