namespace ClusterNet.Web.Components.Policy;

/// <summary>What a matrix cell shows: a mark (never colour alone), a CSS modifier and a tooltip.</summary>
public sealed record MatrixCellView(string Mark, string State, string Title);
