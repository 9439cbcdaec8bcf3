namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>One client-IP setting the resolution used: field, value, where it came from and which object or document said so.</summary>
public sealed record GatewaySettingInput(string Field, string Value, SettingOrigin Origin, string Source)
{
    public ClientIpEvidence ToEvidence() => new(Field, Value, Origin switch
    {
        SettingOrigin.Read => Source,
        SettingOrigin.DocumentedDefault => "default, from documentation: " + Source,
        _ => "not read, default assumed: " + Source,
    });
}
