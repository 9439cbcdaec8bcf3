using ClusterNet.Core.Findings;
using ClusterNet.Web.PageModels.Dns;

namespace ClusterNet.Web.Tests.PageModels;

/// <summary>A finding group is open when the user opened it, or when it holds the selected finding and was not closed.</summary>
public sealed class FindingGroupExpansionTests
{
    private static Finding F(string subject) => new()
    {
        Area = FindingArea.Dns, Code = "ndots-search-cost", Severity = Severity.Warning, Subject = subject, Message = "m",
    };

    private static readonly FindingGroup Group = new() { Key = "group:a", Summary = F("2 pods"), Members = [F("dev/a"), F("dev/b")] };

    [Fact]
    public void Toggle_ClosedGroup_OpensThenCloses()
    {
        var e = new FindingGroupExpansion();
        Assert.False(e.IsOpen(Group, null));
        e.Toggle(Group, null);
        Assert.True(e.IsOpen(Group, null));
        e.Toggle(Group, null);
        Assert.False(e.IsOpen(Group, null));
    }

    [Fact]
    public void SelectedMember_OpensTheGroup_UntilTheUserClosesIt()
    {
        var e = new FindingGroupExpansion();
        var selected = Group.Members[1].Id;
        Assert.True(e.IsOpen(Group, selected));
        e.Toggle(Group, selected);
        Assert.False(e.IsOpen(Group, selected));
        Assert.False(e.IsOpen(Group, "other"));
    }
}
