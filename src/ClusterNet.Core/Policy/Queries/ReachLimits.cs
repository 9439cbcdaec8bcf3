namespace ClusterNet.Core.Policy.Queries;

/// <summary>
/// Size limits on a reachability question, for a server that answers strangers (the REST endpoint passes them; the CLI
/// and the page, which run locally or page their table, pass none). Null or zero: no limit.
/// </summary>
public sealed record ReachLimits
{
    /// <summary>The question must name <c>from</c> or <c>to</c>: the full pods × pods matrix is too large for one request.</summary>
    public bool RequireFromOrTo { get; init; }

    /// <summary>Distinct probes one question may name.</summary>
    public int? MaxProbes { get; init; }

    /// <summary>Cells (sources × destinations × probes) one answer may hold.</summary>
    public int? MaxCells { get; init; }

    /// <summary>The probe cap's message, or null when <paramref name="count"/> distinct probes are within it.</summary>
    public string? ProbeError(string display, int count) =>
        MaxProbes is > 0 and var max && count > max
            ? $"too many {display} values: {count} distinct, at most {max} per request"
            : null;

    /// <summary>The cell cap's message, or null when the answer is within it.</summary>
    public string? CellError(ReachAnswer answer)
    {
        var cells = answer.CellCount;
        return MaxCells is > 0 and var max && cells > max
            ? $"the answer would have {cells} cells ({answer.Froms.Length} from × {answer.Tos.Length} to × {answer.Probes.Length} probes), "
              + $"at most {max} per request: narrow from, to or probe"
            : null;
    }
}
