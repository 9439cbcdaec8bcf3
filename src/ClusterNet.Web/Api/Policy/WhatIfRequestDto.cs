namespace ClusterNet.Web.Api.Policy;

/// <summary>POST /api/policy/what-if: YAML of policies to add or replace, keys (ns/name) to delete, probes (PORT/PROTO).</summary>
public sealed record WhatIfRequestDto(string? Yaml, IReadOnlyList<string>? Delete, IReadOnlyList<string>? Probes);
