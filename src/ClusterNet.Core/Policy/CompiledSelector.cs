using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>
/// A metav1.LabelSelector compiled once per snapshot: matchLabels and matchExpressions as flat arrays,
/// with a text key so identical selectors across policies share their evaluated pod sets.
/// </summary>
internal sealed class CompiledSelector
{
    private readonly (string Key, string Value)[] _labels;
    private readonly (string Key, SelectorOperator Op, HashSet<string> Values, string Text)[] _expressions;

    private CompiledSelector(LabelSelector selector)
    {
        _labels = [.. selector.MatchLabels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value))];
        var expressions = selector.MatchExpressions.IsDefault ? [] : selector.MatchExpressions;
        _expressions = [.. expressions.Select(e => (e.Key, ParseOperator(e.Operator), new HashSet<string>(e.Values.IsDefault ? [] : e.Values, StringComparer.Ordinal), Describe(e)))];
        IsEmpty = _labels.Length == 0 && _expressions.Length == 0;
        Invalid = _expressions.Where(e => e.Op == SelectorOperator.Invalid).Select(e => e.Text).ToImmutableArray();
        Text = IsEmpty ? "{}" : string.Join(",", _labels.Select(l => $"{l.Key}={l.Value}").Concat(_expressions.Select(e => e.Text)));
    }

    /// <summary>Canonical text, e.g. "app=web,tier In (a,b)"; "{}" selects everything.</summary>
    public string Text { get; }

    public bool IsEmpty { get; }

    /// <summary>Expressions with an operator other than In, NotIn, Exists, DoesNotExist: they match nothing (the API server rejects them).</summary>
    public ImmutableArray<string> Invalid { get; }

    public static CompiledSelector Compile(LabelSelector selector) => new(selector);

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (k, v) in _labels)
        {
            if (!labels.TryGetValue(k, out var actual) || !string.Equals(actual, v, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var e in _expressions)
        {
            if (!Satisfies(e.Key, e.Op, e.Values, labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Why the labels fail the selector: the first requirement that differs, naming the label; null when they match.</summary>
    public string? Mismatch(IReadOnlyDictionary<string, string> labels, string what)
    {
        foreach (var (k, v) in _labels)
        {
            if (!labels.TryGetValue(k, out var actual))
            {
                return $"{what} has no label {k} (needs {k}={v})";
            }

            if (!string.Equals(actual, v, StringComparison.Ordinal))
            {
                return $"{what} has {k}={actual}, needs {k}={v}";
            }
        }

        foreach (var e in _expressions)
        {
            if (Satisfies(e.Key, e.Op, e.Values, labels))
            {
                continue;
            }

            var has = labels.TryGetValue(e.Key, out var actual);
            return e.Op switch
            {
                SelectorOperator.Invalid => $"selector requirement '{e.Text}' has an invalid operator and matches nothing",
                SelectorOperator.Exists => $"{what} has no label {e.Key} (needs {e.Text})",
                SelectorOperator.DoesNotExist => $"{what} has {e.Key}={actual}, needs {e.Text}",
                SelectorOperator.In when !has => $"{what} has no label {e.Key} (needs {e.Text})",
                _ => $"{what} has {e.Key}={actual}, needs {e.Text}",
            };
        }

        return null;
    }

    private static bool Satisfies(string key, SelectorOperator op, HashSet<string> values, IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(key, out var actual);
        return op switch
        {
            SelectorOperator.In => has && values.Contains(actual!),
            // NotIn matches pods without the label too (apimachinery semantics).
            SelectorOperator.NotIn => !has || !values.Contains(actual!),
            SelectorOperator.Exists => has,
            SelectorOperator.DoesNotExist => !has,
            _ => false,
        };
    }

    private static SelectorOperator ParseOperator(string op) => op switch
    {
        "In" => SelectorOperator.In,
        "NotIn" => SelectorOperator.NotIn,
        "Exists" => SelectorOperator.Exists,
        "DoesNotExist" => SelectorOperator.DoesNotExist,
        _ => SelectorOperator.Invalid,
    };

    private static string Describe(LabelSelectorRequirement e)
    {
        var values = e.Values.IsDefault ? [] : e.Values;
        return e.Operator is "Exists" or "DoesNotExist"
            ? $"{e.Key} {e.Operator}"
            : $"{e.Key} {e.Operator} ({string.Join(",", values)})";
    }
}
