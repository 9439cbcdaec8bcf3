namespace ClusterNet.Core.ClientIp;

/// <summary>Which controller serves an Ingress, as far as the snapshot tells.</summary>
public enum IngressControllerKind
{
    IngressNginx,
    AwsAlb,
    Gce,
    Other,
    Unknown,
    /// <summary>Traefik (IngressClass controller traefik.io/ingress-controller).</summary>
    Traefik,
    /// <summary>HAProxy Ingress, jcmoraisjr/haproxy-ingress (haproxy-ingress.github.io/controller).</summary>
    HaproxyIngress,
    /// <summary>HAProxy Kubernetes Ingress Controller, haproxytech/kubernetes-ingress (haproxy.org/ingress-controller).</summary>
    HaproxyTech,
    /// <summary>Contour with its Envoy data plane (projectcontour.io/ingress-controller).</summary>
    Contour,
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
        IngressControllerKind.Traefik => "traefik",
        IngressControllerKind.HaproxyIngress => "haproxy-ingress",
        IngressControllerKind.HaproxyTech => "haproxytech",
        IngressControllerKind.Contour => "contour",
        _ => "unknown",
    };
}
