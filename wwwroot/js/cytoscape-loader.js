// Loads cytoscape (ES module), for graph modules such as wwwroot/js/<name>.js:
//   import { loadCytoscape, loadCytoscapeCore } from './cytoscape-loader.js';
//   const cytoscape = await loadCytoscapeCore();   // drawing only (what a first paint needs)
//   const cytoscape = await loadCytoscape();       // with the fcose layout registered (an "Auto layout" button)
// The npm packages (wwwroot/package.json) are served by the web project under /lib/<package>/.
// fcose and its dependencies ship as UMD bundles (320 KB): they are loaded as classic scripts that set window globals,
// one after the other, so they are fetched only when a layout asks for them, not before the first paint.
let core = null;
let withLayouts = null;

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const existing = document.querySelector(`script[data-clusternet-lib="${src}"]`);
    if (existing) { existing.dataset.loaded ? resolve() : existing.addEventListener('load', () => resolve()); return; }
    const script = document.createElement('script');
    script.src = src;
    script.async = false;
    script.dataset.clusternetLib = src;
    script.addEventListener('load', () => { script.dataset.loaded = '1'; resolve(); });
    script.addEventListener('error', () => reject(new Error(`failed to load ${src}`)));
    document.head.appendChild(script);
  });
}

export function loadCytoscapeCore() {
  core ??= import('/lib/cytoscape/cytoscape.esm.min.mjs').then(m => m.default);
  return core;
}

export function loadCytoscape() {
  withLayouts ??= (async () => {
    const cytoscape = await loadCytoscapeCore();
    await loadScript('/lib/layout-base/layout-base.js');
    await loadScript('/lib/cose-base/cose-base.js');
    await loadScript('/lib/cytoscape-fcose/cytoscape-fcose.js');
    cytoscape.use(window.cytoscapeFcose);
    return cytoscape;
  })();
  return withLayouts;
}
