using ClusterNet.Core.Policy;

namespace ClusterNet.Core.Tests.Policy;

/// <summary>One verdict wording: the explainer's sentence, matrix cells and the CLI's truth-table legend all use VerdictText.</summary>
public sealed class VerdictWordingTests
{
    [Fact]
    public void Explain_IpBlockOnPodIp_SummaryOpensWithImplementationDefinedAndExpectation()
    {
        var engine = PolicyEngine.Build(NotesCluster.Snapshot(NotesCluster.Allow80Ingress));
        var e = engine.Explain(ReachEndpoint.OfPod("prod", "pod1"), ReachEndpoint.OfPod("dev", "pod1"), ReachProbe.Tcp(80));
        Assert.Equal(ReachVerdict.DependsOnImplementation, e.Verdict);
        Assert.StartsWith("Implementation-defined (upstream conformance tests expect allowed): ", e.Summary);
    }

    [Theory]
    [InlineData(ReachVerdict.Allowed, true, "Allowed")]
    [InlineData(ReachVerdict.Denied, false, "Denied")]
    [InlineData(ReachVerdict.DependsOnImplementation, false, "Implementation-defined (upstream conformance tests expect denied)")]
    public void TitleWithExpectation_Words(ReachVerdict verdict, bool allowed, string text) =>
        Assert.Equal(text, VerdictText.TitleWithExpectation(verdict, allowed));

    [Fact]
    public void TruthTable_MarksAndLegend()
    {
        Assert.Equal(".", VerdictText.TruthTableMark(ReachVerdict.Allowed, true));
        Assert.Equal("X", VerdictText.TruthTableMark(ReachVerdict.Denied, false));
        Assert.Equal("~", VerdictText.TruthTableMark(ReachVerdict.DependsOnImplementation, true));
        Assert.Equal("?", VerdictText.TruthTableMark(ReachVerdict.DependsOnImplementation, false));
        Assert.Equal(". allowed, X denied, ~ implementation-defined (upstream conformance tests expect allowed), ? implementation-defined (upstream conformance tests expect denied)",
            VerdictText.TruthTableLegend);
    }

    [Fact]
    public void Qualified_AddsQualifierOnlyWhenSet()
    {
        Assert.Equal("denied · not enforced by this CNI (flannel)", VerdictText.Qualified("denied", new PolicyEnforcement("flannel", false, []).Qualifier));
        Assert.Equal("denied", VerdictText.Qualified("denied", new PolicyEnforcement("calico", true, []).Qualifier));
    }

    [Fact]
    public void MatrixCells_SymbolStateAndWords()
    {
        Assert.Equal(new MatrixCellText("✗", "denied", "denied"), MatrixCellText.ForPods(ReachVerdict.Denied, false));
        Assert.Equal(new MatrixCellText("~", "depends", "implementation-defined (upstream conformance tests expect allowed)"),
            MatrixCellText.ForPods(ReachVerdict.DependsOnImplementation, true));
        Assert.Equal(new MatrixCellText("2/4", "some", "2 of 4 pod pairs allowed"), MatrixCellText.ForNamespaces(new NamespaceCell("dev", "dev", 4, 2, 2, 0)));
        Assert.Equal("~", MatrixCellText.ForNamespaces(new NamespaceCell("prod", "dev", 2, 2, 0, 2)).Mark);
        Assert.Equal(NamespaceCellState.Empty, new NamespaceCell("a", "b", 0, 0, 0, 0).State);
        Assert.Equal("✓ allowed · ✗ denied · ~ implementation-defined · n/m pod pairs allowed · – no pods", MatrixCellText.Legend);
    }
}
