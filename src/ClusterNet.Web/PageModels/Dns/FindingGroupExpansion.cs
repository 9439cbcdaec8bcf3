using ClusterNet.Core.Findings;

namespace ClusterNet.Web.PageModels.Dns;

/// <summary>
/// Which finding groups a table shows open: the ones the user opened, and the one holding the selected finding (a deep
/// link) unless the user closed it. Keyed by <see cref="FindingGroup.Key"/>, so it survives a new snapshot.
/// </summary>
public sealed class FindingGroupExpansion
{
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private readonly HashSet<string> _closed = new(StringComparer.Ordinal);

    public bool IsOpen(FindingGroup group, string? selectedId) =>
        _open.Contains(group.Key) || (!_closed.Contains(group.Key) && selectedId is not null && group.Members.Any(m => m.Id == selectedId));

    public void Toggle(FindingGroup group, string? selectedId)
    {
        if (IsOpen(group, selectedId))
        {
            _open.Remove(group.Key);
            _closed.Add(group.Key);
        }
        else
        {
            _closed.Remove(group.Key);
            _open.Add(group.Key);
        }
    }
}
