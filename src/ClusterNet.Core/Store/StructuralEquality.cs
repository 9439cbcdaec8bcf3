using System.Text.Json;

namespace ClusterNet.Core.Store;

/// <summary>
/// Records holding immutable collections compare those by reference, so "did this object really change?"
/// compares serialized forms instead. Used only when an object arrives again (watch event, relist).
/// </summary>
internal static class StructuralEquality
{
    private static readonly JsonSerializerOptions Options = new() { IncludeFields = false };

    public static bool AreEqual(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.GetType() != b.GetType())
        {
            return false;
        }

        if (a.Equals(b))
        {
            return true;
        }

        return JsonSerializer.SerializeToUtf8Bytes(a, a.GetType(), Options).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(b, b.GetType(), Options));
    }
}
