namespace ClusterNet.Core.Policy.Chain;

/// <summary>One stage's answer for one connection in one direction, with its explanation step when asked for.</summary>
internal readonly record struct StageVerdict(StageDecision Decision, bool Ambiguous)
{
    public static readonly StageVerdict NoMatch = new(StageDecision.NoMatch, false);
}
