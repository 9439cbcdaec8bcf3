using System.Collections.Immutable;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// Decides whether a selector can match any label set at all (lint: "can never match", such as
/// <c>a == 'x' &amp;&amp; a == 'y'</c> or <c>has(a) &amp;&amp; !has(a)</c>). Works on the disjunctive normal form: the selector is
/// unsatisfiable when every conjunction holds a contradiction on some key. Past <see cref="MaxTerms"/> conjunctions the
/// answer is "satisfiable" (no finding rather than a false one).
/// </summary>
public static class CalicoSelectorSatisfiability
{
    public const int MaxTerms = 512;

    /// <summary>Null when some label set matches; otherwise why none can (first contradiction found).</summary>
    public static string? Contradiction(CalicoSelector selector, bool podsOnly = false)
    {
        var terms = Dnf(selector, negate: false);
        if (terms is null)
        {
            return null;
        }

        string? first = null;
        foreach (var term in terms)
        {
            var why = TermContradiction(term, podsOnly);
            if (why is null)
            {
                return null;
            }

            first ??= why;
        }

        return first ?? "the selector is empty";
    }

    private enum LitKind
    {
        True,
        Global,
        Has,
        Eq,
        In,
        Text,
    }

    /// <summary>A literal of the normal form; Negated flips it (Eq negated = !=, In negated = not in).</summary>
    private sealed record Lit(LitKind Kind, bool Negated, string Key = "", ImmutableArray<string> Values = default, CalicoTextOperator Op = default)
    {
        public override string ToString() => Kind switch
        {
            LitKind.True => Negated ? "!all()" : "all()",
            LitKind.Global => Negated ? "!global()" : "global()",
            LitKind.Has => Negated ? $"!has({Key})" : $"has({Key})",
            LitKind.Eq => $"{Key} {(Negated ? "!=" : "==")} {CalicoSelector.Quote(Values[0])}",
            LitKind.In => $"{Key} {(Negated ? "not in" : "in")} {CalicoSelector.Set(Values)}",
            _ => (Negated ? "!" : "") + new CalicoSelector.TextNode(Key, Op, Values[0]),
        };
    }

    private static List<List<Lit>>? Dnf(CalicoSelector s, bool negate)
    {
        switch (s)
        {
            case CalicoSelector.NotNode n:
                return Dnf(n.Operand, !negate);
            case CalicoSelector.AndNode a when !negate:
            case CalicoSelector.OrNode o when negate:
            {
                var (l, r) = s is CalicoSelector.AndNode x ? (x.Left, x.Right) : (((CalicoSelector.OrNode)s).Left, ((CalicoSelector.OrNode)s).Right);
                var left = Dnf(l, negate);
                var right = Dnf(r, negate);
                if (left is null || right is null || (long)left.Count * right.Count > MaxTerms)
                {
                    return null;
                }

                return [.. left.SelectMany(lt => right.Select(rt => lt.Concat(rt).ToList()))];
            }

            case CalicoSelector.OrNode or CalicoSelector.AndNode:
            {
                var (l, r) = s is CalicoSelector.AndNode x ? (x.Left, x.Right) : (((CalicoSelector.OrNode)s).Left, ((CalicoSelector.OrNode)s).Right);
                var left = Dnf(l, negate);
                var right = Dnf(r, negate);
                if (left is null || right is null || left.Count + right.Count > MaxTerms)
                {
                    return null;
                }

                return [.. left, .. right];
            }

            default:
                return [[Literal(s, negate)]];
        }
    }

    private static Lit Literal(CalicoSelector s, bool negate) => s switch
    {
        CalicoSelector.AllNode => new Lit(LitKind.True, negate),
        CalicoSelector.GlobalNode => new Lit(LitKind.Global, negate),
        CalicoSelector.HasNode h => new Lit(LitKind.Has, negate, h.Key),
        CalicoSelector.EqualsNode e => new Lit(LitKind.Eq, negate, e.Key, [e.Value]),
        CalicoSelector.NotEqualsNode e => new Lit(LitKind.Eq, !negate, e.Key, [e.Value]),
        CalicoSelector.InNode i => new Lit(LitKind.In, negate, i.Key, i.Values),
        CalicoSelector.NotInNode i => new Lit(LitKind.In, !negate, i.Key, i.Values),
        CalicoSelector.TextNode t => new Lit(LitKind.Text, negate, t.Key, [t.Value], t.Operator),
        _ => throw new ArgumentException($"unexpected selector node {s.GetType().Name}", nameof(s)),
    };

    private static string? TermContradiction(List<Lit> term, bool podsOnly)
    {
        if (term.FirstOrDefault(l => l.Kind == LitKind.True && l.Negated) is { } none)
        {
            return $"{none} matches nothing";
        }

        if (term.Any(l => l.Kind == LitKind.Global && !l.Negated))
        {
            if (podsOnly)
            {
                return "global() never matches a pod (it selects non-namespaced objects only)";
            }

            if (term.Any(l => l.Kind == LitKind.Global && l.Negated))
            {
                return "global() && !global() cannot both hold";
            }
        }

        foreach (var byKey in term.Where(l => l.Kind is not (LitKind.True or LitKind.Global)).GroupBy(l => l.Key, StringComparer.Ordinal))
        {
            if (KeyContradiction(byKey.Key, [.. byKey]) is { } why)
            {
                return why;
            }
        }

        return null;
    }

    private static string? KeyContradiction(string key, List<Lit> lits)
    {
        // Literals that can only hold when the key is present: has(k), k == v, k in S, the text operators.
        var needsPresent = lits.Where(l => !l.Negated && l.Kind is LitKind.Has or LitKind.Eq or LitKind.In or LitKind.Text).ToList();
        var absent = lits.FirstOrDefault(l => l.Kind == LitKind.Has && l.Negated);
        if (absent is not null && needsPresent.Count > 0)
        {
            return $"{needsPresent[0]} needs the label '{key}' but {absent} forbids it";
        }

        HashSet<string>? allowed = null;
        Lit? narrowing = null;
        foreach (var l in lits.Where(l => !l.Negated && l.Kind is LitKind.Eq or LitKind.In))
        {
            if (allowed is null)
            {
                allowed = new HashSet<string>(l.Values, StringComparer.Ordinal);
                narrowing = l;
                if (allowed.Count == 0)
                {
                    return $"{l} lists no value";
                }

                continue;
            }

            allowed.IntersectWith(l.Values);
            if (allowed.Count == 0)
            {
                return $"{narrowing} and {l} cannot both hold";
            }
        }

        if (allowed is not null)
        {
            foreach (var l in lits)
            {
                var before = allowed.Count;
                allowed.RemoveWhere(v => !Holds(l, v));
                if (allowed.Count == 0 && before > 0)
                {
                    return $"{narrowing} and {l} cannot both hold";
                }
            }

            return null;
        }

        // No finite value set: compare the string operators with each other.
        foreach (var a in lits)
        {
            foreach (var b in lits)
            {
                if (a.Kind == LitKind.Text && b.Kind == LitKind.Text && a.Op == b.Op && a.Negated != b.Negated && a.Values[0] == b.Values[0])
                {
                    return $"{a} and {b} cannot both hold";
                }

                if (a.Kind == LitKind.Text && b.Kind == LitKind.Text && !a.Negated && !b.Negated && a.Op == b.Op && a.Op != CalicoTextOperator.Contains)
                {
                    var (x, y) = (a.Values[0], b.Values[0]);
                    var compatible = a.Op == CalicoTextOperator.StartsWith
                        ? x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal)
                        : x.EndsWith(y, StringComparison.Ordinal) || y.EndsWith(x, StringComparison.Ordinal);
                    if (!compatible)
                    {
                        return $"{a} and {b} cannot both hold";
                    }
                }

                if (!a.Negated && a.Kind == LitKind.Has && b.Negated && b.Kind == LitKind.Has)
                {
                    return $"{a} and {b} cannot both hold";
                }
            }
        }

        return null;
    }

    private static bool Holds(Lit l, string value) => l.Kind switch
    {
        LitKind.Has => !l.Negated,
        LitKind.Eq => (value == l.Values[0]) != l.Negated,
        LitKind.In => l.Values.Contains(value) != l.Negated,
        LitKind.Text => new CalicoSelector.TextNode(l.Key, l.Op, l.Values[0]).Matches(new Dictionary<string, string> { [l.Key] = value }) != l.Negated,
        _ => true,
    };
}
