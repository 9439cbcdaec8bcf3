using System.Collections.Immutable;
using ClusterNet.Core.Model;
using ClusterNet.Core.Queries;

namespace ClusterNet.Core.Policy.Queries;

/// <summary>
/// Parses reachability questions from any front end, with one set of messages named the caller's way
/// (<see cref="QueryInput.Display"/>): <c>from</c>/<c>to</c> (NS/POD or an IP; absent: every pod) and repeatable
/// <c>probe</c> (PORT/PROTO) for REST and the CLI; <c>probe</c>, <c>from</c>/<c>to</c> (namespaces), <c>cell</c> and
/// <c>pod</c> for the Policies page.
/// </summary>
public static class ReachQueryParser
{
    public const string From = "from";
    public const string To = "to";
    public const string Probe = "probe";
    public const string Cell = "cell";
    public const string Pod = "pod";

    /// <summary>The syntax only (no engine yet): errors in from, to, probe order; only the first bad probe is reported.</summary>
    public static QueryResult<ReachQuery> Parse(QueryInput input) => Parse(input, null);

    /// <summary>
    /// Syntax, then (with an <paramref name="engine"/>) that the pods exist: "from x: no such pod", or the CLI's
    /// "--from x: no pod NS/POD in FILE" through <paramref name="noPod"/>. Errors in from, to, probe order.
    /// </summary>
    /// <remarks>
    /// <paramref name="limits"/> (the REST endpoint's; none for the CLI) may require <c>from</c> or <c>to</c> (checked
    /// first, before from and to themselves) and cap the distinct probes; the cell cap needs the answer
    /// (<see cref="ReachLimits.CellError"/>).
    /// </remarks>
    public static QueryResult<ReachQuery> Parse(QueryInput input, PolicyEngine? engine, Func<ObjectKey, string>? noPod = null, ReachLimits? limits = null)
    {
        var errors = new List<QueryError>();
        if (limits is { RequireFromOrTo: true } && input.Get(From) is null && input.Get(To) is null)
        {
            errors.Add(input.Error(From,
                $"give {input.Display(From)} or {input.Display(To)} (NAMESPACE/POD or an IP address): the full matrix is too large for one request"));
            return QueryResult<ReachQuery>.Failure(errors);
        }

        var from = Endpoint(input, From, engine, noPod, errors);
        var to = Endpoint(input, To, engine, noPod, errors);
        var probes = Probes(input, errors, limits?.MaxProbes);
        return errors.Count > 0
            ? QueryResult<ReachQuery>.Failure(errors)
            : QueryResult<ReachQuery>.Success(new ReachQuery { From = from, To = to, Probes = probes });
    }

    /// <summary>
    /// The repeatable probe input, repeats dropped (first occurrence order); the first bad one is the error
    /// ("probe …" / "--probe …"), then more than <paramref name="maxProbes"/> distinct ones (when given).
    /// </summary>
    public static ImmutableArray<ReachProbe> Probes(QueryInput input, List<QueryError> errors, int? maxProbes = null)
    {
        var probes = ImmutableArray.CreateBuilder<ReachProbe>();
        var seen = new HashSet<(int, string)>();
        foreach (var text in input.GetAll(Probe))
        {
            if (!ReachProbe.TryParse(text, out var p, out var error))
            {
                errors.Add(input.Error(Probe, $"{input.Display(Probe)} {error}"));
                return [];
            }

            if (seen.Add((p.Port, p.Protocol)))
            {
                probes.Add(p);
            }
        }

        if (new ReachLimits { MaxProbes = maxProbes }.ProbeError(input.Display(Probe), probes.Count) is { } tooMany)
        {
            errors.Add(input.Error(Probe, tooMany));
            return [];
        }

        return probes.ToImmutable();
    }

    private static ReachEndpoint? Endpoint(QueryInput input, string name, PolicyEngine? engine, Func<ObjectKey, string>? noPod, List<QueryError> errors)
    {
        if (input.Get(name) is not { } text)
        {
            return null;
        }

        if (!ReachEndpoint.TryParse(text, out var e))
        {
            errors.Add(input.Error(name, $"{input.Display(name)} '{text}': expected NAMESPACE/POD or an IP address"));
            return null;
        }

        if (engine is not null && e.Pod is { } key && engine.IndexOf(key) < 0)
        {
            errors.Add(input.Error(name, $"{input.Display(name)} {text}: {noPod?.Invoke(key) ?? "no such pod"}"));
            return null;
        }

        return e;
    }

    /// <summary>The Policies page's URL: anything that does not parse is left out (a stale link still opens the page).</summary>
    public static ReachViewQuery ParseView(QueryInput input)
    {
        ReachProbe? probe = ReachProbe.TryParse(input.Get(Probe), out var p, out _) ? p : null;
        ReachEndpoint? cellFrom = null, cellTo = null;
        if (input.Get(Cell)?.Split('>') is [var f, var t] && ReachEndpoint.TryParse(f, out var cf) && ReachEndpoint.TryParse(t, out var ct))
        {
            (cellFrom, cellTo) = (cf, ct);
        }

        ObjectKey? pod = input.Get(Pod) is { } podText && ReachEndpoint.TryParse(podText, out var pe) && pe.Pod is { } k ? k : null;
        return new ReachViewQuery
        {
            Probe = probe,
            FromNamespace = NullIfEmpty(input.Get(From)),
            ToNamespace = NullIfEmpty(input.Get(To)),
            CellFrom = cellFrom,
            CellTo = cellTo,
            Pod = pod,
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
