// Loads cytoscape (ES module) with the fcose layout registered, for graph modules such as wwwroot/js/<name>.js:
//   import { loadCytoscape } from './cytoscape-loader.js';
//   const cytoscape = await loadCytoscape();
// The npm packages (wwwroot/package.json) are served by the web project under /lib/<package>/.
// fcose and its dependencies ship as UMD bundles: they are loaded as classic scripts that set window globals.
let loading = null;

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

export function loadCytoscape() {
  loading ??= (async () => {
    const { default: cytoscape } = await import('/lib/cytoscape/cytoscape.esm.min.mjs');
    await loadScript('/lib/layout-base/layout-base.js');
    await loadScript('/lib/cose-base/cose-base.js');
    await loadScript('/lib/cytoscape-fcose/cytoscape-fcose.js');
    cytoscape.use(window.cytoscapeFcose);
    return cytoscape;
  })();
  return loading;
}
