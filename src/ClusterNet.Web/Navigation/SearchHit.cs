namespace ClusterNet.Web.Navigation;

/// <summary>
/// One search result: either an object to select (<see cref="Target"/>) or a page to open (<see cref="Href"/>,
/// e.g. every pod inside a CIDR on the Cluster page).
/// </summary>
public sealed record SearchHit(string KindLabel, string Title, string Detail, ObjectRef? Target = null, string? Href = null, int Rank = 0);
