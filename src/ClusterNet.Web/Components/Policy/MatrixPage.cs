using ClusterNet.Core.Policy;

namespace ClusterNet.Web.Components.Policy;

/// <summary>
/// One rendered page of a <see cref="PolicyMatrixTable"/> as values (position and labels, the row and column names, each
/// cell's words), compared by content so the table can skip renders that would draw the same page.
/// </summary>
internal sealed record MatrixPage(
    (int RowStart, int ColStart, int Rows, int Columns, int PageSize, (int Row, int Column)? Selected, string AriaLabel, string? TestId) Layout,
    string[] RowNames,
    string[] Columns,
    MatrixCellText[] Cells)
{
    public bool Equals(MatrixPage? other) =>
        other is not null && Layout == other.Layout && RowNames.AsSpan().SequenceEqual(other.RowNames) && Columns.AsSpan().SequenceEqual(other.Columns)
        && Cells.AsSpan().SequenceEqual(other.Cells);

    public override int GetHashCode() => HashCode.Combine(Layout, RowNames.Length, Columns.Length, Cells.Length);
}
