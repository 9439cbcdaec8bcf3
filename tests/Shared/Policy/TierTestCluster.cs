namespace ClusterNet.Testing.Policy;

/// <summary>
/// The small cluster the tier tests (ClusterNetworkPolicy, Calico) judge: pod dev/web reaching db/pg on 5432, which the
/// NetworkPolicy db/allow-pg admits, so a tier policy appended to it shows whether it overrides, passes or leaves it.
/// </summary>
internal static class TierTestCluster
{
    public const string DbAndWeb = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: db, labels: {team: db}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: pg, namespace: db, labels: {app: pg}}
        spec:
          containers: [{name: pg, image: postgres, ports: [{containerPort: 5432, name: pg}]}]
        status: {podIP: 10.244.1.2}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: dev, labels: {app: web}}
        spec:
          containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]
        status: {podIP: 10.244.2.2}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: allow-pg, namespace: db}
        spec:
          podSelector: {}
          ingress: [{ports: [{port: 5432}]}]
        """;
}
