using ClusterNet.Core.Model;

namespace ClusterNet.Core.Policy;

/// <summary>A Kubernetes label selector matched the way the API documents it, written out for the naive evaluator.</summary>
internal static class NaiveLabels
{
    public static bool Matches(LabelSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in selector.MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var e in selector.MatchExpressions.IsDefault ? [] : selector.MatchExpressions)
        {
            var has = labels.TryGetValue(e.Key, out var actual);
            var values = e.Values.IsDefault ? [] : e.Values;
            var ok = e.Operator switch
            {
                "In" => has && values.Contains(actual!),
                "NotIn" => !has || !values.Contains(actual!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false, // an unknown operator matches nothing
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
