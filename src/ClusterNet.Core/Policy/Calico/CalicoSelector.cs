using System.Collections.Immutable;
using System.Text;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// A parsed Calico selector expression (projectcalico.org/v3 <c>selector</c>, <c>namespaceSelector</c>,
/// <c>serviceAccountSelector</c>, rule <c>selector</c>/<c>notSelector</c>). Nodes are immutable records; <see cref="ToString"/>
/// prints a canonical form that parses back to an equal tree.
/// </summary>
public abstract record CalicoSelector
{
    /// <summary>The selector an empty string means: every endpoint.</summary>
    public static CalicoSelector Everything { get; } = new AllNode();

    /// <summary>Whether an object with these labels matches; <paramref name="isGlobal"/> is true only for non-namespaced objects (what <c>global()</c> tests).</summary>
    public abstract bool Matches(IReadOnlyDictionary<string, string> labels, bool isGlobal = false);

    /// <summary>Every label key the expression mentions.</summary>
    public IEnumerable<string> Keys() => this switch
    {
        KeyNode k => [k.Key],
        NotNode n => n.Operand.Keys(),
        AndNode a => a.Left.Keys().Concat(a.Right.Keys()),
        OrNode o => o.Left.Keys().Concat(o.Right.Keys()),
        _ => [],
    };

    public static CalicoSelector Parse(string? text) => CalicoSelectorParser.Parse(text);

    internal static string Quote(string value) => value.Contains('\'', StringComparison.Ordinal) ? $"\"{value}\"" : $"'{value}'";

    internal static string Set(ImmutableArray<string> values) => "{" + string.Join(", ", values.Select(Quote)) + "}";

    /// <summary>all(): every object.</summary>
    public sealed record AllNode : CalicoSelector
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool isGlobal = false) => true;

        public override string ToString() => "all()";
    }

    /// <summary>global(): objects outside any namespace (host endpoints, global network sets); never a pod.</summary>
    public sealed record GlobalNode : CalicoSelector
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool isGlobal = false) => isGlobal;

        public override string ToString() => "global()";
    }

    /// <summary>A test on one label key.</summary>
    public abstract record KeyNode(string Key) : CalicoSelector;

    /// <summary>has(k).</summary>
    public sealed record HasNode(string Key) : KeyNode(Key)
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool isGlobal = false) => labels.ContainsKey(Key);

        public override string ToString() => $"has({Key})";
    }

    /// <summary>k == 'v' (false when k is absent).</summary>
    public sealed record EqualsNode(string Key, string Value) : KeyNode(Key)
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool isGlobal = false) =>
            labels.TryGetValue(Key, out var v) && v == Value;

        public override string ToString() => $"{Key} == {Quote(Value)}";
    }

    /// <summary>k != 'v' (true when k is absent, as in Calico).</summary>
    public sealed record NotEqualsNode(string Key, string Value) : KeyNode(Key)
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool isGlobal = false) =>
            !labels.TryGetValue(Key, out var v) || v != Value;

        public override string ToString() => $"{Key} != {Quote(Value)}";
    }

    /// <summary>k in {'a','b'} (false when k is absent).</summary>
    public sealed record InNode(string Key, ImmutableArray<string> Values) : KeyNode(Key)
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool isGlobal = false) =>
            labels.TryGetValue(Key, out var v) && Values.Contains(v);

        public override string ToString() => $"{Key} in {Set(Values)}";

        public bool Equals(InNode? other) => other is not null && Key == other.Key && Values.SequenceEqual(other.Values);

        public override int GetHashCode() => HashCode.Combine(Key, Values.Length);
    }

    /// <summary>k not in {'a','b'} (true when k is absent).</summary>
    public sealed record NotInNode(string Key, ImmutableArray<string> Values) : KeyNode(Key)
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool isGlobal = false) =>
            !labels.TryGetValue(Key, out var v) || !Values.Contains(v);

        public override string ToString() => $"{Key} not in {Set(Values)}";

        public bool Equals(NotInNode? other) => other is not null && Key == other.Key && Values.SequenceEqual(other.Values);

        public override int GetHashCode() => HashCode.Combine(Key, Values.Length);
    }

    /// <summary>k contains 's', k starts with 's', k ends with 's' (false when k is absent).</summary>
    public sealed record TextNode(string Key, CalicoTextOperator Operator, string Value) : KeyNode(Key)
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool isGlobal = false) =>
            labels.TryGetValue(Key, out var v) && Operator switch
            {
                CalicoTextOperator.Contains => v.Contains(Value, StringComparison.Ordinal),
                CalicoTextOperator.StartsWith => v.StartsWith(Value, StringComparison.Ordinal),
                _ => v.EndsWith(Value, StringComparison.Ordinal),
            };

        public override string ToString() => Operator switch
        {
            CalicoTextOperator.Contains => $"{Key} contains {Quote(Value)}",
            CalicoTextOperator.StartsWith => $"{Key} starts with {Quote(Value)}",
            _ => $"{Key} ends with {Quote(Value)}",
        };
    }

    /// <summary>!e.</summary>
    public sealed record NotNode(CalicoSelector Operand) : CalicoSelector
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool isGlobal = false) => !Operand.Matches(labels, isGlobal);

        public override string ToString() => Operand is AndNode or OrNode ? $"!({Operand})" : $"!{Operand}";
    }

    /// <summary>a &amp;&amp; b.</summary>
    public sealed record AndNode(CalicoSelector Left, CalicoSelector Right) : CalicoSelector
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool isGlobal = false) =>
            Left.Matches(labels, isGlobal) && Right.Matches(labels, isGlobal);

        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append(Left is OrNode ? $"({Left})" : Left.ToString());
            sb.Append(" && ");
            sb.Append(Right is OrNode or AndNode ? $"({Right})" : Right.ToString());
            return sb.ToString();
        }
    }

    /// <summary>a || b.</summary>
    public sealed record OrNode(CalicoSelector Left, CalicoSelector Right) : CalicoSelector
    {
        public override bool Matches(IReadOnlyDictionary<string, string> labels, bool isGlobal = false) =>
            Left.Matches(labels, isGlobal) || Right.Matches(labels, isGlobal);

        public override string ToString() => $"{Left} || " + (Right is OrNode ? $"({Right})" : Right.ToString());
    }
}
