using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace ClusterNet.Web.Components.ClientIp;

/// <summary>
/// An SVG &lt;text&gt; element. Razor reserves &lt;text&gt; inside code blocks for its own use, so the diagram writes
/// its labels through this component.
/// </summary>
public sealed class SvgText : ComponentBase
{
    [Parameter, EditorRequired] public string X { get; set; } = "0";

    [Parameter, EditorRequired] public string Y { get; set; } = "0";

    [Parameter] public string? Class { get; set; }

    [Parameter] public string Anchor { get; set; } = "middle";

    [Parameter] public string? Text { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "x", X);
        builder.AddAttribute(2, "y", Y);
        builder.AddAttribute(3, "text-anchor", Anchor);
        builder.AddAttribute(4, "class", Class);
        builder.AddContent(5, Text);
        builder.CloseElement();
    }
}
