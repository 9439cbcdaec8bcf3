// The topology graph widget: one Cytoscape instance drawn from the server's topology elements and kept live by deltas.
// Used by src/ClusterNet.Web/Components/Topology/TopologyGraphView.razor through IJSObjectReference.
//   initialize(element, dotNetRef, options)  first render (options.elements/edges, aggregateAbove, filter)
//   update(delta)                            {added, removed, changed, addedEdges, removedEdges, changedEdges, version}
//   select(id) / highlightPath(ids) / setFilter(filter) / fit() / relayout() / exportPng(fileName) / dispose()
//   overlay(map) / clearOverlay()            reachability overlay: {elementId: 'origin'|'allowed'|'denied'|'depends'}
// Layout is our own deterministic "whiteboard" preset (node boxes in a grid, devices on top, veth/pod pairs below), so
// a delta places new elements in free slots and never moves what is already drawn; fcose is there on demand (relayout).
// Cytoscape draws on a canvas, so counts and ids are mirrored into data-* attributes of the container for tests.
import { loadCytoscape } from './cytoscape-loader.js';

const POD_DX = 120, POD_DY = 110, HEADER_DY = 80, DEVICE_DX = 150, NODE_GAP = 110, MIN_ROW_WIDTH = 1300;

let state = null;

const style = [
  { selector: 'node', style: {
    'label': 'data(label)', 'font-size': 10, 'text-valign': 'center', 'text-halign': 'center', 'text-wrap': 'none',
    'min-zoomed-font-size': 5, 'width': 100, 'height': 34, 'shape': 'round-rectangle',
    'background-color': '#e8eef7', 'border-width': 1, 'border-color': '#7a8ca8', 'color': '#1d2633' } },
  { selector: 'node:parent', style: {
    'text-valign': 'top', 'text-halign': 'center', 'font-size': 14, 'font-weight': 'bold', 'background-color': '#f7f9fc',
    'background-opacity': 0.9, 'border-color': '#3f5a84', 'border-width': 2, 'padding': 24, 'shape': 'round-rectangle',
    // Bounds from children only: measuring thousands of labels for the boxes made the first paint seconds slower.
    'compound-sizing-wrt-labels': 'exclude' } },
  { selector: 'node[kind = "nic"]', style: { 'background-color': '#ffe2b8', 'border-color': '#b7791f', 'width': 130 } },
  { selector: 'node[kind = "bridge"]', style: { 'background-color': '#c8f0d8', 'border-color': '#2f855a', 'width': 130 } },
  { selector: 'node[kind = "tunnel"]', style: { 'background-color': '#d9d4fb', 'border-color': '#5a46c2', 'width': 140 } },
  { selector: 'node[kind = "ipvs"]', style: { 'background-color': '#fde2e4', 'border-color': '#b83245', 'width': 130 } },
  { selector: 'node[kind = "veth"]', style: { 'shape': 'tag', 'height': 22, 'width': 96, 'font-size': 8, 'background-color': '#eef2f6' } },
  { selector: 'node[kind = "pod"]', style: { 'shape': 'ellipse', 'background-color': '#bfdbfe', 'border-color': '#1e5fae', 'width': 104, 'height': 40 } },
  { selector: 'node[kind = "hostpod"]', style: { 'shape': 'ellipse', 'background-color': '#fef3c7', 'border-color': '#b7791f', 'width': 110, 'height': 40 } },
  { selector: 'node[kind = "service"]', style: { 'shape': 'diamond', 'background-color': '#e9d8fd', 'border-color': '#6b46c1', 'width': 120, 'height': 56 } },
  { selector: 'node[kind = "segment"]', style: { 'shape': 'hexagon', 'background-color': '#fff7e6', 'border-color': '#975a16', 'width': 200, 'height': 44 } },
  { selector: 'node[kind = "aggregate"]', style: { 'text-wrap': 'wrap', 'shape': 'round-rectangle', 'background-color': '#dbeafe', 'border-style': 'dashed', 'width': 150, 'height': 50 } },
  { selector: 'node[?notReady]', style: { 'border-color': '#c53030', 'border-width': 2, 'border-style': 'dashed' } },
  { selector: 'edge', style: {
    'width': 1.2, 'line-color': '#9aa9bd', 'curve-style': 'straight', 'font-size': 9, 'min-zoomed-font-size': 6,
    'text-background-color': '#ffffff', 'text-background-opacity': 0.8, 'text-background-padding': 1 } },
  { selector: 'edge[kind = "tunnel"]', style: { 'line-style': 'dashed', 'line-color': '#5a46c2', 'width': 2, 'label': 'data(label)' } },
  { selector: 'edge[kind = "direct-route"]', style: { 'line-color': '#2f855a', 'width': 2, 'label': 'data(label)' } },
  { selector: 'edge[kind = "bgp"]', style: { 'line-style': 'dotted', 'line-color': '#975a16' } },
  { selector: 'edge[kind = "endpoint"]', style: { 'line-color': '#b794f4', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#b794f4', 'arrow-scale': 0.7 } },
  { selector: 'edge[kind = "encap"]', style: { 'line-color': '#5a46c2', 'label': 'data(label)' } },
  { selector: 'edge[kind = "underlay"]', style: { 'line-color': '#b7791f' } },
  { selector: ':selected', style: { 'border-width': 4, 'border-color': '#dd6b20', 'line-color': '#dd6b20' } },
  // Reachability overlay: colour plus a text mark after the label (colour is never the only carrier).
  { selector: 'node.ov-allowed', style: { 'background-color': '#c6f6d5', 'border-color': '#276749', 'border-width': 2, 'label': ele => `✓ ${ele.data('label')}` } },
  { selector: 'node.ov-denied', style: { 'background-color': '#fed7d7', 'border-color': '#c53030', 'border-width': 3, 'border-style': 'double', 'label': ele => `✗ ${ele.data('label')}` } },
  { selector: 'node.ov-depends', style: { 'background-color': '#fefcbf', 'border-color': '#b7791f', 'border-width': 2, 'border-style': 'dashed', 'label': ele => `~ ${ele.data('label')}` } },
  { selector: 'node.ov-origin', style: { 'background-color': '#bee3f8', 'border-color': '#2b6cb0', 'border-width': 4, 'label': ele => `◎ ${ele.data('label')}` } },
  { selector: 'node.ov-agg', style: { 'label': 'data(ovLabel)', 'height': 64 } },
  { selector: '.faded', style: { 'opacity': 0.18 } },
  { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#e53e3e', 'opacity': 1 } },
  { selector: 'edge.path', style: { 'width': 5, 'line-color': '#e53e3e', 'opacity': 1, 'z-index': 99, 'label': 'data(label)' } },
];

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

function matchesFilter(m, f) {
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
function visibleSet() {
  const f = state.filter;
  const podsPerNode = new Map();
  for (const m of state.model.values()) {
    if (m.kind === 'pod' && m.parent) podsPerNode.set(m.parent, (podsPerNode.get(m.parent) ?? 0) + 1);
  }
  const aggregated = new Set();
  for (const [parent, count] of podsPerNode) {
    if (count > state.aggregateAbove && !state.expanded.has(parent)) aggregated.add(parent);
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
    if (!matchesFilter(m, f)) continue;
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

function slotPosition(origin, slot, cols) {
  const col = slot % cols, row = Math.floor(slot / cols);
  return { x: origin.x + col * POD_DX, y: origin.y + HEADER_DY + row * POD_DY };
}

function nodeColumns(podCount) { return Math.max(3, Math.min(10, Math.ceil(Math.sqrt(Math.max(podCount, 1) * 1.5)))); }

// Gives every cluster node an origin and every pod a slot the first time they are seen; never reassigns.
function place(visible) {
  const L = state.layout;
  const byParent = new Map();
  for (const m of visible.nodes.values()) {
    if (m.parent) {
      if (!byParent.has(m.parent)) byParent.set(m.parent, []);
      byParent.get(m.parent).push(m);
    }
  }
  const clusterNodes = [...visible.nodes.values()].filter(m => m.kind === 'node' && !L.origins.has(m.id)).sort((a, b) => a.id.localeCompare(b.id));
  const modelPods = new Map();
  const modelDevices = new Map();
  if (clusterNodes.length) {
    for (const m of state.model.values()) {
      if (!m.parent) continue;
      if (m.kind === 'pod' || m.kind === 'hostpod') modelPods.set(m.parent, (modelPods.get(m.parent) ?? 0) + 1);
      else if (m.kind in DEVICE_ORDER) modelDevices.set(m.parent, (modelDevices.get(m.parent) ?? 0) + 1);
    }
  }
  const boxes = clusterNodes.map(n => {
    // Room for every pod of the node (plus its aggregate box), so unfolding or filtering never needs a reflow.
    const pods = (modelPods.get(n.id) ?? 0) + 1;
    const cols = Math.max(nodeColumns(pods), Math.ceil((modelDevices.get(n.id) ?? 1) * DEVICE_DX / POD_DX));
    return { n, cols, width: cols * POD_DX, height: HEADER_DY + Math.ceil(pods / cols) * POD_DY };
  });
  if (L.rowLimit === undefined) {
    // Aim for a picture about twice as wide as high, like the page.
    const area = boxes.reduce((a, b) => a + (b.width + NODE_GAP) * (b.height + NODE_GAP), 0);
    L.rowLimit = Math.max(MIN_ROW_WIDTH, Math.sqrt(area * 2.2));
  }
  for (const { n, cols, width, height } of boxes) {
    if (L.cursor.x > 0 && L.cursor.x + width > L.rowLimit) {
      L.cursor.x = 0;
      L.cursor.y += L.rowHeight + NODE_GAP;
      L.rowHeight = 0;
    }
    L.origins.set(n.id, { x: L.cursor.x, y: L.cursor.y, cols, nextSlot: 0, nextDevice: 0 });
    L.cursor.x += width + NODE_GAP;
    L.rowHeight = Math.max(L.rowHeight, height);
  }
  const positions = new Map();
  for (const [parent, children] of byParent) {
    const o = L.origins.get(parent);
    if (!o) continue;
    children.sort((a, b) => (DEVICE_ORDER[a.kind] ?? 9) - (DEVICE_ORDER[b.kind] ?? 9) || a.id.localeCompare(b.id));
    for (const c of children) {
      if (L.positions.has(c.id)) continue;
      if (c.kind in DEVICE_ORDER) {
        L.positions.set(c.id, { x: o.x + (o.nextDevice++) * DEVICE_DX, y: o.y });
      } else if (c.kind === 'pod' || c.kind === 'hostpod' || c.kind === 'aggregate') {
        const slot = L.podSlots.get(c.id) ?? o.nextSlot++;
        L.podSlots.set(c.id, slot);
        const p = slotPosition(o, slot, o.cols);
        L.positions.set(c.id, { x: p.x, y: p.y + 40 });
        const vethId = c.kind === 'pod' ? `veth/${c.id.slice(4)}` : null;
        if (vethId) L.positions.set(vethId, p);
      }
    }
    for (const c of children) {
      if (!L.positions.has(c.id)) {
        const slot = o.nextSlot++;
        L.positions.set(c.id, slotPosition(o, slot, o.cols));
      }
    }
  }
  // Top-level elements: segments above the node grid, Services and orphans to its right.
  for (const m of [...visible.nodes.values()].filter(m => !m.parent && m.kind !== 'node').sort((a, b) => a.id.localeCompare(b.id))) {
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

// ---- cytoscape sync ----------------------------------------------------------------------------------------
function cyNode(m, pos) {
  const data = { id: m.id, kind: m.kind, label: m.label, node: m.node, namespace: m.namespace };
  if (m.parent) data.parent = m.parent;
  if ((m.kind === 'pod' && m.data?.ready === 'false') || (m.kind === 'node' && m.data?.ready === 'false')) data.notReady = true;
  return { group: 'nodes', data, position: pos ? { x: pos.x, y: pos.y } : undefined };
}

function cyEdge(e) {
  return { group: 'edges', data: { id: e.id, kind: e.kind, source: e.source, target: e.target, label: e.label } };
}

// Brings cytoscape to the visible set: adds, removes, updates data; positions of existing elements are untouched.
function sync() {
  const cy = state.cy;
  const t0 = now();
  const visible = visibleSet();
  const positions = place(visible);
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
        if (old.label !== fresh.label || old.kind !== fresh.kind || !!old.notReady !== !!fresh.notReady || (old.parent ?? null) !== (fresh.parent ?? null)) {
          if ((old.parent ?? null) !== (fresh.parent ?? null)) existing.move({ parent: fresh.parent ?? null });
          existing.data({ label: fresh.label, kind: fresh.kind, notReady: fresh.notReady ?? false });
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
  applyPathClasses();
  applyOverlayClasses();
  mirror();
  state.element.dataset.syncSteps = `model ${Math.round(t1 - t0)} cy ${Math.round(t2 - t1)} classes+mirror ${Math.round(now() - t2)}`;
  return { added, removed, changed };
}

function mirror() {
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
  el.dataset.highlighted = [...state.path].sort().join(' ');
  el.dataset.ready = 'true';
}

function applyPathClasses() {
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
function applyOverlayClasses() {
  const cy = state.cy;
  const marked = cy.nodes('.ov-origin, .ov-allowed, .ov-denied, .ov-depends');
  const map = state.overlay;
  if (!map && marked.empty() && cy.nodes('.ov-agg').empty()) { mirrorOverlay(); return; }
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
  mirrorOverlay();
}

// Counts of the overlay's map (every pod, drawn or folded) and of drawn elements per state, for tests.
function mirrorOverlay() {
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

// ---- public API ---------------------------------------------------------------------------------------------
export async function initialize(element, dotNetRef, options) {
  dispose();
  // .NET sends the (large) element lists pre-serialized: one JSON.parse beats the interop serializer's walk.
  if (typeof options === 'string') options = JSON.parse(options);
  const started = now();
  const cytoscape = await loadCytoscape();
  const tLoaded = now();
  state = {
    element, dotNetRef, cy: null, model: new Map(), edges: new Map(), version: options.version ?? 0,
    aggregateAbove: options.aggregateAbove ?? 50, foldVethsAbove: options.foldVethsAbove ?? 1000, vethsFolded: false,
    expanded: new Set(), filter: options.filter ?? null,
    selected: null, path: new Set(), overlay: null,
    layout: { origins: new Map(), positions: new Map(), podSlots: new Map(), cursor: { x: 0, y: 0 }, rowHeight: 0, segments: 0, bottomCount: 0 },
  };
  for (const e of options.elements ?? []) state.model.set(e.id, toModel(e));
  for (const e of options.edges ?? []) state.edges.set(e.id, toEdge(e));
  state.cy = cytoscape({
    container: element, style, elements: [], minZoom: 0.05, maxZoom: 3,
    textureOnViewport: true, hideEdgesOnViewport: true, boxSelectionEnabled: false,
  });
  state.cy.on('tap', 'node', (evt) => {
    const id = evt.target.id();
    if (evt.target.data('kind') === 'aggregate') {
      state.expanded.add(evt.target.data('parent'));
      sync();
      return;
    }
    if (evt.target.isParent() && evt.target.data('kind') !== 'node') return;
    state.selected = id;
    mirror();
    dotNetRef.invokeMethodAsync('OnElementClicked', id).catch(() => { /* circuit gone */ });
  });
  state.cy.on('tap', (evt) => {
    if (evt.target === state.cy) {
      dotNetRef.invokeMethodAsync('OnBackgroundClicked').catch(() => { });
    }
  });
  const tCreated = now();
  if (options.overlay) state.overlay = new Map(Object.entries(options.overlay));
  sync();
  const tSynced = now();
  state.cy.fit(undefined, 30);
  if (options.selected) select(options.selected);
  if (options.path?.length) highlightPath(options.path);
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const ms = Math.round(now() - started);
  element.dataset.firstRenderMs = String(ms);
  element.dataset.firstRenderSteps = `load ${Math.round(tLoaded - started)} create ${Math.round(tCreated - tLoaded)} sync ${Math.round(tSynced - tCreated)} paint ${Math.round(now() - tSynced)}`;
  return ms;
}

export function update(delta) {
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
  const counts = sync();
  const ms = now() - started;
  state.element.dataset.lastUpdateMs = ms.toFixed(1);
  state.element.dataset.lastUpdateCounts = `${counts.added}/${counts.removed}/${counts.changed}`;
  return ms;
}

export function select(id) {
  if (!state) return;
  const cy = state.cy;
  cy.elements(':selected').unselect();
  state.selected = id || null;
  if (id) {
    let ele = cy.getElementById(id);
    if (ele.empty()) {
      // A folded pod: unfold its node so the selection can be shown.
      const m = state.model.get(id);
      if (m?.parent) { state.expanded.add(m.parent); sync(); ele = cy.getElementById(id); }
    }
    if (ele.nonempty()) {
      ele.select();
      const ext = cy.extent();
      const p = ele.position();
      if (p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2) cy.center(ele);
    }
  }
  mirror();
}

export function highlightPath(ids) {
  if (!state) return;
  state.path = new Set(ids ?? []);
  for (const id of state.path) {
    const m = state.model.get(id);
    if (m?.parent && state.cy.getElementById(id).empty()) state.expanded.add(m.parent);
  }
  if ([...state.path].some(id => state.cy.getElementById(id).empty())) sync();
  applyPathClasses();
  mirror();
}

export function setFilter(filter) {
  if (!state) return;
  state.filter = filter && (filter.namespace || filter.label || filter.node || filter.text) ? filter : null;
  sync();
}

/// Colours pods by reachability: map is {elementId: 'origin'|'allowed'|'denied'|'depends'} (a JSON string or object).
export function overlay(map) {
  if (!state) return;
  if (typeof map === 'string') map = JSON.parse(map);
  state.overlay = map ? new Map(Object.entries(map)) : null;
  applyOverlayClasses();
}

export function clearOverlay() {
  if (!state) return;
  state.overlay = null;
  applyOverlayClasses();
}

/// Overlay classes of the given elements (tests: the canvas has no DOM to query).
export function overlayClassesOf(ids) {
  if (!state) return {};
  const out = {};
  for (const id of ids) {
    const e = state.cy.getElementById(id);
    out[id] = e.nonempty() ? OVERLAY_CLASSES.filter(c => e.hasClass(c)).join(' ') : null;
  }
  return out;
}

/// The overlay labels of the aggregate (folded node) boxes, sorted (tests).
export function aggregateOverlayLabels() {
  if (!state) return [];
  return state.cy.nodes('[kind = "aggregate"].ov-agg').map(a => a.data('ovLabel')).sort();
}

export function fit() { state?.cy.fit(undefined, 30); }

// fcose on demand: the preset layout is deterministic, this one is prettier for small clusters.
export function relayout() {
  if (!state) return;
  state.cy.layout({ name: 'fcose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true, packComponents: true }).run();
}

export function exportPng(fileName) {
  if (!state) return;
  const uri = state.cy.png({ full: true, scale: 2, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 });
  const a = document.createElement('a');
  a.href = uri;
  a.download = fileName || 'topology.png';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/// Rendered positions of elements (tests check that a delta does not move untouched elements).
export function positionsOf(ids) {
  if (!state) return {};
  const out = {};
  for (const id of ids) {
    const e = state.cy.getElementById(id);
    if (e.nonempty()) out[id] = { x: Math.round(e.position('x')), y: Math.round(e.position('y')) };
  }
  return out;
}

/// Where an element is on screen (client coordinates), so browser tests can click it on the canvas.
export function clientPositionOf(id) {
  if (!state) return null;
  const e = state.cy.getElementById(id);
  if (e.empty()) return null;
  const box = state.element.getBoundingClientRect();
  const p = e.renderedPosition();
  return { x: box.left + p.x, y: box.top + p.y };
}

export function viewport() {
  if (!state) return null;
  return { zoom: state.cy.zoom(), pan: state.cy.pan() };
}

export function dispose() {
  if (!state) return;
  try { state.cy.destroy(); } catch { /* already gone */ }
  if (state.element) state.element.dataset.ready = 'false';
  state = null;
}
