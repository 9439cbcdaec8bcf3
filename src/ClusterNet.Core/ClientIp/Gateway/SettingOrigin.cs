namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>Where a client-IP setting's value comes from, so output can say when it was not read from the cluster.</summary>
public enum SettingOrigin
{
    /// <summary>Read from an object in the snapshot (a policy, a parameters object, an annotation, container args).</summary>
    Read,

    /// <summary>Not set anywhere ClusterNet reads: the implementation's default, taken from its documentation.</summary>
    DocumentedDefault,

    /// <summary>Lives where ClusterNet does not read yet (e.g. mesh config); the documented default is assumed.</summary>
    NotRead,
}
