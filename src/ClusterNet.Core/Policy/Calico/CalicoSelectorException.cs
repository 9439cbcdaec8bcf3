namespace ClusterNet.Core.Policy.Calico;

/// <summary>A selector that does not parse: <see cref="Position"/> is the 0-based character offset of the problem.</summary>
public sealed class CalicoSelectorException(string selector, int position, string problem)
    : FormatException($"selector \"{selector}\": {problem} at position {position + 1}")
{
    public string Selector { get; } = selector;

    public int Position { get; } = position;

    /// <summary>What is wrong, without the selector and position.</summary>
    public string Problem { get; } = problem;
}
