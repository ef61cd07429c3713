/* kg graph view. Every piece of article text reaches the page through textContent,
   option properties or vis-network's plain-text tooltips: never as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var COOC = "co-occurrence";
  var FONT_FACE = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  var FONT_COLOR = "#1f1f1f";
  var VEIL = "rgba(255,255,255,0.84)";
  var EDGE_LABEL_LIMIT = 60;
  var GROUP_LIMIT = 40;
  var LIST_LIMIT = 30;

  var nodeById = new Map();
  var edgeById = new Map();
  var edgesOf = new Map();
  var typeInfo = {};
  var kindInfo = {};
  data.types.forEach(function (t) { typeInfo[t.type] = t; });
  data.kinds.forEach(function (k) { kindInfo[k.kind] = k; });
  data.nodes.forEach(function (n) { nodeById.set(n.id, n); edgesOf.set(n.id, []); });
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    edgesOf.get(e.from).push(e);
    if (e.to !== e.from) { edgesOf.get(e.to).push(e); }
  });

  var state = { types: {}, kinds: {}, minWeight: 1, node: null, edge: null };
  data.types.forEach(function (t) { state.types[t.type] = true; });
  data.kinds.forEach(function (k) { state.kinds[k.kind] = k.on; });

  /* ---------- small helpers ---------- */
  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) { x.className = cls; }
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    return x;
  }
  function splitList(s) { return s ? String(s).split(" | ").filter(Boolean) : []; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function typeName(t) { return typeInfo[t] ? typeInfo[t].name : (t || "Other"); }
  function typeColor(t) { return typeInfo[t] ? typeInfo[t].color : "#999999"; }
  function kindColor(k) { return kindInfo[k] ? kindInfo[k].color : "#777777"; }
  function kindName(k) { return kindInfo[k] ? kindInfo[k].name : (k || "Other"); }
  function logScale(min, max, total, value) {
    if (max === min) { return 0.25; }
    var lo = Math.log1p(Math.max(min, 0));
    return Math.max(0, (Math.log1p(Math.max(value, 0)) - lo) / (Math.log1p(Math.max(max, 0)) - lo));
  }
  function darker(hex) {
    var v = parseInt(hex.slice(1), 16);
    var f = function (c) { return Math.round(c * 0.7); };
    return "rgb(" + f(v >> 16) + "," + f((v >> 8) & 255) + "," + f(v & 255) + ")";
  }

  function nodeTooltip(n) {
    var lines = [n.label, typeName(n.type)];
    if (n.aliases) { lines.push("Also: " + splitList(n.aliases).join(", ")); }
    if (n.titles) { lines.push("Titles: " + splitList(n.titles).join(", ")); }
    if (n.event_type) { lines.push("Event: " + n.event_type + (n.date || n.date_text ? ", " + (n.date || n.date_text) : "")); }
    lines.push("In " + plural(n.articles, "article") + ", " + plural(n.mentions, "mention"));
    return lines.join("\n");
  }
  function edgeTooltip(e) {
    var lines = [nodeById.get(e.from).label + " \u2192 " + e.relation + " \u2192 " + nodeById.get(e.to).label,
      kindName(e.kind) + ", weight " + e.weight + (e.negated ? ", negated" : "")];
    if (e.evidence) { lines.push("\u201c" + e.evidence + "\u201d"); }
    if (e.evidence_source) { lines.push("\u2014 " + e.evidence_source); }
    return lines.join("\n");
  }

  /* ---------- vis data ---------- */
  var shownNode = {};
  var shownEdge = {};
  function nodeVisible(n) { return state.types[n.type] !== false; }
  function edgeVisible(e) {
    return state.kinds[e.kind] !== false && e.weight >= state.minWeight &&
      nodeVisible(nodeById.get(e.from)) && nodeVisible(nodeById.get(e.to));
  }
  var nodeItems = data.nodes.map(function (n) {
    var c = typeColor(n.type);
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, value: n.mentions, title: nodeTooltip(n),
      color: { background: c, border: darker(c), highlight: { background: c, border: "#111" },
        hover: { background: c, border: "#111" } },
      hidden: false
    };
  });
  function edgeColor(e) {
    var c = kindColor(e.kind);
    return { color: c, highlight: darker(c), hover: darker(c) };
  }
  function edgeItem(e) {
    return {
      id: e.id, from: e.from, to: e.to, value: e.weight, title: edgeTooltip(e),
      color: edgeColor(e), dashes: e.kind === COOC || e.negated === 1,
      arrows: { to: { enabled: e.kind !== COOC, scaleFactor: 0.45 } },
      hidden: false
    };
  }
  // Edges filtered out at the start (co-occurrence, usually most of them) are only handed to
  // vis-network when first shown: building an edge is its main cost when the page opens.
  var edgeItems = data.edges.filter(edgeVisible).map(edgeItem);
  nodeItems.forEach(function (n) { shownNode[n.id] = "v"; });
  edgeItems.forEach(function (e) { shownEdge[e.id] = "v"; });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var big = data.nodes.length > 600 || data.edges.length > 3000;

  var container = document.getElementById("kg-graph");
  var options = {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false, randomSeed: 42 },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
      keyboard: false, multiselect: false, navigationButtons: false },
    nodes: {
      shape: "dot", borderWidth: 1.5, borderWidthSelected: 3,
      font: { face: FONT_FACE, size: 14, color: FONT_COLOR, strokeWidth: 4, strokeColor: "rgba(255,255,255,0.92)" },
      scaling: { min: data.sizeMin, max: data.sizeMax, customScalingFunction: logScale,
        label: { enabled: true, min: data.fontMin, max: data.fontMax, maxVisible: 26, drawThreshold: 8 } }
    },
    edges: {
      smooth: false, selectionWidth: 1.5, hoverWidth: 0.8,
      scaling: { min: 1, max: 7, customScalingFunction: logScale, label: { enabled: false } }
    }
  };
  window.kgReady = false;
  window.kgSelected = null;
  window.kgSelectedEdge = null;
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  window.kgNetwork = network;
  network.once("afterDrawing", function () {
    window.kgReadyTime = performance.now();
    window.kgReady = true;
  });
  network.fit({ animation: false });

  /* ---------- what is shown: filters, then the highlight ---------- */
  // Dimming every other item through DataSet updates costs over a second on 10,000 edges;
  // instead the drawing is veiled after each frame and the focus is drawn again on top.
  var focusNodes = null;
  var focusEdges = null;
  function render() {
    var nodeUpdates = [];
    data.nodes.forEach(function (n) {
      var key = nodeVisible(n) ? "v" : "h";
      if (shownNode[n.id] !== key) { shownNode[n.id] = key; nodeUpdates.push({ id: n.id, hidden: key === "h" }); }
    });
    var edgeUpdates = [];
    var edgeAdds = [];
    data.edges.forEach(function (e) {
      var key = edgeVisible(e) ? "v" : "h";
      var was = shownEdge[e.id];
      if (was === key || (was === undefined && key === "h")) { return; }
      shownEdge[e.id] = key;
      if (was === undefined) { edgeAdds.push(edgeItem(e)); } else { edgeUpdates.push({ id: e.id, hidden: key === "h" }); }
    });
    focusNodes = null;
    focusEdges = null;
    if (state.node !== null) {
      focusNodes = new Set([state.node]);
      focusEdges = new Set();
      edgesOf.get(state.node).forEach(function (e) {
        if (edgeVisible(e)) { focusNodes.add(e.from); focusNodes.add(e.to); focusEdges.add(e.id); }
      });
    } else if (state.edge !== null) {
      var se = edgeById.get(state.edge);
      focusNodes = new Set([se.from, se.to]);
      focusEdges = new Set([se.id]);
    }
    window.kgFocus = focusNodes === null ? null : Array.from(focusNodes).sort();
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    if (edgeAdds.length) { edges.add(edgeAdds); }
    requestRedraw();
  }
  function requestRedraw() {
    // vis-network's own scheduler draws once in the next frame; redraw() would draw now, every time.
    if (network.body && network.body.emitter) { network.body.emitter.emit("_requestRedraw"); } else { network.redraw(); }
  }
  network.on("afterDrawing", function (ctx) {
    if (focusNodes === null) { return; }
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = VEIL;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    var body = network.body;
    var drawn = [];
    focusEdges.forEach(function (id) { if (body.edges[id] && body.edges[id].connected) { drawn.push(body.edges[id]); } });
    drawn.forEach(function (e) { e.draw(ctx); });
    drawn.forEach(function (e) { e.drawArrows(ctx); });
    var labels = [];
    focusNodes.forEach(function (id) {
      var r = body.nodes[id] ? body.nodes[id].draw(ctx) : null;
      if (r && r.drawExternalLabel) { labels.push(r.drawExternalLabel); }
    });
    labels.forEach(function (draw) { draw(); });
    if (drawn.length <= EDGE_LABEL_LIMIT) { drawn.forEach(function (e) { drawRelation(ctx, e); }); }
  });
  // Relation names along the highlighted edges, drawn here so that selecting changes no data.
  function drawRelation(ctx, edge) {
    var text = edgeById.get(edge.id).relation;
    var x = (edge.from.x + edge.to.x) / 2;
    var y = (edge.from.y + edge.to.y) / 2;
    var size = 12 / Math.max(network.getScale(), 0.6);
    ctx.save();
    ctx.font = size + "px " + FONT_FACE;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    ctx.lineWidth = size / 3;
    ctx.strokeStyle = "rgba(255,255,255,0.95)";
    ctx.strokeText(text, x, y);
    ctx.fillStyle = "#333";
    ctx.fillText(text, x, y);
    ctx.restore();
  }

  /* ---------- legend and filters ---------- */
  var legend = document.getElementById("kg-legend");
  data.types.forEach(function (t) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () { state.types[t.type] = box.checked; afterFilter(); });
    var sw = el("span", "kg-swatch");
    sw.style.background = t.color;
    label.append(box, sw, el("span", "kg-name", t.name), el("span", "kg-count", t.count));
    li.appendChild(label);
    legend.appendChild(li);
  });
  var kindList = document.getElementById("kg-kinds");
  data.kinds.forEach(function (k) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = k.on;
    box.setAttribute("data-kind", k.kind);
    box.addEventListener("change", function () { state.kinds[k.kind] = box.checked; afterFilter(); });
    var line = el("span", "kg-line" + (k.kind === COOC ? " kg-dashed" : ""));
    line.style.borderTopColor = k.color;
    label.append(box, line, el("span", "kg-name", k.name), el("span", "kg-count", k.count));
    li.appendChild(label);
    kindList.appendChild(li);
  });
  var slider = document.getElementById("kg-min-weight");
  var sliderValue = document.getElementById("kg-min-weight-value");
  slider.max = String(Math.max(1, Math.ceil(data.maxWeight)));
  slider.disabled = data.maxWeight <= 1;
  slider.addEventListener("input", function () {
    state.minWeight = Number(slider.value);
    sliderValue.textContent = slider.value;
    afterFilter();
  });
  function afterFilter() {
    if (state.node !== null && !nodeVisible(nodeById.get(state.node))) { clearSelection(); return; }
    if (state.edge !== null && !edgeVisible(edgeById.get(state.edge))) { clearSelection(); return; }
    render();
  }
  function showType(type) {
    if (state.types[type] !== false) { return; }
    state.types[type] = true;
    var box = legend.querySelector('input[data-type="' + CSS.escape(type) + '"]');
    if (box) { box.checked = true; }
  }

  /* ---------- side panel ---------- */
  var panel = document.getElementById("kg-panel");
  var panelBody = document.getElementById("kg-panel-body");
  function openPanel() {
    panelBody.replaceChildren();
    panel.hidden = false;
    panel.scrollTop = 0;
    return panelBody;
  }
  function closePanel() { panel.hidden = true; panelBody.replaceChildren(); }
  function nodeLink(id) {
    var b = el("button", "kg-link", nodeById.get(id).label);
    b.type = "button";
    b.addEventListener("click", function () { selectNode(id, true); });
    return b;
  }
  function addFacts(parent, facts) {
    var dl = el("dl");
    facts.forEach(function (f) {
      if (f[1] === undefined || f[1] === null || f[1] === "") { return; }
      dl.append(el("dt", null, f[0]), el("dd", null, f[1]));
    });
    parent.appendChild(dl);
  }
  function addEvidence(parent, sentence, source) {
    if (sentence) { parent.appendChild(el("blockquote", "kg-evidence", sentence)); }
    if (source) { parent.appendChild(el("div", "kg-source", "\u2014 " + source)); }
  }
  function addList(parent, heading, items) {
    if (!items.length) { return; }
    parent.appendChild(el("h3", null, heading + " (" + items.length + ")"));
    var ul = el("ul");
    items.slice(0, LIST_LIMIT).forEach(function (s) { ul.appendChild(el("li", "kg-source", s)); });
    parent.appendChild(ul);
    if (items.length > LIST_LIMIT) { parent.appendChild(el("div", "kg-more", "\u2026 and " + (items.length - LIST_LIMIT) + " more")); }
  }
  function typeLine(type) {
    var line = el("div", "kg-type");
    var sw = el("span", "kg-swatch");
    sw.style.background = typeColor(type);
    line.append(sw, el("span", null, typeName(type)));
    return line;
  }
  function byWeight(a, b) {
    return b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }

  function showNodePanel(id) {
    var n = nodeById.get(id);
    var body = openPanel();
    body.append(el("h2", null, n.label), typeLine(n.type));
    addFacts(body, [
      ["Also known as", splitList(n.aliases).join(", ")],
      ["Titles", splitList(n.titles).join(", ")],
      ["Event type", n.event_type],
      ["Date", n.date ? n.date + (n.date_text && n.date_text !== n.date ? " (" + n.date_text + ")" : "") : n.date_text],
      ["Mentions", n.mentions],
      ["Articles", n.articles]
    ]);
    if (n.evidence) { body.appendChild(el("h3", null, "Evidence")); addEvidence(body, n.evidence, ""); }
    var groups = {};
    edgesOf.get(id).forEach(function (e) { (groups[e.kind] = groups[e.kind] || []).push(e); });
    var kinds = data.kinds.map(function (k) { return k.kind; }).filter(function (k) { return groups[k]; });
    if (!kinds.length) { body.appendChild(el("p", "kg-more", "No relations drawn for this node.")); }
    kinds.forEach(function (kind) {
      var list = groups[kind].slice().sort(byWeight);
      body.appendChild(el("h3", null, kindName(kind) + " (" + list.length + ")" +
        (state.kinds[kind] === false ? " \u2014 hidden in the graph" : "")));
      var ul = el("ul");
      list.slice(0, GROUP_LIMIT).forEach(function (e) { ul.appendChild(relationItem(e, id)); });
      body.appendChild(ul);
      if (list.length > GROUP_LIMIT) {
        body.appendChild(el("div", "kg-more", "\u2026 and " + (list.length - GROUP_LIMIT) + " more"));
      }
    });
    addList(body, "Sources", splitList(n.sources));
  }
  function relationItem(e, id) {
    var li = el("li", "kg-rel");
    li.setAttribute("data-edge", e.id);
    var head = el("div", "kg-rel-head");
    var subject = e.from === id ? el("span", null, nodeById.get(id).label) : nodeLink(e.from);
    var object = e.to === id ? el("span", null, nodeById.get(id).label) : nodeLink(e.to);
    head.append(e.from === id ? "\u2192 " : "\u2190 ", subject, " ", el("span", "kg-relation", e.relation), " ", object);
    li.appendChild(head);
    addEvidence(li, e.evidence, e.evidence_source);
    var meta = el("div", "kg-source", "weight " + e.weight + (e.negated ? ", negated" : "") + " ");
    if (e.evidence_count > 1) {
      var more = el("button", "kg-link", "all " + e.evidence_count + " sentences");
      more.type = "button";
      more.addEventListener("click", function () { selectEdge(e.id); });
      meta.appendChild(more);
    }
    li.appendChild(meta);
    return li;
  }

  function showEdgePanel(id) {
    var e = edgeById.get(id);
    var body = openPanel();
    body.appendChild(el("h2", null, e.relation));
    var head = el("div", "kg-rel-head");
    head.append(nodeLink(e.from), " ", el("span", "kg-relation", e.relation), " ", nodeLink(e.to));
    body.appendChild(head);
    addFacts(body, [
      ["Kind", kindName(e.kind)],
      ["Weight", e.weight],
      ["Negated", e.negated ? "yes" : ""],
      ["Sentences", e.evidence_count || ""]
    ]);
    var lines = (e.evidence_all || "").split("\n").filter(Boolean);
    body.appendChild(el("h3", null, "Evidence" + (lines.length ? " (" + lines.length + (e.evidence_count > lines.length ? " of " + e.evidence_count : "") + ")" : "")));
    if (lines.length) {
      var ul = el("ul");
      lines.forEach(function (line) {
        var tab = line.indexOf("\t");
        var li = el("li", "kg-rel");
        addEvidence(li, tab >= 0 ? line.slice(tab + 1) : line, tab >= 0 ? line.slice(0, tab) : "");
        ul.appendChild(li);
      });
      body.appendChild(ul);
    } else {
      addEvidence(body, e.evidence, e.evidence_source);
    }
    addList(body, "Sources", splitList(e.sources));
  }

  /* ---------- selection ---------- */
  function selectNode(id, focus) {
    if (!nodeById.has(id)) { return; }
    showType(nodeById.get(id).type);
    state.node = id;
    state.edge = null;
    window.kgSelected = id;
    window.kgSelectedEdge = null;
    render();
    network.selectNodes([id], false);
    showNodePanel(id);
    if (focus) { focusOn(id); }
  }
  function selectEdge(id) {
    var e = edgeById.get(id);
    if (!e) { return; }
    showType(nodeById.get(e.from).type);
    showType(nodeById.get(e.to).type);
    if (state.kinds[e.kind] === false || e.weight < state.minWeight) {
      state.kinds[e.kind] = true;
      var box = kindList.querySelector('input[data-kind="' + CSS.escape(e.kind) + '"]');
      if (box) { box.checked = true; }
      if (e.weight < state.minWeight) { state.minWeight = 1; slider.value = "1"; sliderValue.textContent = "1"; }
    }
    state.node = null;
    state.edge = id;
    window.kgSelected = null;
    window.kgSelectedEdge = id;
    render();
    network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
    showEdgePanel(id);
  }
  function clearSelection() {
    state.node = null;
    state.edge = null;
    window.kgSelected = null;
    window.kgSelectedEdge = null;
    network.unselectAll();
    render();
    closePanel();
  }
  function focusOn(id) {
    // Zoom so the node and its drawn neighbours fit around it, within readable limits.
    var centre = network.getPosition(id);
    var ids = [];
    edgesOf.get(id).forEach(function (e) { if (edgeVisible(e)) { ids.push(e.from === id ? e.to : e.from); } });
    var pos = network.getPositions(ids);
    var dx = 1;
    var dy = 1;
    ids.forEach(function (o) {
      dx = Math.max(dx, Math.abs(pos[o].x - centre.x));
      dy = Math.max(dy, Math.abs(pos[o].y - centre.y));
    });
    var w = container.clientWidth / 2 - 60;
    var h = container.clientHeight / 2 - 60;
    var scale = Math.min(1.2, Math.max(0.45, Math.min(w / dx, h / dy)));
    network.moveTo({ position: centre, scale: scale, animation: { duration: 450, easingFunction: "easeInOutQuad" } });
  }
  network.on("click", function (p) {
    if (p.nodes.length) { selectNode(p.nodes[0], false); }
    else if (p.edges.length) { selectEdge(p.edges[0]); }
    else { clearSelection(); }
  });
  document.getElementById("kg-panel-close").addEventListener("click", clearSelection);
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") { clearSelection(); } });
  document.getElementById("kg-fit").addEventListener("click", function () {
    network.fit({ animation: { duration: 400, easingFunction: "easeInOutQuad" } });
  });

  /* ---------- find ---------- */
  var search = document.getElementById("kg-search");
  var status = document.getElementById("kg-search-status");
  var suggestions = document.getElementById("kg-suggestions");
  var names = [];  // [lowercased name, node id, is label], most mentioned nodes first
  var ranked = data.nodes.slice().sort(function (a, b) {
    return b.mentions - a.mentions || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  var offered = new Set();
  ranked.forEach(function (n) {
    [n.label].concat(splitList(n.aliases)).forEach(function (name, i) {
      names.push([name.toLowerCase(), n.id, i === 0]);
      if (offered.has(name)) { return; }
      offered.add(name);
      var opt = document.createElement("option");
      opt.value = name;
      opt.label = i === 0 ? typeName(n.type) : typeName(n.type) + " \u00b7 " + n.label;
      suggestions.appendChild(opt);
    });
  });
  function findNode(text) {
    var q = text.trim().toLowerCase();
    if (!q) { return null; }
    // An exact name (label or alias) first; among several, the most mentioned ("Blair" is Tony Blair,
    // not a small node of stray "Blair" mentions), since names are sorted by mentions.
    var tests = [
      function (x) { return x[0] === q; },
      function (x) { return x[0].startsWith(q); },
      function (x) { return x[0].includes(q); }
    ];
    for (var i = 0; i < tests.length; i++) {
      var hit = names.find(tests[i]);
      if (hit) { return hit[1]; }
    }
    return null;
  }
  function runSearch() {
    var id = findNode(search.value);
    status.textContent = id === null && search.value.trim() ? "not found" : "";
    if (id !== null && id !== state.node) { selectNode(id, true); }
  }
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); runSearch(); } });
  search.addEventListener("change", runSearch);
  search.addEventListener("input", function (ev) {
    status.textContent = "";
    // Choosing a suggestion from the list arrives as an input event without typing.
    if (!ev.inputType || ev.inputType === "insertReplacementText") { runSearch(); }
  });

  window.kg = {
    selectNode: function (id) { selectNode(id, true); },
    selectEdge: selectEdge,
    clearSelection: clearSelection,
    findNode: findNode,
    visibleNodeCount: function () { return nodes.get({ filter: function (n) { return !n.hidden; } }).length; },
    visibleEdgeCount: function () { return edges.get({ filter: function (e) { return !e.hidden; } }).length; }
  };
})();
