using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ClusterNet.Core.Model;

namespace ClusterNet.Web.Api;

/// <summary>
/// JSON for REST and the hub: camelCase, enums as strings, and model records without their computed
/// <see cref="IClusterObject.Key"/> (namespace and name are already properties).
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropObjectKey } };
    }

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }

    private static void DropObjectKey(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !typeof(IClusterObject).IsAssignableFrom(info.Type))
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].Name == "key")
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
