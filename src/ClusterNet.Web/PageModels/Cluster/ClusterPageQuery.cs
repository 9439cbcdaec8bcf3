namespace ClusterNet.Web.PageModels.Cluster;

/// <summary>The Cluster page's URL state: <c>?tab=nodes|pods|services|sync&amp;ns=NS&amp;q=TEXT</c>.</summary>
public sealed record ClusterPageQuery(ClusterTab Tab = ClusterTab.Nodes, string? Namespace = null, string? Text = null)
{
    /// <summary>Reads URL parameters; an unknown tab is the default (nodes), empty filters are none.</summary>
    public static ClusterPageQuery FromUrl(string? tab, string? @namespace, string? text) => new(
        Enum.TryParse<ClusterTab>(tab, ignoreCase: true, out var t) && Enum.IsDefined(t) && !int.TryParse(tab, out _) ? t : ClusterTab.Nodes,
        string.IsNullOrEmpty(@namespace) ? null : @namespace,
        string.IsNullOrWhiteSpace(text) ? null : text);

    /// <summary>The <c>tab</c> URL value: null for the default tab, so plain /cluster links stay short.</summary>
    public static string? TabParameter(ClusterTab tab) => tab == ClusterTab.Nodes ? null : tab.ToString().ToLowerInvariant();
}
