namespace ClusterNet.Core.Queries;

/// <summary>
/// A parse problem for one input: <see cref="Input"/> is the name as the caller wrote it ("--from" on the CLI, "from" in
/// a URL or REST query), so one parser yields each front end's own message.
/// </summary>
public sealed record QueryError(string Input, string Message)
{
    public override string ToString() => Message;
}
