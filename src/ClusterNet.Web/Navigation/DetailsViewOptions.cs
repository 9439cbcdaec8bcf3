using ClusterNet.Core.Model;
using ClusterNet.Web.Components.Details;

namespace ClusterNet.Web.Navigation;

/// <summary>
/// Which component the details drawer renders for a selected kind. A view receives two parameters:
/// <c>[Parameter] public ObjectRef Target</c> and <c>[Parameter] public ClusterSnapshot Snapshot</c>.
/// Register another with <c>services.Configure&lt;DetailsViewOptions&gt;(o =&gt; o.Views["mykind"] = typeof(MyDetails))</c>;
/// kinds without a view get <see cref="ObjectDetails"/> (every field of the object).
/// </summary>
public sealed class DetailsViewOptions
{
    public Dictionary<string, Type> Views { get; } = new(StringComparer.Ordinal)
    {
        [ResourceKind.Nodes] = typeof(NodeDetails),
        [ResourceKind.Pods] = typeof(PodDetails),
        [ResourceKind.Services] = typeof(ServiceDetails),
    };

    public Type ViewFor(string kind) => Views.TryGetValue(kind, out var type) ? type : typeof(ObjectDetails);
}
