using ClusterNet.Core.Policy;
using Microsoft.AspNetCore.Components;

namespace ClusterNet.Web.Components.Policy;

/// <summary>
/// A reachability matrix (namespaces or pods): rows = from, columns = to; each cell a button with a mark and words.
/// Above <see cref="PageSize"/> rows or columns it shows one page of each axis at a time; the page follows the selected cell.
/// </summary>
public partial class PolicyMatrixTable
{
    [Parameter, EditorRequired] public IReadOnlyList<string> Rows { get; set; } = [];
    [Parameter, EditorRequired] public IReadOnlyList<string> Columns { get; set; } = [];
    [Parameter, EditorRequired] public Func<int, int, MatrixCellText> Cell { get; set; } = default!;
    [Parameter] public EventCallback<(int Row, int Column)> OnSelect { get; set; }
    [Parameter] public (int Row, int Column)? Selected { get; set; }
    [Parameter] public string AriaLabel { get; set; } = "Reachability matrix";
    [Parameter] public string? TestId { get; set; }

    /// <summary>Rows and columns shown at once; 60 × 60 is 3,600 cells, about what a browser redraws without lag.</summary>
    [Parameter] public int PageSize { get; set; } = 60;

    private int _rowStart;
    private int _colStart;
    private (int Row, int Column)? _followed;
    private (string? First, int Rows, string? FirstColumn, int Columns) _axes;

    /// <summary>
    /// The page of the matrix last rendered, as plain values: a new snapshot re-renders the page only when a visible name,
    /// cell or selection changed. Each render of a 60 × 60 page builds 3,600 buttons with a click handler each, and
    /// Blazor keeps the previous render tree beside the current one; a pod's readiness, which changes no verdict,
    /// then costs no render, no diff and no new handlers in any circuit.
    /// </summary>
    private MatrixPage? _page;

    private int RowEnd => Math.Min(Rows.Count, _rowStart + PageSize);

    private int ColEnd => Math.Min(Columns.Count, _colStart + PageSize);

    protected override void OnParametersSet()
    {
        // A different drill-down (other namespace pair) starts on its first page.
        var axes = (Rows.Count > 0 ? Rows[0] : null, Rows.Count, Columns.Count > 0 ? Columns[0] : null, Columns.Count);
        if (axes != _axes)
        {
            _rowStart = _colStart = 0;
            _followed = null;
            _axes = axes;
        }

        if (_rowStart >= Rows.Count)
        {
            _rowStart = 0;
        }

        if (_colStart >= Columns.Count)
        {
            _colStart = 0;
        }

        // Jump to a newly selected cell's page (deep link, or a selection made elsewhere); later paging is the user's.
        if (Selected is { } s && s != _followed && s.Row >= 0 && s.Column >= 0 && PageSize > 0)
        {
            _rowStart = s.Row / PageSize * PageSize;
            _colStart = s.Column / PageSize * PageSize;
        }

        _followed = Selected;
        _page ??= CapturePage();
    }

    protected override bool ShouldRender()
    {
        var page = CapturePage();
        if (page.Equals(_page))
        {
            return false;
        }

        _page = page;
        return true;
    }

    private MatrixPage CapturePage()
    {
        var rows = Rows.Skip(_rowStart).Take(RowEnd - _rowStart).ToArray();
        var columns = Columns.Skip(_colStart).Take(ColEnd - _colStart).ToArray();
        var cells = new MatrixCellText[rows.Length * columns.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                cells[(r * columns.Length) + c] = Cell(_rowStart + r, _colStart + c);
            }
        }

        return new MatrixPage((_rowStart, _colStart, Rows.Count, Columns.Count, PageSize, Selected, AriaLabel, TestId), rows, columns, cells);
    }

    /// <summary>The cell at matrix position (<paramref name="row"/>, <paramref name="column"/>) as captured for this render.</summary>
    private MatrixCellText Shown(int row, int column) => _page!.Cells[((row - _rowStart) * _page.Columns.Length) + column - _colStart];

    private void MoveRows(int pages) => _rowStart = Math.Clamp(_rowStart + (pages * PageSize), 0, Math.Max(0, Rows.Count - 1));

    private void MoveColumns(int pages) => _colStart = Math.Clamp(_colStart + (pages * PageSize), 0, Math.Max(0, Columns.Count - 1));
}
