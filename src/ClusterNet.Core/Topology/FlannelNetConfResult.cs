using System.Collections.Immutable;

namespace ClusterNet.Core.Topology;

/// <summary>Outcome of parsing net-conf.json: the config when flannel would accept it, otherwise the errors.</summary>
public sealed record FlannelNetConfResult(FlannelNetConf? Config, ImmutableArray<ConfigError> Errors)
{
    public bool IsValid => Config is not null && Errors.IsDefaultOrEmpty;
}
