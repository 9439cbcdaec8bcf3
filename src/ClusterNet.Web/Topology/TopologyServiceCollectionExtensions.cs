using ClusterNet.Web.Navigation;
using ClusterNet.Web.PageModels.Topology;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Topology;

public static class TopologyServiceCollectionExtensions
{
    /// <summary>Registers the topology service, its validated options and the details-drawer view for graph elements.</summary>
    public static WebApplicationBuilder AddClusterNetTopology(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TopologySettings>().Bind(builder.Configuration.GetSection(TopologySettings.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TopologySettings>, TopologySettingsValidator>();
        builder.Services.AddSingleton<TopologyService>();
        builder.Services.AddTopologyPageModel();
        builder.Services.Configure<DetailsViewOptions>(o => o.Views[TopologyRef.Kind] = typeof(Components.Topology.TopologyElementDetails));
        return builder;
    }
}
