namespace ClusterNet.Core.Policy;

/// <summary>What a matrix cell says: the mark (never the only carrier of meaning), a state for styling, and the words.</summary>
public sealed record MatrixCellText(string Mark, string State, string Text)
{
    /// <summary>The legend under every matrix, in the verdict words.</summary>
    public static readonly string Legend =
        $"{VerdictText.Symbol(ReachVerdict.Allowed)} {VerdictText.Allowed} · {VerdictText.Symbol(ReachVerdict.Denied)} {VerdictText.Denied} · " +
        $"{VerdictText.Symbol(ReachVerdict.DependsOnImplementation)} {VerdictText.ImplementationDefined} · n/m pod pairs allowed · – no pods";

    /// <summary>One pod pair: ✓ allowed, ✗ denied, ~ implementation-defined (with what the conformance tests expect).</summary>
    public static MatrixCellText ForPods(ReachVerdict verdict, bool allowed) => new(
        VerdictText.Symbol(verdict),
        verdict switch { ReachVerdict.Allowed => "allowed", ReachVerdict.Denied => "denied", _ => "depends" },
        VerdictText.WithExpectation(verdict, allowed));

    /// <summary>One namespace pair: ✓ all allowed, ✗ none, n/m some, ~ all allowed but some implementation-defined, – no pods.</summary>
    public static MatrixCellText ForNamespaces(NamespaceCell cell)
    {
        var depends = cell.DependsOnImplementation > 0;
        var text = $"{cell.Allowed} of {cell.Pairs} pod pairs {VerdictText.Allowed}" + (depends ? $", {cell.DependsOnImplementation} {VerdictText.ImplementationDefined}" : "");
        return cell.State switch
        {
            NamespaceCellState.All when depends => new(VerdictText.Symbol(ReachVerdict.DependsOnImplementation), "depends", text),
            NamespaceCellState.All => new(VerdictText.Symbol(ReachVerdict.Allowed), "all", text),
            NamespaceCellState.None => new(VerdictText.Symbol(ReachVerdict.Denied), "none", text),
            NamespaceCellState.Empty => new("–", "empty", text),
            _ => new($"{cell.Allowed}/{cell.Pairs}", "some", text),
        };
    }
}
