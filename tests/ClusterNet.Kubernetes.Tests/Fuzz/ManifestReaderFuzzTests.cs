using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Kubernetes.Files;
using CsCheck;

namespace ClusterNet.Kubernetes.Tests.Fuzz;

/// <summary>
/// The manifest reader (file source, what-if uploads): any text yields objects and diagnostics, never an exception or
/// a hang. Label selectors read from such text (matchLabels, matchExpressions with any operator and values) go on
/// through the policy engine, which must answer for them too.
/// </summary>
public sealed class ManifestReaderFuzzTests
{
    private static readonly Gen<string> Token = Gen.OneOf<string>(
        Gen.OneOf("apiVersion: v1", "kind: Pod", "kind: List", "items:", "metadata:", "name: x", "namespace: dev", "spec:", "- ", "  ",
            "{", "}", "[", "]", ",", ":", "? ", "&a ", "*a", "<<: *a", "---", "...", "%YAML 1.1", "%TAG ! tag:x,2000:", "!!str ", "!!binary ",
            "!!int ", "!custom ", "|", ">-", "'", "\"", "\\", "#", "\t", "\r\n", "\n", "\uFEFF", "\u0000", "\u2028", "null", "~", "0x1F", "1e400",
            "-.inf", ".nan", "yes", "on", "2001-12-14", "9223372036854775808", "containerPort: 80", "ports:", "labels: {a: b}"),
        Gen.String[0, 8]);

    private static readonly Gen<string> Text = Gen.OneOf<string>(
        Token.Array[0, 60].Select(t => string.Concat(t)),
        Token.Array[0, 40].Select(t => string.Join('\n', t)),
        Gen.String[0, 300]);

    private static readonly Gen<string> Value = Gen.OneOf<string>(
        Gen.OneOf("web", "", "a/b", "x.example.com/app", "-", "_", "a b", "\"quoted\"", "'single'", "[]", "{}", "null", "true", "1", "ÿ",
            new string('v', 70)),
        Gen.String[Gen.Char["abcXYZ019-_./ "], 0, 12]);

    private static readonly Gen<string> Operator = Gen.OneOf("In", "NotIn", "Exists", "DoesNotExist", "in", "Gt", "Lt", "", "==", "!=", "IN ");

    private static readonly Gen<string> Expression = Gen.Select(Value, Operator, Value.Array[0, 4],
        (key, op, values) => $"{{key: \"{Escape(key)}\", operator: \"{op}\", values: [{string.Join(", ", values.Select(v => $"\"{Escape(v)}\""))}]}}");

    private static readonly Gen<string> Selector = Gen.Select(Gen.Select(Value, Value).Array[0, 3], Expression.Array[0, 3], Gen.Bool,
        (labels, expressions, omitExpressions) =>
            $"{{matchLabels: {{{string.Join(", ", labels.Select(l => $"\"{Escape(l.Item1)}\": \"{Escape(l.Item2)}\""))}}}" +
            (omitExpressions ? "}" : $", matchExpressions: [{string.Join(", ", expressions)}]}}"));

    private static readonly Gen<string> Policy = Gen.Select(Selector, Selector, Selector, Gen.Int[-5, 70_000], Gen.OneOf("TCP", "UDP", "SCTP", "tcp", "", "ICMP"),
        (pods, peers, namespaces, port, protocol) => $"""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {"{"}name: fuzz, namespace: dev{"}"}
            spec:
              podSelector: {pods}
              policyTypes: [Ingress, Egress]
              ingress:
              - from: [{"{"}podSelector: {peers}, namespaceSelector: {namespaces}{"}"}]
                ports: [{"{"}port: {port}, protocol: "{protocol}"{"}"}]
              egress:
              - to: [{"{"}namespaceSelector: {namespaces}{"}"}]
            """);

    private const string Cluster = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: dev, labels: {team: a}}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: dev, labels: {app: web, "x.example.com/app": v}}
        spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]}
        status: {podIP: 10.244.1.2, phase: Running}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db, namespace: dev, labels: {app: db}}
        spec: {containers: [{name: c, image: postgres, ports: [{containerPort: 5432}]}]}
        status: {podIP: 10.244.1.3, phase: Running}
        """;

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    [Fact]
    public void LoadText_AnyText_ObjectsAndDiagnosticsNeverAnException()
    {
        Text.Sample(text => FuzzBound.Run("manifest", () =>
        {
            var result = ManifestLoader.LoadText(text, "fuzz.yaml");
            Assert.All(result.Diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
            _ = result.ToSnapshot(new SourceInfo("file", "fuzz.yaml"));
        }), iter: 3_000, threads: 1);
    }

    [Fact]
    public void LabelSelectors_AnySelector_ReadAndEvaluatedOrNamedError()
    {
        Policy.Sample(policy => FuzzBound.Run("selector", () =>
        {
            var result = ManifestLoader.LoadText(Cluster + "\n---\n" + policy, "fuzz.yaml");
            Assert.All(result.Diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
            var engine = PolicyEngine.Build(result.ToSnapshot(new SourceInfo("file", "fuzz.yaml")));
            var matrix = engine.ComputeMatrix([new ReachProbe(80, "TCP"), new ReachProbe(5432, "TCP")]);
            Assert.NotNull(matrix);
            Assert.False(PolicyLinter.Lint(engine).IsDefault);
        }), iter: 1_500, threads: 1);
    }
}
