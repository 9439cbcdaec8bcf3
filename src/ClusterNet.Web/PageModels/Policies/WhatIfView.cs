using System.Collections.Immutable;

namespace ClusterNet.Web.PageModels.Policies;

/// <summary>
/// The what-if answer as the page shows it: the input errors (line-numbered), or the flipped cells across every probed
/// port with a verdict-first summary, or, when nothing flipped, why.
/// </summary>
public sealed record WhatIfView
{
    public ImmutableArray<string> Errors { get; init; } = [];
    /// <summary>"4 cell(s) flip on 80/TCP." (null when the input had errors).</summary>
    public string? Summary { get; init; }
    public ImmutableArray<string> Flipped { get; init; } = [];
    /// <summary>Why no cell flipped, naming what still decides (null when some flipped).</summary>
    public string? NothingFlippedBecause { get; init; }
}
