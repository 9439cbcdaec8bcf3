using ClusterNet.Core.ClientIp;
using ClusterNet.Core.ClientIp.Migration;
using ClusterNet.Core.Model;

namespace ClusterNet.Web.PageModels.ClientIp;

/// <summary>
/// The Client IP page's migration section for an ingress-nginx Ingress: the Core preview with a badge per row. Null
/// for Services and for Ingresses another controller serves (the section is not shown). Cached per snapshot and Ingress,
/// so re-renders of the same snapshot do not recompute it.
/// </summary>
public sealed record ClientIpMigrationView(IngressMigrationPreview Preview, ClientIpBadge TodayBadge, IReadOnlyList<ClientIpBadge> RowBadges)
{
    public static ClientIpMigrationView? For(ClusterSnapshot snapshot, ClientIpReport report)
    {
        if (report.Kind != ClientIpSubjectKind.Ingress)
        {
            return null;
        }

        var (preview, _) = IngressMigrationPreviewBuilder.Build(snapshot, report.Namespace, report.Name);
        return preview is null
            ? null
            : new ClientIpMigrationView(preview, ClientIpBadge.Of(preview.Today.Outcome, preview.Today.Verdict),
                [.. preview.Rows.Select(r => ClientIpBadge.Of(r.Outcome, r.Forgeable ? "Forgeable" : null))]);
    }
}
