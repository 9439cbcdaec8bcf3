// The topology graph widget: one Cytoscape instance per container, drawn from the server's topology elements and kept
// live by deltas. Used by src/ClusterNet.Web/Components/Topology/TopologyGraphView.razor through IJSObjectReference.
// Every call names its container: state lives per instance (a WeakMap keyed by the element), so two graphs, or a page
// swapped quickly for another, never clear each other's.
//   initialize(element, dotNetRef, options)  first render (options.elements/edges, aggregateAbove, filter)
//   update(element, delta)                   {added, removed, changed, addedEdges, removedEdges, changedEdges, version}
//   select(element, id) / highlightPath(element, ids) / setFilter(element, filter) / fit(element) / relayout(element)
//   exportPng(element, fileName) / dispose(element)
//   overlay(element, map) / clearOverlay(element)   reachability overlay: {elementId: 'origin'|'allowed'|'denied'|'depends'}
// Colours come from the MudBlazor theme's CSS variables (--mud-palette-*) and are re-read when the layout's data-theme
// changes, so the graph follows dark mode. Keyboard: Tab to the graph, arrow keys move between elements, Enter or Space
// selects; an aria-live region next to the canvas announces the element.
// Layout is our own deterministic "whiteboard" preset (node boxes in a grid, devices on top, veth/pod pairs below), so
// a delta places new elements in free slots and never moves what is already drawn; fcose is there on demand (relayout).
// Cytoscape draws on a canvas, so counts and ids are mirrored into data-* attributes of the container for tests.
// Test helpers (positionsOf, clientPositionOf, overlayClassesOf, ...) take the container last and default to the page's
// topology graph.
import { loadCytoscape, loadCytoscapeCore } from './cytoscape-loader.js';

const POD_DX = 120, POD_DY = 110, HEADER_DY = 80, DEVICE_DX = 150, NODE_GAP = 110, MIN_ROW_WIDTH = 1300;

/** @type {WeakMap<Element, object>} */
const instances = new WeakMap();

function instanceOf(element) {
  return instances.get(element ?? document.querySelector('[data-testid=topology-graph]')) ?? null;
}

// ---- theme ---------------------------------------------------------------------------------------------------
function parseColor(text) {
  const t = (text || '').trim();
  let m = /^#([0-9a-f]{3,8})$/i.exec(t);
  if (m) {
    let h = m[1];
    if (h.length === 3 || h.length === 4) h = h.split('').map(c => c + c).join('');
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
  }
  m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/i.exec(t);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function hex(rgb) { return '#' + rgb.map(v => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0')).join(''); }

function mix(a, b, share) { return [0, 1, 2].map(i => a[i] * share + b[i] * (1 - share)); }

// The palette the style is built from: MudBlazor's CSS variables as the container sees them; fills are the colour
// mixed into the surface, so light themes get pastels and dark themes deep tints.
function readPalette(element) {
  const css = getComputedStyle(element);
  const get = (name, fallback) => parseColor(css.getPropertyValue(`--mud-palette-${name}`)) ?? fallback;
  const surface = get('surface', [255, 255, 255]);
  const text = get('text-primary', [29, 38, 51]);
  const dark = (surface[0] + surface[1] + surface[2]) / 3 < 128;
  const tint = (rgb, share = dark ? 0.35 : 0.22) => hex(mix(rgb, surface, share));
  const c = {
    primary: get('primary', [89, 74, 226]), secondary: get('secondary', [255, 64, 129]), tertiary: get('tertiary', [30, 200, 165]),
    info: get('info', [33, 150, 243]), success: get('success', [0, 200, 83]), warning: get('warning', [255, 152, 0]),
    error: get('error', [244, 67, 54]), lines: get('lines-default', [200, 200, 200]), textSecondary: get('text-secondary', [110, 110, 110]),
  };
  const line = (rgb) => hex(dark ? mix(rgb, [255, 255, 255], 0.8) : rgb);
  return {
    dark, surface: hex(surface), text: hex(text), textSecondary: hex(c.textSecondary), lines: hex(c.lines),
    node: tint(c.lines, 0.45), nodeBorder: hex(c.textSecondary), box: tint(c.lines, dark ? 0.12 : 0.08), boxBorder: line(c.primary),
    nic: tint(c.warning), nicBorder: line(c.warning), bridge: tint(c.success), bridgeBorder: line(c.success),
    tunnel: tint(c.primary), tunnelBorder: line(c.primary), ipvs: tint(c.error), ipvsBorder: line(c.error),
    pod: tint(c.info), podBorder: line(c.info), hostpod: tint(c.warning, 0.15), service: tint(c.secondary), serviceBorder: line(c.secondary),
    segment: tint(c.warning, 0.1), segmentBorder: line(c.warning), aggregate: tint(c.info, 0.15),
    error: line(c.error), selected: line(c.warning), path: line(c.error), edge: hex(mix(c.textSecondary, surface, 0.6)),
    allowed: tint(c.success, 0.3), allowedBorder: line(c.success), denied: tint(c.error, 0.3), deniedBorder: line(c.error),
    depends: tint(c.warning, 0.3), dependsBorder: line(c.warning), origin: tint(c.info, 0.35), originBorder: line(c.info), focus: line(c.primary),
  };
}

// ---- readable labels -------------------------------------------------------------------------------------------
// A label is drawn at least MIN_LABEL_PX on screen or not at all: the font grows (in graph units) as the view zooms out,
// up to MAX_FONT_SCALE, and labels are shortened with an ellipsis to their box, so they never run into each other.
// The full name is on hover (the container's title) and in the details panel.
const MIN_LABEL_PX = 11.5, MAX_FONT_SCALE = 2.6, BASE_FONT = 12;
// Box sizes per kind (graph units): the layout, the ellipsis and the styles read the same table.
const SIZES = {
  default: [100, 34], nic: [130, 34], bridge: [130, 34], tunnel: [140, 34], ipvs: [130, 34], veth: [96, 22],
  pod: [104, 40], hostpod: [110, 40], service: [120, 56], segment: [200, 44], aggregate: [150, 50], group: [112, 56],
  collapsed: [180, 62],
};

function sizeOf(ele) {
  const kind = ele.data('kind');
  if (kind === 'node' && ele.data('collapsed')) return SIZES.collapsed;
  return SIZES[kind] ?? SIZES.default;
}

function fontScale(zoom) { return Math.min(MAX_FONT_SCALE, Math.max(1, MIN_LABEL_PX / (BASE_FONT * zoom))); }

// Multi-line labels (counted boxes) are cut per line: the style's ellipsis works on one line only.
function fitLines(text, width, fontSize) {
  const budget = Math.max(3, Math.floor((width - 10) / (fontSize * 0.6)));
  return String(text ?? '').split('\n').map(l => l.length > budget ? l.slice(0, budget - 1) + '…' : l).join('\n');
}

// Pod names end in what tells replicas apart ("coredns-74ff55c5b-gqtbz"): shortened in the middle, both ends stay.
function middleEllipsis(text, width, fontSize) {
  const t = String(text ?? '');
  const budget = Math.max(4, Math.floor((width - 12) / (fontSize * 0.7)));
  if (t.length <= budget) return t;
  const tail = Math.max(2, Math.floor((budget - 1) * 0.45));
  return t.slice(0, budget - 1 - tail) + '…' + t.slice(t.length - tail);
}

function buildStyle(p, state) {
  const scale = () => state?.fontScale ?? 1;
  const font = (base) => () => base * scale();
  return [
    { selector: 'node', style: {
      'label': 'data(label)', 'font-size': font(BASE_FONT), 'text-valign': 'center', 'text-halign': 'center', 'text-wrap': 'ellipsis',
      'text-max-width': ele => `${sizeOf(ele)[0] - 8}px`, 'min-zoomed-font-size': 11, 'width': 100, 'height': 34, 'shape': 'round-rectangle',
      'background-color': p.node, 'border-width': 1, 'border-color': p.nodeBorder, 'color': p.text } },
    { selector: 'node:parent', style: {
      'text-valign': 'top', 'text-halign': 'center', 'font-size': font(14), 'font-weight': 'bold', 'background-color': p.box,
      'text-wrap': 'none', 'background-opacity': 0.9, 'border-color': p.boxBorder, 'border-width': 2, 'padding': 24, 'shape': 'round-rectangle',
      // Bounds from children only: measuring thousands of labels for the boxes made the first paint seconds slower.
      'compound-sizing-wrt-labels': 'exclude' } },
    { selector: 'node[kind = "nic"]', style: { 'background-color': p.nic, 'border-color': p.nicBorder, 'width': 130 } },
    { selector: 'node[kind = "bridge"]', style: { 'background-color': p.bridge, 'border-color': p.bridgeBorder, 'width': 130 } },
    { selector: 'node[kind = "tunnel"]', style: { 'background-color': p.tunnel, 'border-color': p.tunnelBorder, 'width': 140 } },
    { selector: 'node[kind = "ipvs"]', style: { 'background-color': p.ipvs, 'border-color': p.ipvsBorder, 'width': 130 } },
    // Veth names are noise at a distance: their labels show once zoomed in far enough to read them at their own size.
    { selector: 'node[kind = "veth"]', style: { 'shape': 'tag', 'height': 22, 'width': 96, 'font-size': 9, 'background-color': p.node } },
    { selector: 'node[kind = "pod"]', style: { 'shape': 'ellipse', 'background-color': p.pod, 'border-color': p.podBorder, 'width': 104, 'height': 40,
      'label': ele => middleEllipsis(ele.data('label'), 104, BASE_FONT * scale()) } },
    { selector: 'node[kind = "hostpod"]', style: { 'shape': 'ellipse', 'background-color': p.hostpod, 'border-color': p.nicBorder, 'width': 110, 'height': 40,
      'label': ele => middleEllipsis(ele.data('label'), 110, BASE_FONT * scale()) } },
    { selector: 'node[kind = "service"]', style: { 'shape': 'diamond', 'background-color': p.service, 'border-color': p.serviceBorder, 'width': 120, 'height': 56, 'text-max-width': '84px' } },
    // Gateway API Gateways: a VIP like a Service, drawn apart so "which entry path" reads at a glance.
    { selector: 'node[kind = "gateway"]', style: { 'shape': 'round-pentagon', 'background-color': p.service, 'border-color': p.serviceBorder, 'border-width': 2, 'width': 120, 'height': 56, 'text-max-width': '90px' } },
    // Multus secondary interfaces and what they hang off (macvlan/ipvlan parent NIC, SR-IOV VF): outside NetworkPolicy.
    { selector: 'node[kind = "secondary-if"]', style: { 'shape': 'tag', 'height': 24, 'width': 96, 'background-color': p.tunnel, 'border-color': p.tunnelBorder, 'border-style': 'dashed' } },
    { selector: 'node[kind = "parent-nic"], node[kind = "vf"]', style: { 'background-color': p.nic, 'border-color': p.nicBorder, 'border-style': 'dashed', 'width': 120 } },
    { selector: 'node[kind = "segment"]', style: { 'shape': 'hexagon', 'background-color': p.segment, 'border-color': p.segmentBorder, 'width': 200, 'height': 44 } },
    { selector: 'node[kind = "aggregate"]', style: { 'text-wrap': 'wrap', 'shape': 'round-rectangle', 'background-color': p.aggregate, 'border-style': 'dashed', 'width': 150, 'height': 50,
      'label': ele => fitLines(ele.data('label'), 150, BASE_FONT * scale()) } },
    // Levels: counted groups of folded elements, nodes shown as counted boxes, zones (subnets) around them.
    { selector: 'node[kind = "group"]', style: { 'text-wrap': 'wrap', 'shape': 'round-rectangle', 'background-color': p.aggregate, 'border-style': 'dashed',
      'border-color': p.podBorder, 'width': 112, 'height': 56, 'font-size': font(11), 'label': ele => fitLines(ele.data('label'), 112, 11 * scale()) } },
    { selector: 'node[kind = "node"][?collapsed]', style: { 'text-wrap': 'wrap', 'width': 180, 'height': 62, 'background-color': p.box, 'border-color': p.boxBorder,
      'border-width': 2, 'label': ele => fitLines(ele.data('label'), 180, BASE_FONT * scale()) } },
    { selector: 'node[?warnings]', style: { 'border-color': p.dependsBorder, 'border-width': 3 } },
    { selector: 'node[kind = "zone"]', style: { 'background-color': p.segment, 'border-color': p.segmentBorder, 'border-style': 'dashed', 'text-wrap': 'none' } },
    { selector: 'node[?notReady]', style: { 'border-color': p.error, 'border-width': 2, 'border-style': 'dashed' } },
    { selector: 'edge', style: {
      'width': 1.2, 'line-color': p.edge, 'curve-style': 'straight', 'font-size': 10, 'min-zoomed-font-size': 11, 'color': p.text,
      'text-background-color': p.surface, 'text-background-opacity': 0.8, 'text-background-padding': 1 } },
    { selector: 'edge[kind = "tunnel"]', style: { 'line-style': 'dashed', 'line-color': p.tunnelBorder, 'width': 2, 'label': 'data(label)' } },
    { selector: 'edge[kind = "direct-route"]', style: { 'line-color': p.bridgeBorder, 'width': 2, 'label': 'data(label)' } },
    { selector: 'edge[kind = "bgp"]', style: { 'line-style': 'dotted', 'line-color': p.segmentBorder } },
    { selector: 'edge[kind = "endpoint"]', style: { 'line-color': p.serviceBorder, 'target-arrow-shape': 'triangle', 'target-arrow-color': p.serviceBorder, 'arrow-scale': 0.7 } },
    { selector: 'edge[kind = "gateway-route"], edge[kind = "gateway-data-plane"]', style: { 'line-style': 'dashed', 'line-color': p.serviceBorder, 'target-arrow-shape': 'triangle', 'target-arrow-color': p.serviceBorder, 'arrow-scale': 0.7 } },
    { selector: 'edge[kind = "secondary"], edge[kind = "secondary-parent"]', style: { 'line-style': 'dotted', 'line-color': p.tunnelBorder, 'width': 1.6 } },
    { selector: 'edge[kind = "encap"]', style: { 'line-color': p.tunnelBorder, 'label': 'data(label)' } },
    { selector: 'edge[kind = "underlay"]', style: { 'line-color': p.nicBorder } },
    { selector: ':selected', style: { 'border-width': 4, 'border-color': p.selected, 'line-color': p.selected } },
    // Reachability overlay: colour plus a text mark after the label (colour is never the only carrier).
    { selector: 'node.ov-allowed', style: { 'background-color': p.allowed, 'border-color': p.allowedBorder, 'border-width': 2, 'label': ele => `✓ ${ele.data('label')}` } },
    { selector: 'node.ov-denied', style: { 'background-color': p.denied, 'border-color': p.deniedBorder, 'border-width': 3, 'border-style': 'double', 'label': ele => `✗ ${ele.data('label')}` } },
    { selector: 'node.ov-depends', style: { 'background-color': p.depends, 'border-color': p.dependsBorder, 'border-width': 2, 'border-style': 'dashed', 'label': ele => `~ ${ele.data('label')}` } },
    { selector: 'node.ov-origin', style: { 'background-color': p.origin, 'border-color': p.originBorder, 'border-width': 4, 'label': ele => `◎ ${ele.data('label')}` } },
    { selector: 'node.ov-agg', style: { 'label': 'data(ovLabel)', 'height': 64 } },
    { selector: '.faded', style: { 'opacity': 0.18 } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': p.path, 'opacity': 1 } },
    { selector: 'edge.path', style: { 'width': 5, 'line-color': p.path, 'opacity': 1, 'z-index': 99, 'label': 'data(label)' } },
    { selector: 'node.kbd-focus', style: { 'overlay-color': p.focus, 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
  ];
}

function now() { return performance.now(); }

// ---- model: every element the server sent, whatever is visible -------------------------------------------------
function toModel(e) {
  return { id: e.id, kind: e.kind, label: e.label, parent: e.parent ?? null, node: e.node ?? null,
           namespace: e.namespace ?? null, data: e.data ?? {}, labels: e.labels ?? {} };
}

function toEdge(e) {
  return { id: e.id, kind: e.kind, source: e.source, target: e.target, label: e.label ?? '', data: e.data ?? {} };
}

function isPodLike(m) { return m.kind === 'pod' || m.kind === 'veth'; }

function matchesFilter(state, m, f) {
  if (!f || !isPodLike(m) && m.kind !== 'hostpod' && m.kind !== 'service') return true;
  if (f.node && m.node !== f.node && m.kind !== 'service') return false;
  if (f.namespace && m.namespace !== f.namespace) return false;
  if (f.label) {
    const eq = f.label.indexOf('=');
    const key = eq < 0 ? f.label : f.label.slice(0, eq);
    const value = eq < 0 ? null : f.label.slice(eq + 1);
    const owner = m.kind === 'veth' ? state.model.get(`pod/${m.id.slice(5)}`) : m;
    const labels = owner?.labels ?? {};
    if (!(key in labels) || (value !== null && labels[key] !== value)) return false;
  }
  if (f.text) {
    const t = f.text.toLowerCase();
    const owner = m.kind === 'veth' ? state.model.get(`pod/${m.id.slice(5)}`) : m;
    const hay = `${owner?.label ?? ''} ${owner?.namespace ?? ''} ${owner?.data?.ip ?? ''} ${owner?.data?.clusterIP ?? ''}`.toLowerCase();
    if (!hay.includes(t)) return false;
  }
  return true;
}

// Which elements are drawn: filters applied, big nodes' pods folded into one aggregate unless expanded.
function visibleSet(state) {
  const f = state.filter;
  const podsPerNode = new Map();
  for (const m of state.model.values()) {
    if (m.kind === 'pod' && m.parent) podsPerNode.set(m.parent, (podsPerNode.get(m.parent) ?? 0) + 1);
  }
  const aggregated = new Set();
  // Below the everything-drawn level ("Pods||", or no level) the server's level already folded what needs folding.
  const serverFolded = !!state.level && !state.level.startsWith('Pods||');
  for (const [parent, count] of podsPerNode) {
    if (!serverFolded && count > state.aggregateAbove && !state.expanded.has(parent)) aggregated.add(parent);
  }
  const nodes = new Map();
  const hiddenToAggregate = new Map();
  // With thousands of pods a veth box per pod is unreadable and doubles the drawing: fold each into its pod's edge.
  let pods = 0;
  for (const count of podsPerNode.values()) pods += count;
  const foldVeths = pods > state.foldVethsAbove;
  for (const m of state.model.values()) {
    if (isPodLike(m) && m.parent && aggregated.has(m.parent)) {
      hiddenToAggregate.set(m.id, `agg/${m.parent}`);
      continue;
    }
    if (foldVeths && m.kind === 'veth') {
      hiddenToAggregate.set(m.id, `pod/${m.id.slice(5)}`);
      continue;
    }
    if (!matchesFilter(state, m, f)) continue;
    nodes.set(m.id, m);
  }
  for (const parent of aggregated) {
    const id = `agg/${parent}`;
    const count = podsPerNode.get(parent);
    nodes.set(id, { id, kind: 'aggregate', label: `${count} pods\n(click to expand)`, parent, node: state.model.get(parent)?.node ?? null,
                    namespace: null, data: { count: String(count) }, labels: {} });
  }
  const edges = new Map();
  for (const e of state.edges.values()) {
    const s = hiddenToAggregate.get(e.source) ?? e.source;
    const t = hiddenToAggregate.get(e.target) ?? e.target;
    if (s === t || !nodes.has(s) || !nodes.has(t)) continue;
    if (s !== e.source || t !== e.target) {
      const id = `${e.kind}:${s}->${t}`;
      if (!edges.has(id)) edges.set(id, { id, kind: e.kind, source: s, target: t, label: e.kind === 'bridge-port' ? 'veth' : '', data: {} });
    } else {
      edges.set(e.id, e);
    }
  }
  state.vethsFolded = foldVeths;
  return { nodes, edges };
}

// ---- deterministic layout -----------------------------------------------------------------------------------
const DEVICE_ORDER = { nic: 0, bridge: 1, tunnel: 2, ipvs: 3 };
// Slot grids per kind of box: node boxes hold a veth above each pod; zone boxes hold counted node boxes.
const GRIDS = { node: { dx: POD_DX, dy: POD_DY, header: HEADER_DY, podOffset: 40 }, zone: { dx: 210, dy: 100, header: 50, podOffset: 0 } };
const LEAF_BOX = { width: 200, height: 90 };

function slotPosition(origin, slot) {
  const col = slot % origin.cols, row = Math.floor(slot / origin.cols);
  return { x: origin.x + col * origin.dx, y: origin.y + origin.header + row * origin.dy };
}

function nodeColumns(podCount) { return Math.max(3, Math.min(10, Math.ceil(Math.sqrt(Math.max(podCount, 1) * 1.5)))); }

const collator = new Intl.Collator('en', { numeric: true });
function byId(a, b) { return collator.compare(a.id, b.id); }

// Gives every top-level box (node, zone, or a node drawn as a counted box) an origin and every child a slot the first
// time they are seen; never reassigns, so deltas leave drawn elements where they are. A new level starts afresh.
function place(state, visible) {
  const L = state.layout;
  const byParent = new Map();
  for (const m of visible.nodes.values()) {
    if (m.parent) {
      if (!byParent.has(m.parent)) byParent.set(m.parent, []);
      byParent.get(m.parent).push(m);
    }
  }
  const isBox = m => !m.parent && (byParent.has(m.id) || m.kind === 'node' || m.kind === 'zone');
  const newBoxes = [...visible.nodes.values()].filter(m => isBox(m) && !L.origins.has(m.id)).sort(byId);
  const modelSlots = new Map();
  const modelDevices = new Map();
  if (newBoxes.length) {
    for (const m of state.model.values()) {
      if (!m.parent || m.kind === 'veth') continue;
      if (m.kind in DEVICE_ORDER) modelDevices.set(m.parent, (modelDevices.get(m.parent) ?? 0) + 1);
      else modelSlots.set(m.parent, (modelSlots.get(m.parent) ?? 0) + 1);
    }
  }
  const boxes = newBoxes.map(n => {
    const grid = GRIDS[n.kind] ?? GRIDS.node;
    const slots = modelSlots.get(n.id) ?? 0;
    const devices = modelDevices.get(n.id) ?? 0;
    if (!slots && !devices) return { n, grid, leaf: true, cols: 1, width: LEAF_BOX.width, height: LEAF_BOX.height };
    // Room for every child of the box (plus an aggregate box), so unfolding or filtering never needs a reflow.
    const cols = Math.max(nodeColumns(slots + 1), Math.ceil(Math.max(devices, 1) * DEVICE_DX / grid.dx));
    return { n, grid, leaf: false, cols, width: cols * grid.dx, height: grid.header + Math.ceil((slots + 1) / cols) * grid.dy };
  });
  if (L.rowLimit === undefined) {
    // Aim for a picture about twice as wide as high, like the page.
    const area = boxes.reduce((a, b) => a + (b.width + NODE_GAP) * (b.height + NODE_GAP), 0);
    L.rowLimit = Math.max(MIN_ROW_WIDTH, Math.sqrt(area * 2.2));
  }
  for (const { n, grid, leaf, cols, width, height } of boxes) {
    if (L.cursor.x > 0 && L.cursor.x + width > L.rowLimit) {
      L.cursor.x = 0;
      L.cursor.y += L.rowHeight + NODE_GAP;
      L.rowHeight = 0;
    }
    L.origins.set(n.id, { x: L.cursor.x, y: L.cursor.y, cols, dx: grid.dx, dy: grid.dy, header: grid.header, podOffset: grid.podOffset, nextSlot: 0, nextDevice: 0 });
    if (leaf) L.positions.set(n.id, { x: L.cursor.x + width / 2, y: L.cursor.y + height / 2 });
    L.cursor.x += width + NODE_GAP;
    L.rowHeight = Math.max(L.rowHeight, height);
  }
  const positions = new Map();
  for (const [parent, children] of byParent) {
    const o = L.origins.get(parent);
    if (!o) continue;
    children.sort((a, b) => (DEVICE_ORDER[a.kind] ?? 9) - (DEVICE_ORDER[b.kind] ?? 9) || byId(a, b));
    for (const c of children) {
      if (L.positions.has(c.id) || c.kind === 'veth') continue;
      if (c.kind in DEVICE_ORDER) {
        L.positions.set(c.id, { x: o.x + (o.nextDevice++) * DEVICE_DX, y: o.y });
      } else {
        const slot = L.podSlots.get(c.id) ?? o.nextSlot++;
        L.podSlots.set(c.id, slot);
        const p = slotPosition(o, slot);
        L.positions.set(c.id, { x: p.x, y: p.y + o.podOffset });
        const vethId = c.kind === 'pod' ? `veth/${c.id.slice(4)}` : null;
        if (vethId) L.positions.set(vethId, p);
      }
    }
    for (const c of children) {
      if (!L.positions.has(c.id)) {
        // A veth whose pod is not drawn (filtered): a slot of its own.
        const slot = o.nextSlot++;
        L.positions.set(c.id, slotPosition(o, slot));
      }
    }
  }
  // Top-level elements: segments above the node grid, Services, groups and orphans to its right.
  for (const m of [...visible.nodes.values()].filter(m => !m.parent && !isBox(m)).sort(byId)) {
    if (L.positions.has(m.id)) continue;
    if (m.kind === 'segment') {
      L.positions.set(m.id, { x: (L.segments++) * 260, y: -140 });
    } else {
      // Services (and pods without a node) in columns right of the node grid, 12 to a column.
      const i = L.bottomCount++;
      L.positions.set(m.id, { x: (L.rowLimit ?? MIN_ROW_WIDTH) + NODE_GAP + Math.floor(i / 12) * 170, y: (i % 12) * 80 });
    }
  }
  for (const id of visible.nodes.keys()) positions.set(id, L.positions.get(id));
  return positions;
}

function freshLayout() {
  return { origins: new Map(), positions: new Map(), podSlots: new Map(), cursor: { x: 0, y: 0 }, rowHeight: 0, segments: 0, bottomCount: 0 };
}

// ---- cytoscape sync ----------------------------------------------------------------------------------------
function cyNode(m, pos) {
  const data = { id: m.id, kind: m.kind, label: m.label, node: m.node, namespace: m.namespace };
  if (m.parent) data.parent = m.parent;
  if ((m.kind === 'pod' && m.data?.ready === 'false') || (m.kind === 'node' && m.data?.ready === 'false') || Number(m.data?.notReady ?? 0) > 0) data.notReady = true;
  if (m.data?.collapsed === 'true') data.collapsed = true;
  if (Number(m.data?.warnings ?? 0) > 0) data.warnings = true;
  // The full name for hover and the screen reader (labels are shortened to their box).
  data.full = m.namespace && (m.kind === 'pod' || m.kind === 'hostpod') ? `${m.namespace}/${m.label}` : String(m.label ?? '').replace(/\n/g, ' · ');
  return { group: 'nodes', data, position: pos ? { x: pos.x, y: pos.y } : undefined };
}

function cyEdge(e) {
  return { group: 'edges', data: { id: e.id, kind: e.kind, source: e.source, target: e.target, label: e.label } };
}

// Brings cytoscape to the visible set: adds, removes, updates data; positions of existing elements are untouched.
function sync(state) {
  const cy = state.cy;
  const t0 = now();
  const visible = visibleSet(state);
  const positions = place(state, visible);
  const t1 = now();
  let added = 0, removed = 0, changed = 0;
  cy.batch(() => {
    cy.edges().forEach(e => { if (!visible.edges.has(e.id())) { e.remove(); removed++; } });
    const toRemove = cy.nodes().filter(n => !visible.nodes.has(n.id()));
    // Children first: removing a compound parent would take its children with it.
    toRemove.filter(n => !n.isParent()).remove();
    removed += toRemove.length;
    cy.nodes().filter(n => !visible.nodes.has(n.id())).remove();
    const parentsFirst = [...visible.nodes.values()].sort((a, b) => (a.parent ? 1 : 0) - (b.parent ? 1 : 0));
    const newNodes = [];
    for (const m of parentsFirst) {
      const existing = cy.getElementById(m.id);
      if (existing.nonempty()) {
        const fresh = cyNode(m).data;
        const old = existing.data();
        if (old.label !== fresh.label || old.kind !== fresh.kind || !!old.notReady !== !!fresh.notReady || !!old.warnings !== !!fresh.warnings
            || !!old.collapsed !== !!fresh.collapsed || (old.parent ?? null) !== (fresh.parent ?? null)) {
          if ((old.parent ?? null) !== (fresh.parent ?? null)) existing.move({ parent: fresh.parent ?? null });
          existing.data({ label: fresh.label, kind: fresh.kind, notReady: fresh.notReady ?? false, warnings: fresh.warnings ?? false,
                          collapsed: fresh.collapsed ?? false, full: fresh.full });
          changed++;
        }
      } else {
        newNodes.push(cyNode(m, positions.get(m.id)));
      }
    }
    if (newNodes.length) { cy.add(newNodes); added += newNodes.length; }
    const newEdges = [];
    for (const e of visible.edges.values()) {
      const existing = cy.getElementById(e.id);
      if (existing.nonempty()) {
        if (existing.data('label') !== e.label) { existing.data('label', e.label); changed++; }
      } else {
        newEdges.push(cyEdge(e));
      }
    }
    if (newEdges.length) { cy.add(newEdges); added += newEdges.length; }
  });
  const t2 = now();
  applyPathClasses(state);
  applyOverlayClasses(state);
  mirror(state);
  state.element.dataset.syncSteps = `model ${Math.round(t1 - t0)} cy ${Math.round(t2 - t1)} classes+mirror ${Math.round(now() - t2)}`;
  return { added, removed, changed };
}

function mirror(state) {
  const el = state.element;
  const cy = state.cy;
  const pods = cy.nodes('[kind = "pod"], [kind = "hostpod"]');
  el.dataset.version = String(state.version ?? 0);
  el.dataset.elementCount = String(cy.nodes().length);
  el.dataset.edgeCount = String(cy.edges().length);
  el.dataset.nodeCount = String(cy.nodes('[kind = "node"]').length);
  el.dataset.podCount = String(pods.length);
  el.dataset.modelPodCount = String([...state.model.values()].filter(m => m.kind === 'pod' || m.kind === 'hostpod').length);
  el.dataset.aggregateCount = String(cy.nodes('[kind = "aggregate"]').length);
  el.dataset.vethsFolded = String(state.vethsFolded);
  el.dataset.nodeIds = cy.nodes('[kind = "node"]').map(n => n.id()).sort().join(' ');
  el.dataset.podIds = pods.map(n => n.id()).sort().join(' ');
  el.dataset.selected = state.selected ?? '';
  el.dataset.level = state.level ?? '';
  el.dataset.groupCount = String(cy.nodes('[kind = "group"]').length);
  el.dataset.collapsedCount = String(cy.nodes('[?collapsed]').length);
  el.dataset.highlighted = [...state.path].sort().join(' ');
  el.dataset.ready = 'true';
}

function applyPathClasses(state) {
  const cy = state.cy;
  // Touch only elements whose classes change: a class change restyles the element and dirties its ancestors, which on
  // thousands of elements was most of the first paint.
  const marked = cy.$('.path, .faded');
  if (state.path.size === 0 && marked.empty()) return;
  cy.batch(() => {
    marked.removeClass('path faded');
    if (state.path.size === 0) return;
    cy.elements().addClass('faded');
    for (const id of state.path) {
      const e = cy.getElementById(id);
      if (e.nonempty()) { e.removeClass('faded').addClass('path'); e.ancestors().removeClass('faded'); }
    }
  });
}

const OVERLAY_CLASSES = ['ov-origin', 'ov-allowed', 'ov-denied', 'ov-depends'];

// Brings the overlay classes of drawn elements to state.overlay; also after deltas and unfolding, which add elements.
function applyOverlayClasses(state) {
  const cy = state.cy;
  const marked = cy.nodes('.ov-origin, .ov-allowed, .ov-denied, .ov-depends');
  const map = state.overlay;
  if (!map && marked.empty() && cy.nodes('.ov-agg').empty()) { mirrorOverlay(state); return; }
  cy.batch(() => {
    marked.forEach(n => {
      const want = map?.get(n.id());
      for (const c of OVERLAY_CLASSES) if (c !== `ov-${want}` && n.hasClass(c)) n.removeClass(c);
    });
    if (map) {
      for (const [id, s] of map) {
        const n = cy.getElementById(id);
        if (n.nonempty() && !n.hasClass(`ov-${s}`)) n.addClass(`ov-${s}`);
      }
    }
    // A folded node's pods are not drawn: its aggregate box states their counts instead.
    cy.nodes('[kind = "aggregate"]').forEach(a => {
      if (!map) { if (a.hasClass('ov-agg')) a.removeClass('ov-agg'); return; }
      const c = { allowed: 0, denied: 0, depends: 0, origin: 0 };
      for (const m of state.model.values()) {
        if (m.kind === 'pod' && m.parent === a.data('parent')) { const s = map.get(m.id); if (s) c[s]++; }
      }
      const label = `${a.data('label')}\n✓ ${c.allowed}  ✗ ${c.denied}  ~ ${c.depends}${c.origin ? '  ◎' : ''}`;
      if (a.data('ovLabel') !== label) a.data('ovLabel', label);
      if (!a.hasClass('ov-agg')) a.addClass('ov-agg');
    });
  });
  mirrorOverlay(state);
}

// Counts of the overlay's map (every pod, drawn or folded) and of drawn elements per state, for tests.
function mirrorOverlay(state) {
  const ds = state.element.dataset;
  const map = state.overlay;
  if (!map) {
    for (const k of ['overlay', 'overlayAllowed', 'overlayDenied', 'overlayDepends', 'overlayOrigin', 'overlayDeniedIds', 'overlayDrawn']) delete ds[k];
    return;
  }
  const counts = { origin: 0, allowed: 0, denied: 0, depends: 0 };
  const denied = [];
  for (const [id, s] of map) { counts[s] = (counts[s] ?? 0) + 1; if (s === 'denied') denied.push(id); }
  ds.overlay = 'on';
  ds.overlayAllowed = String(counts.allowed);
  ds.overlayDenied = String(counts.denied);
  ds.overlayDepends = String(counts.depends);
  ds.overlayOrigin = [...map].find(([, s]) => s === 'origin')?.[0] ?? '';
  ds.overlayDeniedIds = denied.sort().join(' ');
  ds.overlayDrawn = String(state.cy.nodes('.ov-origin, .ov-allowed, .ov-denied, .ov-depends').length);
}

// ---- keyboard ----------------------------------------------------------------------------------------------
function describe(state, id) {
  const m = state.model.get(id);
  const cy = state.cy;
  const ele = cy.getElementById(id);
  if (!m) return ele.nonempty() ? String(ele.data('label') ?? id).replace(/\n/g, ' ') : id;
  const kind = { hostpod: 'hostNetwork pod', ipvs: 'kube-ipvs0', aggregate: 'folded pods' }[m.kind] ?? m.kind;
  const where = m.node && m.kind !== 'node' ? ` on ${m.node}` : '';
  return `${kind} ${m.namespace ? `${m.namespace}/` : ''}${m.label}${where}`;
}

function announce(state, text) {
  const live = state.live;
  if (live) live.textContent = text;
}

function focusable(state) {
  return state.cy.nodes().filter(n => !n.isParent() || n.data('kind') === 'node');
}

function setFocus(state, ele) {
  state.cy.$('.kbd-focus').removeClass('kbd-focus');
  state.focused = ele?.nonempty() ? ele.id() : null;
  if (!state.focused) return;
  ele.addClass('kbd-focus');
  const ext = state.cy.extent();
  const p = ele.position();
  if (p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2) state.cy.center(ele);
  state.element.dataset.focused = state.focused;
  announce(state, `${describe(state, state.focused)}. Enter selects.`);
}

// The nearest element in the arrow's direction (within a 60° cone, distance weighted against the off-axis part).
function nearest(state, from, dx, dy) {
  const p = from.position();
  let best = null, bestScore = Infinity;
  focusable(state).forEach(n => {
    if (n.id() === from.id()) return;
    const q = n.position();
    const vx = q.x - p.x, vy = q.y - p.y;
    const along = vx * dx + vy * dy;
    if (along <= 0) return;
    const across = Math.abs(vx * dy - vy * dx);
    if (across > along * 1.8) return;
    const score = along + across * 2;
    if (score < bestScore) { bestScore = score; best = n; }
  });
  return best;
}

function onKeyDown(state, evt) {
  const dirs = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
  const cy = state.cy;
  let current = state.focused ? cy.getElementById(state.focused) : null;
  if (evt.key in dirs) {
    evt.preventDefault();
    if (!current || current.empty()) {
      current = (state.selected && cy.getElementById(state.selected).nonempty()) ? cy.getElementById(state.selected)
        : focusable(state).sort((a, b) => a.position('y') - b.position('y') || a.position('x') - b.position('x'))[0];
      setFocus(state, current);
      return;
    }
    const next = nearest(state, current, ...dirs[evt.key]);
    if (next) setFocus(state, next);
  } else if ((evt.key === 'Enter' || evt.key === ' ') && current?.nonempty()) {
    evt.preventDefault();
    activate(state, current, true);
  }
}

// What a tap does: unfold an aggregate, or select an element (and tell .NET).
function activate(state, target, viaKeyboard = false) {
  const kind = target.data('kind');
  if (kind === 'group' || kind === 'zone' || (viaKeyboard && target.data('collapsed'))) {
    // Counted boxes stand for many elements: there is nothing to show in the panel, so they open (double-click, Enter).
    if (viaKeyboard) open(state, target);
    else announce(state, `${target.data('full') ?? target.id()}: double-click to open`);
    return;
  }
  if (kind === 'aggregate') {
    state.expanded.add(target.data('parent'));
    sync(state);
    announce(state, `${target.data('count') ?? ''} pods unfolded`);
    return;
  }
  if (target.isParent() && target.data('kind') !== 'node') return;
  const id = target.id();
  state.selected = id;
  state.tapped = id;
  mirror(state);
  announce(state, `Selected ${describe(state, id)}`);
  state.dotNetRef.invokeMethodAsync('OnElementClicked', id).catch(() => { /* circuit gone */ });
}

// Opens the level an element stands for (a node, a counted group, a pod's focus): the page decides, in Core.
function open(state, target) {
  announce(state, `Opening ${target.data('full') ?? target.id()}`);
  state.dotNetRef.invokeMethodAsync('OnElementOpened', target.id()).catch(() => { /* circuit gone */ });
}

// Re-derives the label size from the zoom (see MIN_LABEL_PX); styles read state.fontScale.
// Restyling every element costs a frame or more: labels are restyled when they would drop below MIN_LABEL_PX, or are
// more than 15% larger than that needs (zoomed in), not on every small zoom step.
function applyFontScale(state) {
  const scale = fontScale(state.cy.zoom());
  if (scale <= state.fontScale + 0.005 && state.fontScale <= scale * 1.15) return;
  state.fontScale = scale;
  state.cy.style().update();
  state.element.dataset.fontScale = scale.toFixed(2);
}

function applyTheme(state) {
  state.palette = readPalette(state.element);
  state.cy.style(buildStyle(state.palette, state));
  state.element.dataset.graphTheme = state.palette.dark ? 'dark' : 'light';
}

// Canvas or WebGL: bench/topology-browser.sh measured both on the same full 10k-pod graph (README, Benchmarks ›
// Topology): WebGL drew it faster, pan/zoom was equally slow; levels keep ordinary pictures far below this size, where
// the canvas renderer's text is the known quantity. ?renderer=webgl|canvas overrides the choice for measurements.
const WEBGL_ABOVE_ELEMENTS = 5000;

function useWebgl(options) {
  const asked = options.renderer ?? new URLSearchParams(globalThis.location?.search ?? '').get('renderer');
  if (asked === 'webgl' || asked === 'canvas') return asked === 'webgl';
  return (options.elements?.length ?? 0) > WEBGL_ABOVE_ELEMENTS;
}

// ---- public API ---------------------------------------------------------------------------------------------
export async function initialize(element, dotNetRef, options) {
  dispose(element);
  // .NET sends the (large) element lists pre-serialized: one JSON.parse beats the interop serializer's walk.
  if (typeof options === 'string') options = JSON.parse(options);
  const started = now();
  performance.mark?.('cn-graph-initialize');
  const cytoscape = await loadCytoscapeCore();
  const tLoaded = now();
  const state = {
    element, dotNetRef, cy: null, model: new Map(), edges: new Map(), version: options.version ?? 0,
    aggregateAbove: options.aggregateAbove, foldVethsAbove: options.foldVethsAbove, vethsFolded: false,
    expanded: new Set(), filter: options.filter ?? null,
    selected: null, focused: null, path: new Set(), overlay: null, palette: null,
    live: options.liveRegionId ? document.getElementById(options.liveRegionId) : null,
    layout: freshLayout(), level: options.level ?? '', fontScale: 1,
    cleanup: [],
  };
  instances.set(element, state);
  for (const e of options.elements ?? []) state.model.set(e.id, toModel(e));
  for (const e of options.edges ?? []) state.edges.set(e.id, toEdge(e));
  state.palette = readPalette(element);
  const webgl = useWebgl(options);
  state.cy = cytoscape({
    container: element, style: buildStyle(state.palette, state), elements: [], minZoom: 0.05, maxZoom: 3,
    textureOnViewport: !webgl, hideEdgesOnViewport: !webgl, boxSelectionEnabled: false,
    ...(webgl ? { renderer: { name: 'canvas', webgl: true, webglBgColor: parseColor(state.palette.surface) ?? [255, 255, 255] } } : {}),
  });
  element.dataset.renderer = webgl ? 'webgl' : 'canvas';
  element.dataset.graphTheme = state.palette.dark ? 'dark' : 'light';
  state.cy.on('tap', 'node', (evt) => activate(state, evt.target));
  state.cy.on('dbltap', 'node', (evt) => {
    const t = evt.target;
    if (t.isParent() && t.data('kind') !== 'node') return;
    open(state, t);
  });
  // Full names on hover: labels are shortened to their box.
  state.cy.on('mouseover', 'node', (evt) => { element.title = evt.target.data('full') ?? ''; });
  state.cy.on('mouseout', 'node', () => { element.title = ''; });
  // Labels keep their on-screen size once a zoom settles (restyling during the gesture would cost frames).
  let zoomTimer = 0;
  state.cy.on('zoom', () => {
    clearTimeout(zoomTimer);
    zoomTimer = setTimeout(() => { if (instances.get(element) === state) applyFontScale(state); }, 150);
  });
  state.cleanup.push(() => clearTimeout(zoomTimer));
  state.cy.on('tap', (evt) => {
    if (evt.target === state.cy) {
      dotNetRef.invokeMethodAsync('OnBackgroundClicked').catch(() => { });
    }
  });
  const keydown = (evt) => onKeyDown(state, evt);
  element.addEventListener('keydown', keydown);
  state.cleanup.push(() => element.removeEventListener('keydown', keydown));
  // Follow the theme: MudBlazor rewrites its CSS variables when the layout's data-theme flips.
  const themed = element.parentElement?.closest('[data-theme]');
  if (themed) {
    const observer = new MutationObserver(() => applyTheme(state));
    observer.observe(themed, { attributes: true, attributeFilter: ['data-theme'] });
    state.cleanup.push(() => observer.disconnect());
  }
  // Keep the drawing the size of its container (a drawer opening over the page must not rescale it; a resize keeps
  // zoom and pan).
  if (typeof ResizeObserver !== 'undefined') {
    const resized = new ResizeObserver(() => state.cy?.resize());
    resized.observe(element);
    state.cleanup.push(() => resized.disconnect());
  }
  const tCreated = now();
  if (options.overlay) state.overlay = new Map(Object.entries(options.overlay));
  // The labels' size for the zoom the fit will choose, known before cytoscape styles anything: the fit then rarely
  // needs a second styling pass of every element (it did, and it was half of the first paint).
  state.fontScale = fontScale(estimatedFitZoom(state));
  element.dataset.fontScale = state.fontScale.toFixed(2);
  sync(state);
  const tSynced = now();
  fitReadable(state);
  if (options.selected) select(element, options.selected);
  if (options.path?.length) highlightPath(element, options.path);
  const tFitted = now();
  let tFrame = 0;
  await new Promise(r => requestAnimationFrame(() => { tFrame = now(); requestAnimationFrame(r); }));
  if (instances.get(element) !== state) return -1;
  const ms = Math.round(now() - started);
  element.dataset.firstRenderMs = String(ms);
  // Milliseconds since navigation start: the benchmark's "first meaningful paint".
  element.dataset.readyAt = String(Math.round(now()));
  element.dataset.firstRenderSteps = `load ${Math.round(tLoaded - started)} create ${Math.round(tCreated - tLoaded)} sync ${Math.round(tSynced - tCreated)} paint ${Math.round(now() - tSynced)} (${element.dataset.fitSteps}, first frame ${Math.round(tFrame - tFitted)}, second ${Math.round(now() - tFrame)})`;
  return ms;
}

export function update(element, delta) {
  const state = instances.get(element);
  if (!state) return -1;
  const started = now();
  if (typeof delta === 'string') delta = JSON.parse(delta);
  for (const id of delta.removedEdges ?? []) state.edges.delete(id);
  for (const id of delta.removed ?? []) { state.model.delete(id); if (state.selected === id) state.selected = null; }
  for (const e of delta.added ?? []) state.model.set(e.id, toModel(e));
  for (const e of delta.changed ?? []) {
    const old = state.model.get(e.id);
    if (old && (old.parent ?? null) !== (e.parent ?? null)) {
      // A pod recreated on another node keeps its id: give it a slot in its new box instead of stretching the old one.
      state.layout.positions.delete(e.id);
      state.layout.podSlots.delete(e.id);
      state.cy.getElementById(e.id).remove();
    }
    state.model.set(e.id, toModel(e));
  }
  for (const e of delta.addedEdges ?? []) state.edges.set(e.id, toEdge(e));
  for (const e of delta.changedEdges ?? []) state.edges.set(e.id, toEdge(e));
  if (delta.version !== undefined) state.version = delta.version;
  const relevel = delta.level !== undefined && delta.level !== state.level;
  if (relevel) {
    // Another level is another picture: lay it out afresh and fit it; within a level deltas keep every position.
    state.level = delta.level;
    state.layout = freshLayout();
    state.expanded.clear();
    state.cy.elements().remove();
    state.fontScale = fontScale(estimatedFitZoom(state));
    state.element.dataset.fontScale = state.fontScale.toFixed(2);
  }
  const counts = sync(state);
  if (relevel) fitReadable(state);
  const ms = now() - started;
  state.element.dataset.lastUpdateMs = ms.toFixed(1);
  state.element.dataset.lastUpdateCounts = `${counts.added}/${counts.removed}/${counts.changed}`;
  return ms;
}

/// Selects an element. A selection made on the graph (a tap) leaves the viewport alone; one made elsewhere (global
/// search, a link) unfolds the element's node if needed and centres it.
export function select(element, id) {
  const state = instances.get(element);
  if (!state) return;
  const cy = state.cy;
  // The graph told .NET about this selection itself (a tap or Enter): the user is looking at it already.
  const fromTap = !!id && state.tapped === id;
  state.tapped = null;
  cy.elements(':selected').unselect();
  state.selected = id || null;
  if (id) {
    let ele = cy.getElementById(id);
    if (ele.empty()) {
      // A folded pod: unfold its node so the selection can be shown.
      const m = state.model.get(id);
      if (m?.parent) { state.expanded.add(m.parent); sync(state); ele = cy.getElementById(id); }
    }
    if (ele.nonempty()) {
      ele.select();
      if (!fromTap) {
        cy.center(ele);
        announce(state, `Selected ${describe(state, id)}`);
      }
    }
  }
  mirror(state);
}

export function highlightPath(element, ids) {
  const state = instances.get(element);
  if (!state) return;
  state.path = new Set(ids ?? []);
  for (const id of state.path) {
    const m = state.model.get(id);
    if (m?.parent && state.cy.getElementById(id).empty()) state.expanded.add(m.parent);
  }
  if ([...state.path].some(id => state.cy.getElementById(id).empty())) sync(state);
  applyPathClasses(state);
  mirror(state);
}

export function setFilter(element, filter) {
  const state = instances.get(element);
  if (!state) return;
  state.filter = filter && (filter.namespace || filter.label || filter.node || filter.text) ? filter : null;
  sync(state);
}

/// Colours pods by reachability: map is {elementId: 'origin'|'allowed'|'denied'|'depends'} (a JSON string or object).
export function overlay(element, map) {
  const state = instances.get(element);
  if (!state) return;
  if (typeof map === 'string') map = JSON.parse(map);
  state.overlay = map ? new Map(Object.entries(map)) : null;
  applyOverlayClasses(state);
}

export function clearOverlay(element) {
  const state = instances.get(element);
  if (!state) return;
  state.overlay = null;
  applyOverlayClasses(state);
}

/// Re-reads the theme's colours (the page calls it after a theme change it knows of; the observer covers the rest).
export function refreshTheme(element) {
  const state = instances.get(element);
  if (state) applyTheme(state);
}

// The zoom cy.fit(30) will choose, from the preset layout's positions and box sizes, erring low (compound boxes' padding
// and titles added generously): a low estimate makes labels a little larger than needed, never smaller.
function estimatedFitZoom(state) {
  const visible = visibleSet(state);
  const positions = place(state, visible);
  const parents = new Set([...visible.nodes.values()].map(m => m.parent).filter(Boolean));
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const m of visible.nodes.values()) {
    const p = positions.get(m.id);
    if (!p || parents.has(m.id)) continue;
    const [w, h] = m.kind === 'node' && m.data?.collapsed === 'true' ? SIZES.collapsed : SIZES[m.kind] ?? SIZES.default;
    x1 = Math.min(x1, p.x - w / 2); x2 = Math.max(x2, p.x + w / 2);
    y1 = Math.min(y1, p.y - h / 2); y2 = Math.max(y2, p.y + h / 2);
  }
  if (x1 === Infinity) return 1;
  const margin = parents.size ? 60 : 0;
  const width = state.element.clientWidth || 1200, height = state.element.clientHeight || 800;
  const zoom = Math.min((width - 60) / (x2 - x1 + 2 * margin), (height - 60) / (y2 - y1 + 3 * margin));
  return Math.max(0.05, Math.min(3, zoom));
}

function fitReadable(state) {
  const t0 = now();
  state.cy.fit(undefined, 30);
  const t1 = now();
  const before = state.fontScale;
  applyFontScale(state);
  state.element.dataset.fitSteps = `fit ${Math.round(t1 - t0)} restyle ${state.fontScale === before ? 'none' : Math.round(now() - t1)}`;
}

export function fit(element) { const state = instances.get(element); if (state) fitReadable(state); }

// fcose on demand (loaded on the first use): the preset layout is deterministic, this one is prettier for small clusters.
export async function relayout(element) {
  const state = instances.get(element);
  if (!state) return;
  await loadCytoscape();
  if (instances.get(element) !== state) return;
  state.cy.layout({ name: 'fcose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true, packComponents: true }).run();
}

export function exportPng(element, fileName) {
  const state = instances.get(element);
  if (!state) return;
  const uri = state.cy.png({ full: true, scale: 2, bg: state.palette?.surface ?? '#ffffff', maxWidth: 8000, maxHeight: 8000 });
  const a = document.createElement('a');
  a.href = uri;
  a.download = fileName || 'topology.png';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function dispose(element) {
  const state = instances.get(element);
  if (!state) return;
  instances.delete(element);
  for (const undo of state.cleanup) { try { undo(); } catch { /* already gone */ } }
  try { state.cy.destroy(); } catch { /* already gone */ }
  if (state.element) state.element.dataset.ready = 'false';
}

// ---- test helpers: the canvas has no DOM to query (container last, default: the page's graph) ------------------
/// Overlay classes of the given elements.
export function overlayClassesOf(ids, element) {
  const state = instanceOf(element);
  if (!state) return {};
  const out = {};
  for (const id of ids) {
    const e = state.cy.getElementById(id);
    out[id] = e.nonempty() ? OVERLAY_CLASSES.filter(c => e.hasClass(c)).join(' ') : null;
  }
  return out;
}

/// The overlay labels of the aggregate (folded node) boxes, sorted.
export function aggregateOverlayLabels(element) {
  const state = instanceOf(element);
  if (!state) return [];
  return state.cy.nodes('[kind = "aggregate"].ov-agg').map(a => a.data('ovLabel')).sort();
}

/// Rendered positions of elements (tests check that a delta does not move untouched elements).
export function positionsOf(ids, element) {
  const state = instanceOf(element);
  if (!state) return {};
  const out = {};
  for (const id of ids) {
    const e = state.cy.getElementById(id);
    if (e.nonempty()) out[id] = { x: Math.round(e.position('x')), y: Math.round(e.position('y')) };
  }
  return out;
}

/// Where an element is on screen (client coordinates), so browser tests can click it on the canvas.
export function clientPositionOf(id, element) {
  const state = instanceOf(element);
  if (!state) return null;
  const e = state.cy.getElementById(id);
  if (e.empty()) return null;
  const box = state.element.getBoundingClientRect();
  const p = e.renderedPosition();
  return { x: box.left + p.x, y: box.top + p.y };
}

/// The fill and text colour of an element as drawn (tests check that the graph follows the theme).
export function colorsOf(id, element) {
  const state = instanceOf(element);
  const e = state?.cy.getElementById(id);
  if (!e || e.empty()) return null;
  return { background: e.style('background-color'), text: e.style('color'), theme: state.palette?.dark ? 'dark' : 'light' };
}

/// The counted boxes drawn: [{id, count}] (count from the server's level).
export function drawnGroups(element) {
  const state = instanceOf(element);
  if (!state) return [];
  return state.cy.nodes('[kind = "group"]').map(n => ({ id: n.id(), count: Number(state.model.get(n.id())?.data?.count ?? 0) }));
}

export function viewport(element) {
  const state = instanceOf(element);
  if (!state) return null;
  return { zoom: state.cy.zoom(), pan: state.cy.pan() };
}

/// What a reader sees at the current zoom: the smallest label drawn (px on screen), labels hidden because they would be
/// smaller than 11 px (by kind), and pairs of leaf elements whose boxes (with labels) overlap on screen.
export function readability(element) {
  const state = instanceOf(element);
  if (!state) return null;
  const cy = state.cy;
  const zoom = cy.zoom();
  let minPx = Infinity;
  const hidden = {};
  const boxes = [];
  cy.nodes().forEach(n => {
    const label = n.pstyle('label').strValue;
    if (!n.isParent()) {
      const b = n.renderedBoundingBox({ includeLabels: true, includeOverlays: false });
      boxes.push({ id: n.id(), x1: b.x1, x2: b.x2, y1: b.y1, y2: b.y2 });
    }
    if (!label) return;
    const px = n.pstyle('font-size').pfValue * zoom;
    if (px < n.pstyle('min-zoomed-font-size').pfValue) { hidden[n.data('kind')] = (hidden[n.data('kind')] ?? 0) + 1; return; }
    minPx = Math.min(minPx, px);
  });
  const overlaps = [];
  boxes.sort((a, b) => a.x1 - b.x1);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j].x1 < boxes[i].x2; j++) {
      const a = boxes[i], b = boxes[j];
      // Half a pixel of tolerance: anti-aliased borders of neighbours may touch.
      if (Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 0.5 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 0.5) overlaps.push([a.id, b.id]);
    }
  }
  return { zoom, minFontPx: minPx === Infinity ? null : minPx, hidden, overlaps, leaves: boxes.length };
}

/// Where the time before the first paint went, in ms since navigation start (Navigation and Resource Timing): the page's
/// HTML, the scripts, the circuit's start (Blazor's first requests), the graph module and cytoscape fetched, the widget
/// called and ready. For bench/topology-browser.sh.
export function bootTimeline(element) {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const first = (part) => resources.find(r => part instanceof RegExp ? part.test(r.name) : r.name.includes(part));
  const r = (x) => x === undefined ? null : Math.round(x);
  const graph = element ?? document.querySelector('[data-testid=topology-graph]');
  const entry = (part) => { const e = first(part); return e ? { start: r(e.startTime), end: r(e.responseEnd) } : null; };
  return {
    htmlFirstByte: r(nav?.responseStart), htmlDone: r(nav?.responseEnd), domContentLoaded: r(nav?.domContentLoadedEventEnd),
    // Fingerprinted names (MapStaticAssets): MudBlazor.min.<hash>.js, blazor.web.<hash>.js.
    mudblazorJs: entry(/MudBlazor\.min\.([^/]*\.)?js$/), blazorJs: entry(/blazor\.web\.([^/]*\.)?js$/),
    circuitNegotiate: entry('_blazor/negotiate'), graphModule: entry('/js/topology-graph.js'), cytoscape: entry('cytoscape.esm.min.mjs'),
    fcose: entry('cytoscape-fcose.js'),
    widgetCalled: r(performance.getEntriesByName('cn-graph-initialize')[0]?.startTime),
    ready: graph?.dataset.readyAt ? Number(graph.dataset.readyAt) : null,
  };
}

/// Pans and zooms the graph a little every animation frame for `ms` milliseconds and reports the frame rate the page
/// kept (requestAnimationFrame trace): {fps, frames, p95FrameMs, worstFrameMs}.
export function panZoomTrace(ms, element) {
  const state = instanceOf(element);
  if (!state) return Promise.resolve(null);
  const cy = state.cy;
  const start = cy.zoom();
  const times = [];
  return new Promise(resolve => {
    const t0 = performance.now();
    let last = t0;
    const step = (t) => {
      times.push(t - last);
      last = t;
      const k = times.length;
      cy.panBy({ x: k % 120 < 60 ? 6 : -6, y: k % 80 < 40 ? 3 : -3 });
      cy.zoom({ level: start * (1 + 0.25 * Math.sin(k / 20)), renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      if (t - t0 < ms) requestAnimationFrame(step);
      else {
        const sorted = times.slice(1).sort((a, b) => a - b);
        resolve({ fps: (times.length - 1) / ((t - t0) / 1000), frames: times.length - 1,
                  p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0, worstFrameMs: sorted[sorted.length - 1] ?? 0 });
      }
    };
    requestAnimationFrame(step);
  });
}
