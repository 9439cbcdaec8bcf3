using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// KubernetesClient's JSON options for the live source, minus the fields no mapper reads: the deserializer then skips
/// them as unknown properties instead of building objects for them. managedFields alone is about half of a pod's JSON
/// and became a cloned JsonElement per entry; a profile of the first sync of 50,000 pods put V1Pod deserialization at
/// ~60 % of the source's CPU, mostly those clones, the date parsing of unused timestamps and the GC they cause.
/// Only the live decode uses these options; manifests and everything that serializes keep KubernetesClient's own.
/// </summary>
internal static class LiveJson
{
    /// <summary>JSON property names dropped per KubernetesClient type (see the grep in LiveJsonTests: no source reads them).</summary>
    internal static readonly IReadOnlyDictionary<Type, string[]> Unread = new Dictionary<Type, string[]>
    {
        [typeof(V1ObjectMeta)] = ["managedFields", "creationTimestamp", "deletionTimestamp", "finalizers", "generation", "selfLink", "resourceVersion"],
        [typeof(V1PodSpec)] = ["tolerations", "volumes", "affinity", "securityContext", "schedulerName", "terminationGracePeriodSeconds", "enableServiceLinks", "preemptionPolicy", "restartPolicy"],
        [typeof(V1Container)] = ["resources", "volumeMounts", "livenessProbe", "readinessProbe", "startupProbe", "securityContext", "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy", "envFrom"],
        [typeof(V1PodStatus)] = ["containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses", "startTime", "qosClass"],
        [typeof(V1PodCondition)] = ["lastProbeTime", "lastTransitionTime"],
        [typeof(V1NodeCondition)] = ["lastHeartbeatTime", "lastTransitionTime"],
        [typeof(V1NodeStatus)] = ["images", "capacity", "allocatable", "daemonEndpoints", "volumesInUse", "volumesAttached"],
    };

    public static JsonSerializerOptions Options { get; } = Create();

    public static T Deserialize<T>(JsonElement e) where T : class =>
        KubernetesJson.Deserialize<T>(e, Options) ?? throw new JsonException("the object is null");

    /// <summary>The same as <see cref="Deserialize{T}(JsonElement)"/> on the element of these bytes (the serializer reads an element's raw bytes).</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) where T : class =>
        JsonSerializer.Deserialize<T>(utf8Json, Options) ?? throw new JsonException("the object is null");

    private static JsonSerializerOptions Create()
    {
        JsonSerializerOptions? shared = null;
        KubernetesJson.AddJsonOptions(o => shared = o);
        var options = new JsonSerializerOptions(shared!);
        options.TypeInfoResolver = (shared!.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(DropUnread);
        options.MakeReadOnly();
        return options;
    }

    private static void DropUnread(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || !Unread.TryGetValue(info.Type, out var names))
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (Array.IndexOf(names, info.Properties[i].Name) >= 0)
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
