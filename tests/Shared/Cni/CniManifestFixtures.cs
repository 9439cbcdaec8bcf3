namespace ClusterNet.Testing.Cni;

/// <summary>
/// Our own test data re-expressing the parts of the published CNI manifests that decide the data path (the env vars,
/// ConfigMaps, DaemonSets and CRD objects; nothing copied): Calico's calico.yaml (IPIP) and calico-vxlan.yaml, canal.yaml,
/// flannel's kube-flannel.yml and a Tigera operator Installation, each around the same three nodes and one pod per node.
/// </summary>
internal static class CniManifestFixtures
{
    /// <summary>calico.yaml: calico_backend bird, veth_mtu 0 (auto), CALICO_IPV4POOL_IPIP Always, no CALICO_IPV4POOL_CIDR (commented out upstream).</summary>
    public static string CalicoIpip => CalicoConfig(backend: "bird") + CalicoNode(ipip: "Always", vxlan: "Never", clusterType: "k8s,bgp", extraEnv: "")
        + Nodes(CalicoNodeAnnotations(ipip: true)) + CalicoPods;

    /// <summary>calico-vxlan.yaml: calico_backend vxlan, CALICO_IPV4POOL_VXLAN Always, IPIP Never, no BGP in CLUSTER_TYPE.</summary>
    public static string CalicoVxlan => CalicoConfig(backend: "vxlan") + CalicoNode(ipip: "Never", vxlan: "Always", clusterType: "k8s", extraEnv: "")
        + Nodes(CalicoNodeAnnotations(ipip: false)) + CalicoPods;

    /// <summary>calico.yaml edited as the notes' users do: a pod CIDR of their own, a fixed MTU in calico-config, block size 24.</summary>
    public static string CalicoIpipCustom => CalicoConfig(backend: "bird", vethMtu: "1440")
        + CalicoNode(ipip: "Always", vxlan: "Never", clusterType: "k8s,bgp", extraEnv: Env(("CALICO_IPV4POOL_CIDR", "10.10.0.0/16"), ("CALICO_IPV4POOL_BLOCK_SIZE", "24")))
        + Nodes(CalicoNodeAnnotations(ipip: true)) + """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: default}
        spec: {nodeName: node01, containers: [{name: web, image: nginx}]}
        status: {phase: Running, podIP: 10.10.7.5, podIPs: [{ip: 10.10.7.5}]}
        ---

        """;

    /// <summary>The operator's Installation: VXLANCrossSubnet pool, BGP on, mtu 1400; node02 on another subnet.</summary>
    public static string OperatorInstallation => """
        apiVersion: operator.tigera.io/v1
        kind: Installation
        metadata: {name: default}
        spec:
          cni: {type: Calico}
          calicoNetwork:
            bgp: Enabled
            mtu: 1400
            ipPools:
            - name: default-ipv4-ippool
              blockSize: 26
              cidr: 192.168.0.0/16
              encapsulation: VXLANCrossSubnet
              natOutgoing: Enabled
              nodeSelector: all()
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: calico-node, namespace: calico-system}
        spec:
          selector: {matchLabels: {k8s-app: calico-node}}
          template:
            metadata: {labels: {k8s-app: calico-node}}
            spec:
              hostNetwork: true
              containers:
              - name: calico-node
                image: docker.io/calico/node:v3.30.0
        ---

        """ + Nodes(CalicoNodeAnnotations(ipip: false), node02Ip: "172.16.200.103") + CalicoPods;

    /// <summary>canal.yaml: flannel (vxlan) carries the data path, calico-node runs with CALICO_NETWORKING_BACKEND none.</summary>
    public static string Canal => """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: canal-config, namespace: kube-system}
        data:
          typha_service_name: "none"
          calico_backend: "none"
          veth_mtu: "0"
          canal_iface: ""
          masquerade: "true"
          net-conf.json: |
            {
              "Network": "10.244.0.0/16",
              "Backend": {
                "Type": "vxlan"
              }
            }
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: canal, namespace: kube-system}
        spec:
          selector: {matchLabels: {k8s-app: canal}}
          template:
            metadata: {labels: {k8s-app: canal}}
            spec:
              hostNetwork: true
              containers:
              - name: calico-node
                image: docker.io/calico/node:v3.30.0
                env:
                - {name: DATASTORE_TYPE, value: kubernetes}
                - {name: CALICO_NETWORKING_BACKEND, value: none}
                - {name: CLUSTER_TYPE, value: "k8s,canal"}
                - name: FELIX_IPINIPMTU
                  valueFrom: {configMapKeyRef: {name: canal-config, key: veth_mtu}}
              - name: kube-flannel
                image: docker.io/flannel/flannel:v0.26.0
                command: [/opt/bin/flanneld, --ip-masq, --kube-subnet-mgr]
                env:
                - name: FLANNELD_IFACE
                  valueFrom: {configMapKeyRef: {name: canal-config, key: canal_iface}}
        ---

        """ + Nodes(FlannelNodeAnnotations, podCidrs: true) + FlannelPods;

    /// <summary>kube-flannel.yml: namespace kube-flannel, kube-flannel-cfg's net-conf.json with the vxlan backend.</summary>
    public static string Flannel => """
        apiVersion: v1
        kind: Namespace
        metadata: {name: kube-flannel}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: kube-flannel-cfg, namespace: kube-flannel}
        data:
          cni-conf.json: |
            {"name": "cbr0", "cniVersion": "0.3.1", "plugins": [{"type": "flannel", "delegate": {"hairpinMode": true, "isDefaultGateway": true}}, {"type": "portmap", "capabilities": {"portMappings": true}}]}
          net-conf.json: |
            {
              "Network": "10.244.0.0/16",
              "EnableNFTables": false,
              "Backend": {
                "Type": "vxlan"
              }
            }
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: kube-flannel-ds, namespace: kube-flannel}
        spec:
          selector: {matchLabels: {app: flannel}}
          template:
            metadata: {labels: {app: flannel}}
            spec:
              hostNetwork: true
              containers:
              - name: kube-flannel
                image: ghcr.io/flannel-io/flannel:v0.26.0
                command: [/opt/bin/flanneld, --ip-masq, --kube-subnet-mgr]
        ---

        """ + Nodes(FlannelNodeAnnotations, podCidrs: true) + FlannelPods;

    private static string Env(params (string Name, string Value)[] vars) =>
        string.Concat(vars.Select(v => $"        - {{name: {v.Name}, value: \"{v.Value}\"}}\n"));

    private static string CalicoConfig(string backend, string vethMtu = "0") => $$"""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: calico-config, namespace: kube-system}
        data:
          typha_service_name: "none"
          calico_backend: "{{backend}}"
          veth_mtu: "{{vethMtu}}"
        ---

        """;

    private static string CalicoNode(string ipip, string vxlan, string clusterType, string extraEnv) => $$$"""
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: calico-node, namespace: kube-system}
        spec:
          selector: {matchLabels: {k8s-app: calico-node}}
          template:
            metadata: {labels: {k8s-app: calico-node}}
            spec:
              hostNetwork: true
              initContainers:
              - name: install-cni
                image: docker.io/calico/cni:v3.30.0
                command: [/opt/cni/bin/install]
              containers:
              - name: calico-node
                image: docker.io/calico/node:v3.30.0
                env:
                - {name: DATASTORE_TYPE, value: kubernetes}
                - {name: WAIT_FOR_DATASTORE, value: "true"}
                - name: NODENAME
                  valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
                - name: CALICO_NETWORKING_BACKEND
                  valueFrom: {configMapKeyRef: {name: calico-config, key: calico_backend}}
                - {name: CLUSTER_TYPE, value: "{{{clusterType}}}"}
                - {name: IP, value: autodetect}
                - {name: CALICO_IPV4POOL_IPIP, value: "{{{ipip}}}"}
                - {name: CALICO_IPV4POOL_VXLAN, value: "{{{vxlan}}}"}
                - {name: CALICO_IPV6POOL_VXLAN, value: "Never"}
                - name: FELIX_IPINIPMTU
                  valueFrom: {configMapKeyRef: {name: calico-config, key: veth_mtu}}
                - name: FELIX_VXLANMTU
                  valueFrom: {configMapKeyRef: {name: calico-config, key: veth_mtu}}
                - name: FELIX_WIREGUARDMTU
                  valueFrom: {configMapKeyRef: {name: calico-config, key: veth_mtu}}
        {{{extraEnv}}}        - {name: CALICO_DISABLE_FILE_LOGGING, value: "true"}
                - {name: FELIX_DEFAULTENDPOINTTOHOSTACTION, value: ACCEPT}
                - {name: FELIX_IPV6SUPPORT, value: "false"}
                - {name: FELIX_HEALTHENABLED, value: "true"}
        ---

        """;

    private static string CalicoNodeAnnotations(bool ipip) => ipip
        ? "projectcalico.org/IPv4Address: {ip}/24, projectcalico.org/IPv4IPIPTunnelAddr: {tunnel}"
        : "projectcalico.org/IPv4Address: {ip}/24, projectcalico.org/IPv4VXLANTunnelAddr: {tunnel}, projectcalico.org/VXLANTunnelMACAddr: {mac}";

    private const string FlannelNodeAnnotations =
        "flannel.alpha.coreos.com/backend-type: vxlan, flannel.alpha.coreos.com/kube-subnet-manager: \"true\", flannel.alpha.coreos.com/public-ip: {ip}, flannel.alpha.coreos.com/backend-data: '{\"VNI\":1,\"VtepMAC\":\"{mac}\"}'";

    private static string Nodes(string annotations, bool podCidrs = false, string node02Ip = "172.16.100.103")
    {
        (string Name, string Ip, string Tunnel, string Mac, string PodCidr)[] nodes =
        [
            ("master", "172.16.100.101", "192.168.219.64", "66:1b:0c:00:00:01", "10.244.0.0/24"),
            ("node01", "172.16.100.102", "192.168.196.128", "66:1b:0c:00:00:02", "10.244.1.0/24"),
            ("node02", node02Ip, "192.168.140.64", "66:1b:0c:00:00:03", "10.244.2.0/24"),
        ];
        return string.Concat(nodes.Select(n => $$$"""
            apiVersion: v1
            kind: Node
            metadata:
              name: {{{n.Name}}}
              annotations: {{{{annotations.Replace("{ip}", n.Ip, StringComparison.Ordinal).Replace("{tunnel}", n.Tunnel, StringComparison.Ordinal).Replace("{mac}", n.Mac, StringComparison.Ordinal)}}}}
            spec: {{{(podCidrs ? $"{{podCIDR: {n.PodCidr}, podCIDRs: [{n.PodCidr}]}}" : "{}")}}}
            status:
              addresses: [{type: InternalIP, address: {{{n.Ip}}}}, {type: Hostname, address: {{{n.Name}}}}]
              conditions: [{type: Ready, status: "True"}]
            ---

            """));
    }

    private const string CalicoPods = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web-0, namespace: default}
        spec: {nodeName: master, containers: [{name: web, image: nginx}]}
        status: {phase: Running, podIP: 192.168.219.66, podIPs: [{ip: 192.168.219.66}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-1, namespace: default}
        spec: {nodeName: node01, containers: [{name: web, image: nginx}]}
        status: {phase: Running, podIP: 192.168.196.130, podIPs: [{ip: 192.168.196.130}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-2, namespace: default}
        spec: {nodeName: node02, containers: [{name: web, image: nginx}]}
        status: {phase: Running, podIP: 192.168.140.66, podIPs: [{ip: 192.168.140.66}]}

        """;

    private const string FlannelPods = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web-1, namespace: default}
        spec: {nodeName: node01, containers: [{name: web, image: nginx}]}
        status: {phase: Running, podIP: 10.244.1.5, podIPs: [{ip: 10.244.1.5}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-2, namespace: default}
        spec: {nodeName: node02, containers: [{name: web, image: nginx}]}
        status: {phase: Running, podIP: 10.244.2.7, podIPs: [{ip: 10.244.2.7}]}

        """;
}
