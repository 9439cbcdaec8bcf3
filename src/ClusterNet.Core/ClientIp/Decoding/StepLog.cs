using System.Collections.Immutable;

namespace ClusterNet.Core.ClientIp.Decoding;

/// <summary>Numbers steps as they are added.</summary>
internal sealed class StepLog
{
    private readonly ImmutableArray<DecodeStep>.Builder _steps = ImmutableArray.CreateBuilder<DecodeStep>();

    public void Add(DecodeAction action, string text, string? address = null, string? matched = null, bool decisive = false) =>
        _steps.Add(new DecodeStep(_steps.Count + 1, action, text, address, matched, decisive));

    /// <summary>Marks the last step as the one that decided (when the decision is only known after it was logged).</summary>
    public void MarkLastDecisive()
    {
        if (_steps.Count > 0)
        {
            _steps[^1] = _steps[^1] with { Decisive = true };
        }
    }

    public ImmutableArray<DecodeStep> ToImmutable() => _steps.ToImmutable();
}
