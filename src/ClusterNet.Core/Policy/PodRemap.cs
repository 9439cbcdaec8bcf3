namespace ClusterNet.Core.Policy;

/// <summary>
/// How pod indexes move from one <see cref="PolicyIndex"/> to the next. Both number pods in snapshot order
/// (namespace, name), so the map is monotone: kept pods form runs that only shift, which <see cref="PodSet.Remapped"/>
/// copies a word at a time. Identity when no pod was added or deleted (a relabel keeps every index).
/// </summary>
internal sealed class PodRemap
{
    private readonly (int Old, int New, int Length)[] _runs;

    public PodRemap(int oldCount, int[] newToOld)
    {
        OldCount = oldCount;
        NewToOld = newToOld;
        OldToNew = new int[oldCount];
        Array.Fill(OldToNew, -1);
        var runs = new List<(int Old, int New, int Length)>();
        for (var j = 0; j < newToOld.Length; j++)
        {
            var o = newToOld[j];
            if (o < 0)
            {
                continue;
            }

            OldToNew[o] = j;
            if (runs.Count > 0 && runs[^1] is var last && last.Old + last.Length == o && last.New + last.Length == j)
            {
                runs[^1] = last with { Length = last.Length + 1 };
            }
            else
            {
                runs.Add((o, j, 1));
            }
        }

        _runs = [.. runs];
        // Every old pod kept at its index: one run covering all of them (a deletion and an addition at the same index is not).
        IsIdentity = oldCount == newToOld.Length && (oldCount == 0 || (_runs is [(0, 0, var length)] && length == oldCount));
    }

    public int OldCount { get; }

    public int NewCount => NewToOld.Length;

    /// <summary>Old index of each new pod; -1 for an added pod.</summary>
    public int[] NewToOld { get; }

    /// <summary>New index of each old pod; -1 for a deleted pod.</summary>
    public int[] OldToNew { get; }

    public bool IsIdentity { get; }

    /// <summary>The set renumbered; the same object when nothing moved.</summary>
    public PodSet Apply(PodSet set) => IsIdentity ? set : set.Remapped(NewCount, _runs);
}
