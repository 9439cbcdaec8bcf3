namespace ClusterNet.Core.Model;

/// <summary>What the store needs from every object it caches.</summary>
public interface IClusterObject
{
    ObjectKey Key { get; }
}
