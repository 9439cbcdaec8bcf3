namespace ClusterNet.Core.ClientIp;

/// <summary>Which controller serves an Ingress, as far as the snapshot tells.</summary>
public enum IngressControllerKind
{
    IngressNginx,
    AwsAlb,
    Gce,
    Other,
    Unknown,
}

public static class IngressControllerKinds
{
    /// <summary>The word in evidence lines: ingress-nginx, aws-alb, gce, other, unknown.</summary>
    public static string Word(IngressControllerKind kind) => kind switch
    {
        IngressControllerKind.IngressNginx => "ingress-nginx",
        IngressControllerKind.AwsAlb => "aws-alb",
        IngressControllerKind.Gce => "gce",
        IngressControllerKind.Other => "other",
        _ => "unknown",
    };
}
