namespace ClusterNet.Core.Model;

/// <summary>Sync state of one kind. <see cref="Loaded"/>/<see cref="Expected"/> drive the first-sync progress ("pods 3,400 / 10,000").</summary>
public sealed record KindStatus(KindState State, int Count, string? Message = null, int Loaded = 0, int? Expected = null, string? ApiVersion = null)
{
    public static KindStatus Pending { get; } = new(KindState.Pending, 0);

    /// <summary>Lower-case wire name used by REST and hub: synced, syncing, forbidden, notserved, error...</summary>
    public string StateName => State switch
    {
        KindState.NotServed => "notserved",
        _ => State.ToString().ToLowerInvariant(),
    };
}
