using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Migration;

/// <summary>
/// The JSON of GET /api/client-ip/ingresses/{ns}/{name}/migration and `clusternet client-ip --ingress NS/NAME --migration
/// --format json`: today's answer for an ingress-nginx Ingress and, side by side, one row per Gateway API implementation
/// with its defaults; notes say what the preview assumes (same load balancer and externalTrafficPolicy as today).
/// </summary>
public sealed record IngressMigrationPreview
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public required string Controller { get; init; }
    public required MigrationToday Today { get; init; }
    public ImmutableArray<MigrationPreviewRow> Rows { get; init; } = [];
    public ImmutableArray<string> Notes { get; init; } = [];
    public string Key => $"{Namespace}/{Name}";
}
