using ClusterNet.E2E.Infrastructure;

namespace ClusterNet.E2E.Shell;

public sealed class FrontEndPackagesTests(ClusterNetAppFixture app) : IClassFixture<ClusterNetAppFixture>
{
    [Fact]
    public async Task CytoscapeLoader_UnderTheAppCsp_LoadsCytoscapeWithFcose()
    {
        var errors = new List<string>();
        var page = await app.NewPageAsync(consoleErrors: errors);
        await page.GotoAsync("/cluster");

        var result = await page.EvaluateAsync<string>(@"async () => {
            const { loadCytoscape } = await import('/js/cytoscape-loader.js');
            const cytoscape = await loadCytoscape();
            const cy = cytoscape({ headless: true, elements: [{ data: { id: 'a' } }, { data: { id: 'b' } }, { data: { id: 'ab', source: 'a', target: 'b' } }] });
            cy.layout({ name: 'fcose', animate: false }).run();
            return `${typeof cytoscape}:${cy.nodes().length}:${cy.edges().length}`;
        }");

        Assert.Equal("function:2:1", result);
        Assert.Empty(errors);
    }
}
