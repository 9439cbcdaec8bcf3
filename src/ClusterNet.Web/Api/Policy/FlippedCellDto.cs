namespace ClusterNet.Web.Api.Policy;

/// <summary>A cell whose verdict (allowed, denied, dependsOnImplementation) changes with the what-if edits.</summary>
public sealed record FlippedCellDto(string From, string To, int Port, string Protocol, string Before, string After, bool AllowedBefore, bool AllowedAfter);
