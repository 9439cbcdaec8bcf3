namespace ClusterNet.Cli.Tests.Topology;

/// <summary>The notes' three-node flannel cluster as YAML, written to a temp directory per test.</summary>
internal sealed class TopologyManifests : IDisposable
{
    public const string Cluster = """
        apiVersion: v1
        kind: Node
        metadata:
          name: master
          annotations:
            flannel.alpha.coreos.com/backend-type: vxlan
            flannel.alpha.coreos.com/backend-data: '{"VNI":1,"VtepMAC":"9a:6e:c9:5f:82:85"}'
            flannel.alpha.coreos.com/public-ip: 172.16.100.101
        spec:
          podCIDR: 10.244.0.0/24
        status:
          addresses:
          - type: InternalIP
            address: 172.16.100.101
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: node01
          annotations:
            flannel.alpha.coreos.com/backend-type: vxlan
            flannel.alpha.coreos.com/backend-data: '{"VNI":1,"VtepMAC":"4e:1f:6b:00:00:01"}'
            flannel.alpha.coreos.com/public-ip: 172.16.100.102
        spec:
          podCIDR: 10.244.1.0/24
        status:
          addresses:
          - type: InternalIP
            address: 172.16.100.102
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: node02
          annotations:
            flannel.alpha.coreos.com/backend-type: vxlan
            flannel.alpha.coreos.com/backend-data: '{"VNI":1,"VtepMAC":"4e:1f:6b:00:00:02"}'
            flannel.alpha.coreos.com/public-ip: 172.16.100.103
        spec:
          podCIDR: 10.244.2.0/24
        status:
          addresses:
          - type: InternalIP
            address: 172.16.100.103
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: kube-flannel-cfg
          namespace: kube-system
        data:
          net-conf.json: |
            {
              "Network": "10.244.0.0/16",
              "Backend": {
                "Type": "vxlan",
                "DirectRouting": true
              }
            }
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: kube-flannel-ds
          namespace: kube-system
        spec:
          selector:
            matchLabels:
              app: flannel
          template:
            metadata:
              labels:
                app: flannel
            spec:
              hostNetwork: true
              containers:
              - name: kube-flannel
                image: flannel/flannel
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: pod-a
          namespace: dev
        spec:
          nodeName: node01
          containers:
          - name: web
            image: nginx
        status:
          phase: Running
          podIP: 10.244.1.2
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: pod-b
          namespace: prod
        spec:
          nodeName: node02
          containers:
          - name: web
            image: nginx
        status:
          phase: Running
          podIP: 10.244.2.2
        """;

    public TopologyManifests(string yaml = Cluster)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("clusternet-topology-").FullName;
        Path = System.IO.Path.Combine(Directory, "cluster.yaml");
        File.WriteAllText(Path, yaml);
    }

    public string Directory { get; }

    public string Path { get; }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
