namespace ClusterNet.Web.Api.Policy;

/// <summary>POST /api/policy/what-if answer: the flipped cells, or the errors that stopped it (HTTP 400).</summary>
public sealed record WhatIfResponseDto(long Version, IReadOnlyList<string> Probes, IReadOnlyList<FlippedCellDto> Flipped, IReadOnlyList<WhatIfErrorDto> Errors);
