using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Core.Store;

namespace ClusterNet.Kubernetes.Live;

/// <summary>
/// Turns one object the API server sent into a Core record of the stream's kind, never throwing: an object that cannot
/// be represented is skipped with an error diagnostic naming it, so one odd object never stops a list or a watch.
/// </summary>
internal static class LiveItemDecoder
{
    /// <summary>
    /// From the object's JSON bytes: straight into the target's model when it has a reader (no document); otherwise,
    /// and whenever that fails, through a document of this one object, so a bad object is reported exactly as
    /// <see cref="FromElement"/> reports it (its name even when its metadata broke, the field the serializer or mapper names).
    /// </summary>
    public static DecodedItem FromJson(ResourceTarget target, string kind, ReadOnlyMemory<byte> json, JsonTokenType first)
    {
        if (first != JsonTokenType.StartObject)
        {
            var name = target.Describe((ObjectKey?)null);
            var message = $"object skipped: an item of the {target.Resource} list is {ListPageReader.ValueKind(first)}, not an object";
            return new DecodedItem(null, name, [new SourceDiagnostic("error", message, Object: name)]);
        }

        if (target.Read is { } read)
        {
            var diagnostics = new List<SourceDiagnostic>();
            try
            {
                var obj = read(json.Span, diagnostics, out var key);
                if (ResourceKinds.KindOf(obj) == kind)
                {
                    return new DecodedItem(obj, target.Describe(key), diagnostics);
                }
            }
            catch (Exception)
            {
                // Reported below by the document path, with the same words as before this reader existed.
            }
        }

        using var document = JsonDocument.Parse(json);
        return FromElement(target, kind, document.RootElement);
    }

    /// <summary>From a parsed object (the converter reads it while it is alive; nothing keeps the element).</summary>
    public static DecodedItem FromElement(ResourceTarget target, string kind, JsonElement element)
    {
        var name = target.Describe(element);
        var diagnostics = new List<SourceDiagnostic>();
        try
        {
            var obj = target.Convert(element, diagnostics);
            var actual = ResourceKinds.KindOf(obj);
            if (actual != kind)
            {
                throw new InvalidOperationException($"converter returned a {actual} object for {kind}");
            }

            return new DecodedItem(obj, name, diagnostics);
        }
        catch (Exception e)
        {
            diagnostics.Add(new SourceDiagnostic("error", $"object skipped: {e.Message}", Object: name));
            return new DecodedItem(null, name, diagnostics);
        }
    }
}
