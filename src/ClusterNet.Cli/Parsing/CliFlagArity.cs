namespace ClusterNet.Cli.Parsing;

public enum CliFlagArity
{
    /// <summary>A value; given twice, the last one counts (as before the parser move).</summary>
    Once,

    /// <summary>A value per occurrence, all kept in order (<c>--probe 80/TCP --probe 53/UDP</c>).</summary>
    Repeated,

    /// <summary>No value (<c>-R</c>).</summary>
    Switch,

    /// <summary>A positional word (<c>clusternet completion bash</c>).</summary>
    Argument,
}
