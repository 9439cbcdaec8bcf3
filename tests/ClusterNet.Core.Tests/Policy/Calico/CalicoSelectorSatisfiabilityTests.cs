using ClusterNet.Core.Policy.Calico;

namespace ClusterNet.Core.Tests.Policy.Calico;

public sealed class CalicoSelectorSatisfiabilityTests
{
    [Theory]
    [InlineData("a == 'x' && a == 'y'")]
    [InlineData("has(a) && !has(a)")]
    [InlineData("a == 'x' && !has(a)")]
    [InlineData("a in {'x', 'y'} && a not in {'x', 'y'}")]
    [InlineData("a in {'x'} && a in {'y'}")]
    [InlineData("a == 'x' && a != 'x'")]
    [InlineData("a == 'x' && a starts with 'y'")]
    [InlineData("a starts with 'ab' && a starts with 'cd'")]
    [InlineData("a ends with 'ab' && a ends with 'cd'")]
    [InlineData("a contains 'q' && !(a contains 'q')")]
    [InlineData("!all()")]
    [InlineData("(a == 'x' || b == 'y') && !has(a) && !has(b)")]
    [InlineData("a in {}")]
    public void Contradiction_NeverMatching_Reported(string text)
    {
        Assert.NotNull(CalicoSelectorSatisfiability.Contradiction(CalicoSelectorParser.Parse(text)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a == 'x' && b == 'y'")]
    [InlineData("a == 'x' || a == 'y'")]
    [InlineData("a != 'x' && a != 'y'")]
    [InlineData("a starts with 'ab' && a starts with 'abc'")]
    [InlineData("has(a) && a not in {'x'}")]
    [InlineData("!has(a) && a != 'x'")]
    [InlineData("global()")]
    public void Contradiction_Satisfiable_Null(string text)
    {
        Assert.Null(CalicoSelectorSatisfiability.Contradiction(CalicoSelectorParser.Parse(text)));
    }

    [Fact]
    public void Contradiction_GlobalForPods_Reported()
    {
        var why = CalicoSelectorSatisfiability.Contradiction(CalicoSelectorParser.Parse("global()"), podsOnly: true);

        Assert.Contains("never matches a pod", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Contradiction_NamesBothLiterals()
    {
        var why = CalicoSelectorSatisfiability.Contradiction(CalicoSelectorParser.Parse("app == 'x' && app == 'y'"));

        Assert.Equal("app == 'x' and app == 'y' cannot both hold", why);
    }
}
