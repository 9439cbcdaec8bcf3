namespace ClusterNet.Core.Policy;

/// <summary>
/// The one wording of a reachability verdict, for the overlay, the matrix, the explanation, the packet walk, the CLI
/// table and REST alike: "allowed", "denied", "implementation-defined". Whether the CNI enforces policy at all is a
/// separate qualifier (<see cref="PolicyEnforcement.Qualifier"/>), always shown next to the verdict, never folded into it.
/// </summary>
public static class VerdictText
{
    public const string Allowed = "allowed";
    public const string Denied = "denied";
    public const string ImplementationDefined = "implementation-defined";
    /// <summary>The qualifier's fixed words; <see cref="PolicyEnforcement.Qualifier"/> adds the CNI's name.</summary>
    public const string NotEnforced = "not enforced by this CNI";

    public static string Of(ReachVerdict verdict) => verdict switch
    {
        ReachVerdict.Allowed => Allowed,
        ReachVerdict.Denied => Denied,
        ReachVerdict.DependsOnImplementation => ImplementationDefined,
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>Sentence case, for the start of a sentence ("Denied: …").</summary>
    public static string Title(ReachVerdict verdict)
    {
        return Capitalize(Of(verdict));
    }

    /// <summary>The mark in matrices and legends; never the only carrier of meaning (cells also carry the word).</summary>
    public static string Symbol(ReachVerdict verdict) => verdict switch
    {
        ReachVerdict.Allowed => "✓",
        ReachVerdict.Denied => "✗",
        _ => "~",
    };

    /// <summary>
    /// "implementation-defined (upstream conformance tests expect allowed)": the expectation is evidence, not the verdict,
    /// so it follows in brackets and only for implementation-defined cells.
    /// </summary>
    public static string WithExpectation(ReachVerdict verdict, bool expectedAllowed) => verdict == ReachVerdict.DependsOnImplementation
        ? $"{ImplementationDefined} (upstream conformance tests expect {(expectedAllowed ? Allowed : Denied)})"
        : Of(verdict);

    /// <summary><see cref="WithExpectation"/> in sentence case, to open a sentence ("Implementation-defined (…): …").</summary>
    public static string TitleWithExpectation(ReachVerdict verdict, bool expectedAllowed) => Capitalize(WithExpectation(verdict, expectedAllowed));

    /// <summary>The verdict followed by the enforcement qualifier when there is one: "denied · not enforced by this CNI (flannel)".</summary>
    public static string Qualified(string verdictText, string? qualifier) => qualifier is null ? verdictText : $"{verdictText} · {qualifier}";

    /// <summary>
    /// The mark of the upstream e2e truth tables (the CLI's table): . allowed, X denied, ~ implementation-defined where the
    /// conformance tests expect allowed, ? where they expect denied.
    /// </summary>
    public static string TruthTableMark(ReachVerdict verdict, bool expectedAllowed) => verdict switch
    {
        ReachVerdict.DependsOnImplementation => expectedAllowed ? "~" : "?",
        _ => expectedAllowed ? "." : "X",
    };

    /// <summary>The legend of <see cref="TruthTableMark"/>, in these words.</summary>
    public static string TruthTableLegend =>
        $". {Allowed}, X {Denied}, ~ {WithExpectation(ReachVerdict.DependsOnImplementation, true)}, ? {WithExpectation(ReachVerdict.DependsOnImplementation, false)}";

    private static string Capitalize(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
