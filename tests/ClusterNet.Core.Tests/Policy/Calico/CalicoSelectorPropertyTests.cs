using System.Collections.Immutable;
using ClusterNet.Core.Policy.Calico;
using CsCheck;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>
/// Random selectors over a small key/value alphabet: printing and parsing round-trip, printing keeps the meaning, the
/// satisfiability check never calls a selector that some label set matches contradictory, and arbitrary text either
/// parses or fails with a <see cref="CalicoSelectorException"/> inside the text.
/// </summary>
public sealed class CalicoSelectorPropertyTests
{
    private static readonly string[] KeyNames = ["a", "b", "c"];
    private static readonly string[] ValueNames = ["x", "y", "xy"];

    private static readonly Gen<string> Key = Gen.OneOf(KeyNames);
    private static readonly Gen<string> Value = Gen.OneOf(ValueNames);
    private static readonly Gen<ImmutableArray<string>> Values = Value.Array[0, 3].Select(v => v.Distinct().ToImmutableArray());

    private static readonly Gen<CalicoSelector> Leaf = Gen.OneOf<CalicoSelector>(
        Gen.Const<CalicoSelector>(CalicoSelector.Everything),
        Gen.Const<CalicoSelector>(new CalicoSelector.GlobalNode()),
        Key.Select(k => (CalicoSelector)new CalicoSelector.HasNode(k)),
        Gen.Select(Key, Value, (k, v) => (CalicoSelector)new CalicoSelector.EqualsNode(k, v)),
        Gen.Select(Key, Value, (k, v) => (CalicoSelector)new CalicoSelector.NotEqualsNode(k, v)),
        Gen.Select(Key, Values, (k, v) => (CalicoSelector)new CalicoSelector.InNode(k, v)),
        Gen.Select(Key, Values, (k, v) => (CalicoSelector)new CalicoSelector.NotInNode(k, v)),
        Gen.Select(Key, Gen.Enum<CalicoTextOperator>(), Value, (k, o, v) => (CalicoSelector)new CalicoSelector.TextNode(k, o, v)));

    private static readonly Gen<CalicoSelector> Selector = Tree(4);

    /// <summary>Every label set over the alphabet: each key absent or one of the values.</summary>
    private static readonly ImmutableArray<Dictionary<string, string>> AllLabelSets = [.. LabelSets(0)];

    private static Gen<CalicoSelector> Tree(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency(
            (3, Leaf),
            (1, Tree(depth - 1).Select(s => (CalicoSelector)new CalicoSelector.NotNode(s))),
            (2, Gen.Select(Tree(depth - 1), Tree(depth - 1), (l, r) => (CalicoSelector)new CalicoSelector.AndNode(l, r))),
            (2, Gen.Select(Tree(depth - 1), Tree(depth - 1), (l, r) => (CalicoSelector)new CalicoSelector.OrNode(l, r))));

    private static IEnumerable<Dictionary<string, string>> LabelSets(int index)
    {
        if (index == KeyNames.Length)
        {
            yield return [];
            yield break;
        }

        foreach (var rest in LabelSets(index + 1))
        {
            yield return rest;
            foreach (var v in ValueNames)
            {
                yield return new Dictionary<string, string>(rest) { [KeyNames[index]] = v };
            }
        }
    }

    [Fact]
    public void ToString_AnySelector_ParsesBackWithSameMeaning()
    {
        Selector.Sample(s =>
        {
            var back = CalicoSelectorParser.Parse(s.ToString());
            foreach (var labels in AllLabelSets)
            {
                Assert.Equal(s.Matches(labels), back.Matches(labels));
            }
        }, iter: 2_000, threads: 1);
    }

    [Fact]
    public void Contradiction_Reported_NoLabelSetMatches()
    {
        Selector.Sample(s =>
        {
            if (CalicoSelectorSatisfiability.Contradiction(s) is not null)
            {
                Assert.DoesNotContain(AllLabelSets, l => s.Matches(l) || s.Matches(l, isGlobal: true));
            }
        }, iter: 5_000, threads: 1);
    }

    [Fact]
    public void Parse_AnyText_SelectorOrPositionedError()
    {
        var text = Gen.OneOf<string>(
            Gen.OneOf("a", "==", "!=", "'x'", "\"y\"", "&&", "||", "!", "(", ")", "{", "}", ",", "in", "not", "has(", "all()", "global()", "contains", "starts", "with", "ends", " ")
                .Array[0, 12].Select(p => string.Join("", p)),
            Gen.String[0, 30]);
        text.Sample(t =>
        {
            try
            {
                Assert.NotNull(CalicoSelectorParser.Parse(t));
            }
            catch (CalicoSelectorException e)
            {
                Assert.InRange(e.Position, 0, t.Length);
            }
        }, iter: 5_000, threads: 1);
    }
}
