namespace ClusterNet.Web.Api.Policy;

/// <summary>A problem in the what-if input, positioned in the YAML when it comes from it.</summary>
public sealed record WhatIfErrorDto(string Message, int? Line = null, int? Column = null, int? Document = null, string? Field = null);
