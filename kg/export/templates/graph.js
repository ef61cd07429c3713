/* kg graph view. Every piece of article text reaches the page through textContent,
   option properties, canvas text or vis-network's plain-text tooltips: never as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var COOC = "co-occurrence";
  var FONT_FACE = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  var FONT_COLOR = "#1f1f1f";
  var HALO = "rgba(255,255,255,0.92)";
  var VEIL = "rgba(255,255,255,0.84)";
  var EDGE_LABEL_LIMIT = 60;
  var GROUP_LIMIT = 40;
  var LIST_LIMIT = 30;
  var LABEL_PAD = 3;  // CSS px kept free around a label
  var LABEL_CELL = 64;  // CSS px, the grid that finds labels close to one another
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  var nodeById = new Map();
  var edgeById = new Map();
  var edgesOf = new Map();
  var typeInfo = {};
  var kindInfo = {};
  var rtypeInfo = {};
  var communityInfo = new Map();
  data.types.forEach(function (t) { typeInfo[t.type] = t; });
  data.kinds.forEach(function (k) { kindInfo[k.kind] = k; });
  data.relationTypes.forEach(function (t) { rtypeInfo[t.type] = t; });
  data.communities.forEach(function (c) { if (c.community !== null) { communityInfo.set(c.community, c); } });
  data.nodes.forEach(function (n) { nodeById.set(n.id, n); edgesOf.set(n.id, []); });
  data.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    edgesOf.get(e.from).push(e);
    if (e.to !== e.from) { edgesOf.get(e.to).push(e); }
  });
  var byRank = data.nodes.slice().sort(function (a, b) { return a.rank - b.rank; });
  var time = data.time;

  var state = {
    types: {}, kinds: {}, rtypes: {}, minWeight: 1, node: null, edge: null, community: undefined, colorBy: "type",
    outliers: true, from: 0, to: time ? time.days : 0, keepUndated: false
  };
  data.types.forEach(function (t) { state.types[t.type] = true; });
  data.kinds.forEach(function (k) { state.kinds[k.kind] = k.on; });
  data.relationTypes.forEach(function (t) { state.rtypes[t.type] = t.on; });

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
  function rtypeLabel(t) { return rtypeInfo[t] ? rtypeInfo[t].label : t; }
  // An edge's own property first: a located_in edge to a country is P17, not the type's P131.
  function rtypeWikidata(e, t) {
    if (e.types.length === 1 && e.wikidata) { return e.wikidata; }
    return rtypeInfo[t] ? rtypeInfo[t].wikidata : "";
  }
  function rtypesText(e) { return e.types.map(rtypeLabel).join(", "); }
  function wikidataText(e) {
    return e.types.map(function (t) { return rtypeWikidata(e, t); }).filter(Boolean)
      .filter(function (p, i, all) { return all.indexOf(p) === i; }).join(", ");
  }
  function communityName(c) {
    var info = communityInfo.get(c);
    return info ? info.name : "a small community";
  }
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
  // Day numbers count from the first date of the graph; dates are shown as "17 Feb 2025" in any locale.
  function dayDate(day) {
    var p = time.start.split("-").map(Number);
    return new Date(Date.UTC(p[0], p[1] - 1, p[2] + day));
  }
  function dayText(day) {
    var d = dayDate(day);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }
  function isoText(iso) {
    var p = String(iso).split("-").map(Number);
    return p.length === 3 ? p[2] + " " + MONTHS[p[1] - 1] + " " + p[0] : String(iso);
  }

  function nodeTooltip(n) {
    var lines = [n.label, typeName(n.type)];
    if (n.aliases) { lines.push("Also: " + splitList(n.aliases).join(", ")); }
    if (n.titles) { lines.push("Titles: " + splitList(n.titles).join(", ")); }
    if (n.event_type) { lines.push("Event: " + n.event_type + (n.date || n.date_text ? ", " + (n.date || n.date_text) : "")); }
    lines.push("In " + plural(n.articles, "article") + ", " + plural(n.mentions, "mention"));
    if (n.first_seen) { lines.push("Seen " + seenText(n)); }
    return lines.join("\n");
  }
  function seenText(x) {
    if (!x.first_seen) { return ""; }
    return x.first_seen === x.last_seen ? "on " + isoText(x.first_seen) : isoText(x.first_seen) + " \u2013 " + isoText(x.last_seen);
  }
  function edgeTooltip(e) {
    var lines = [nodeById.get(e.from).label + " \u2192 " + e.relation + " \u2192 " + nodeById.get(e.to).label,
      kindName(e.kind) + (e.types.length ? " \u00b7 " + rtypesText(e) : "") + ", weight " + e.weight + (e.negated ? ", negated" : "")];
    if (e.evidence) { lines.push("\u201c" + e.evidence + "\u201d"); }
    if (e.evidence_source) { lines.push("\u2014 " + e.evidence_source); }
    if (e.first_seen) { lines.push("Seen " + seenText(e)); }
    return lines.join("\n");
  }

  /* ---------- what is visible ---------- */
  function timeActive() { return time !== null && (state.from > 0 || state.to < time.days); }
  function inPeriod(t) {
    if (!timeActive()) { return true; }
    if (!t) { return state.keepUndated; }
    for (var i = 0; i < t.length; i++) {
      if (t[i] >= state.from && t[i] <= state.to) { return true; }
      if (t[i] > state.to) { break; }
    }
    return false;
  }
  function nodeVisible(n) {
    return state.types[n.type] !== false && (state.outliers || !n.outlier) && inPeriod(n.t);
  }
  // An edge of several relation types stays while any of them is on; an edge without a type ignores the filter.
  function typesOn(e) {
    if (!e.types.length) { return true; }
    for (var i = 0; i < e.types.length; i++) { if (state.rtypes[e.types[i]] !== false) { return true; } }
    return false;
  }
  function edgeVisible(e) {
    return state.kinds[e.kind] !== false && typesOn(e) && e.weight >= state.minWeight && inPeriod(e.t) &&
      nodeVisible(nodeById.get(e.from)) && nodeVisible(nodeById.get(e.to));
  }

  /* ---------- vis data ---------- */
  var shownNode = {};
  var shownEdge = {};
  function nodeColor(n) {
    var c = state.colorBy === "community" ? n.ccolor : typeColor(n.type);
    return { background: c, border: darker(c), highlight: { background: c, border: "#111" },
      hover: { background: c, border: "#111" } };
  }
  // Labels are drawn by this page (see drawLabels), so vis-network gets none.
  var nodeItems = data.nodes.map(function (n) {
    return { id: n.id, x: n.x, y: n.y, size: n.r, title: nodeTooltip(n), color: nodeColor(n), hidden: !nodeVisible(n) };
  });
  function edgeColor(e) {
    var c = kindColor(e.kind);
    return { color: c, highlight: darker(c), hover: darker(c), opacity: 0.55 };
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
  nodeItems.forEach(function (n) { shownNode[n.id] = n.hidden ? "h" : "v"; });
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
    nodes: { shape: "dot", borderWidth: 1.5, borderWidthSelected: 3 },
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

  /* ---------- labels: the most important first, at screen size, never overlapping ---------- */
  var measure = document.createElement("canvas").getContext("2d");
  function labelTier(n) { return n.rank < data.labelTiers[0] ? 0 : n.rank < data.labelTiers[1] ? 1 : 2; }
  function labelFont(n, px) { return (labelTier(n) === 0 ? "600 " : "") + px + "px " + FONT_FACE; }
  [0, 1, 2].forEach(function (tier) {
    // Setting a font is slow; one per tier, then each label's width at 100 px, scaled to any size later.
    measure.font = (tier === 0 ? "600 " : "") + "100px " + FONT_FACE;
    data.nodes.forEach(function (n) { if (labelTier(n) === tier) { n.w100 = measure.measureText(n.label).width; } });
  });
  var drawnLabels = [];
  function drawLabels(ctx) {
    var m = ctx.getTransform();
    var ratio = window.devicePixelRatio || 1;
    var width = ctx.canvas.width;
    var height = ctx.canvas.height;
    var pad = LABEL_PAD * ratio;
    var cell = LABEL_CELL * ratio;
    var grid = new Map();
    var body = network.body;
    var order = byRank;
    if (focusNodes !== null) {
      var first = state.node !== null ? [nodeById.get(state.node)] : [];
      order = first.concat(byRank.filter(function (n) { return focusNodes.has(n.id) && n.id !== state.node; }));
    }
    drawnLabels = [];
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    for (var i = 0; i < order.length; i++) {
      var n = order[i];
      if (shownNode[n.id] !== "v") { continue; }
      var vn = body.nodes[n.id];
      if (!vn) { continue; }
      var sx = m.a * vn.x + m.c * vn.y + m.e;
      var sy = m.b * vn.x + m.d * vn.y + m.f;
      var px = data.labelPx[labelTier(n)] * ratio;
      var w = n.w100 * px / 100;
      var h = px * 1.25;
      var rpx = n.r * m.a;
      var gap = 2 * ratio;
      // Under the disc first, then above, right, left, then at its four corners: the first place that is free
      // and on screen (a crowded core still labels its main nodes).
      var spots = [[sx - w / 2, sy + rpx + gap], [sx - w / 2, sy - rpx - gap - h],
        [sx + rpx + 2 * gap, sy - h / 2], [sx - rpx - 2 * gap - w, sy - h / 2],
        [sx + rpx * 0.7, sy + rpx * 0.7 + gap], [sx - rpx * 0.7 - w, sy + rpx * 0.7 + gap],
        [sx + rpx * 0.7, sy - rpx * 0.7 - gap - h], [sx - rpx * 0.7 - w, sy - rpx * 0.7 - gap - h]];
      var spot = null;
      for (var k = 0; k < spots.length && spot === null; k++) {
        var box = [spots[k][0] - pad, spots[k][1] - pad, spots[k][0] + w + pad, spots[k][1] + h + pad];
        if (box[0] >= 0 && box[1] >= 0 && box[2] <= width && box[3] <= height && !collides(grid, box, cell)) {
          spot = spots[k];
          place(grid, box, cell);
          drawnLabels.push({ id: n.id, label: n.label, px: px / ratio, left: box[0] / ratio, top: box[1] / ratio,
            right: box[2] / ratio, bottom: box[3] / ratio });
        }
      }
      if (spot === null) { continue; }
      // A labelled node's disc stays uncovered by later labels.
      if (rpx > ratio) { place(grid, [sx - rpx, sy - rpx, sx + rpx, sy + rpx], cell); }
      ctx.font = labelFont(n, px);
      ctx.lineWidth = 3.5 * ratio;
      ctx.strokeStyle = HALO;
      ctx.strokeText(n.label, spot[0], spot[1]);
      ctx.fillStyle = FONT_COLOR;
      ctx.fillText(n.label, spot[0], spot[1]);
    }
    ctx.restore();
  }
  function cellsOf(box, cell) {
    var out = [];
    for (var x = Math.floor(box[0] / cell); x <= Math.floor(box[2] / cell); x++) {
      for (var y = Math.floor(box[1] / cell); y <= Math.floor(box[3] / cell); y++) { out.push(x + ":" + y); }
    }
    return out;
  }
  function collides(grid, box, cell) {
    var keys = cellsOf(box, cell);
    for (var i = 0; i < keys.length; i++) {
      var list = grid.get(keys[i]);
      if (!list) { continue; }
      for (var j = 0; j < list.length; j++) {
        var b = list[j];
        if (box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]) { return true; }
      }
    }
    return false;
  }
  function place(grid, box, cell) {
    cellsOf(box, cell).forEach(function (key) {
      var list = grid.get(key);
      if (list) { list.push(box); } else { grid.set(key, [box]); }
    });
  }

  /* ---------- the view: core first ---------- */
  function coreIds() {
    var ids = data.nodes.filter(function (n) { return !n.outlier && shownNode[n.id] === "v"; })
      .map(function (n) { return n.id; });
    if (!ids.length) { ids = data.nodes.filter(function (n) { return shownNode[n.id] === "v"; }).map(function (n) { return n.id; }); }
    return ids;
  }
  function fitTo(ids, animate) {
    if (!ids.length) { return; }
    network.fit({ nodes: ids, maxZoomLevel: 1.2, animation: animate ? { duration: 400, easingFunction: "easeInOutQuad" } : false });
  }
  fitTo(coreIds(), false);

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
    } else if (state.community !== undefined) {
      focusNodes = new Set(communityMembers(state.community).filter(function (n) { return nodeVisible(n); })
        .map(function (n) { return n.id; }));
      focusEdges = new Set();
      data.edges.forEach(function (e) {
        if (focusNodes.has(e.from) && focusNodes.has(e.to) && edgeVisible(e)) { focusEdges.add(e.id); }
      });
    }
    window.kgFocus = focusNodes === null ? null : Array.from(focusNodes).sort();
    applyVisibility(nodeUpdates, edgeUpdates);
    if (edgeAdds.length) { edges.add(edgeAdds); }
    showCounts();
    requestRedraw();
  }
  function applyVisibility(nodeUpdates, edgeUpdates) {
    if (!nodeUpdates.length && !edgeUpdates.length) { return; }
    var body = network.body;
    if (typeof network._updateVisibleIndices !== "function") {
      nodes.update(nodeUpdates);
      edges.update(edgeUpdates);
      return;
    }
    // A DataSet update costs about 0.2 ms an item (2 s for a time window over 10,000 edges); hiding is
    // only a flag that vis-network reads when it lists what to draw, so set it and list again.
    nodeUpdates.forEach(function (u) { body.nodes[u.id].options.hidden = u.hidden; });
    edgeUpdates.forEach(function (u) { if (body.edges[u.id]) { body.edges[u.id].options.hidden = u.hidden; } });
    network._updateVisibleIndices();
  }
  function requestRedraw() {
    // vis-network's own scheduler draws once in the next frame; redraw() would draw now, every time.
    if (network.body && network.body.emitter) { network.body.emitter.emit("_requestRedraw"); } else { network.redraw(); }
  }
  var counts = document.getElementById("kg-counts");
  function showCounts() {
    var n = 0;
    var e = 0;
    data.nodes.forEach(function (x) { if (shownNode[x.id] === "v") { n++; } });
    data.edges.forEach(function (x) { if (shownEdge[x.id] === "v") { e++; } });
    counts.textContent = (n === data.nodes.length ? plural(n, "node") : n + " of " + plural(data.nodes.length, "node")) +
      " \u00b7 " + plural(e, "edge") + " shown";
  }
  network.on("afterDrawing", function (ctx) {
    if (focusNodes !== null) {
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
      focusNodes.forEach(function (id) { if (body.nodes[id] && shownNode[id] === "v") { body.nodes[id].draw(ctx); } });
      if (drawn.length <= EDGE_LABEL_LIMIT) { drawn.forEach(function (e) { drawRelation(ctx, e); }); }
    }
    drawLabels(ctx);
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

  /* ---------- colour by type or community ---------- */
  var communitySection = document.getElementById("kg-community-section");
  function setColorBy(mode) {
    state.colorBy = mode === "community" ? "community" : "type";
    document.querySelectorAll('input[name="kg-color-by"]').forEach(function (r) { r.checked = r.value === state.colorBy; });
    communitySection.hidden = state.colorBy !== "community";
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: nodeColor(n) }; }));
    window.kgColorBy = state.colorBy;
    requestRedraw();
  }
  document.querySelectorAll('input[name="kg-color-by"]').forEach(function (r) {
    r.addEventListener("change", function () { if (r.checked) { setColorBy(r.value); } });
  });
  window.kgColorBy = state.colorBy;
  var communityList = document.getElementById("kg-communities");
  data.communities.forEach(function (c) {
    var li = el("li");
    var b = el("button", "kg-community");
    b.type = "button";
    b.setAttribute("data-community", c.community === null ? "other" : String(c.community));
    var sw = el("span", "kg-swatch");
    sw.style.background = c.color;
    b.append(sw, el("span", "kg-name", c.name), el("span", "kg-count", c.count));
    if (c.community === null) { b.disabled = true; } else { b.addEventListener("click", function () { selectCommunity(c.community); }); }
    li.appendChild(b);
    communityList.appendChild(li);
  });
  function communityMembers(c) { return byRank.filter(function (n) { return n.community === c; }); }

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
    box.addEventListener("change", function () {
      state.kinds[k.kind] = box.checked;
      // A kind turned on shows its edges, even when the type filter hid all of them (co-occurrence starts so).
      var mine = data.edges.filter(function (e) { return e.kind === k.kind; });
      if (box.checked && mine.length && !mine.some(typesOn)) {
        var types = new Set();
        mine.forEach(function (e) { e.types.forEach(function (t) { types.add(t); }); });
        showRtypes(Array.from(types));
      }
      afterFilter();
    });
    var line = el("span", "kg-line" + (k.kind === COOC ? " kg-dashed" : ""));
    line.style.borderTopColor = k.color;
    label.append(box, line, el("span", "kg-name", k.name), el("span", "kg-count", k.count));
    li.appendChild(label);
    kindList.appendChild(li);
  });
  var rtypeList = document.getElementById("kg-rtypes");
  document.getElementById("kg-rtype-section").hidden = !data.relationTypes.length;
  data.relationTypes.forEach(function (t) {
    var li = el("li");
    var label = el("label");
    label.title = t.type + (t.wikidata ? " \u00b7 Wikidata property " + t.wikidata : " \u00b7 no Wikidata property");
    var box = el("input");
    box.type = "checkbox";
    box.checked = t.on;
    box.setAttribute("data-rtype", t.type);
    box.addEventListener("change", function () {
      state.rtypes[t.type] = box.checked;
      // Likewise a type turned on shows its edges, even when the kind filter hid all of them.
      var mine = data.edges.filter(function (e) { return e.types.indexOf(t.type) >= 0; });
      if (box.checked && mine.length && !mine.some(function (e) { return state.kinds[e.kind] !== false; })) {
        showKinds(mine.map(function (e) { return e.kind; }));
      }
      afterFilter();
    });
    label.append(box, el("span", "kg-name", t.label));
    if (t.wikidata) { label.appendChild(el("span", "kg-hint", t.wikidata)); }
    label.appendChild(el("span", "kg-count", t.count));
    li.appendChild(label);
    rtypeList.appendChild(li);
  });
  function showKinds(kinds) {
    kinds.forEach(function (kind) {
      if (state.kinds[kind] !== false) { return; }
      state.kinds[kind] = true;
      var box = kindList.querySelector('input[data-kind="' + CSS.escape(kind) + '"]');
      if (box) { box.checked = true; }
    });
  }
  function showRtypes(types) {
    types.forEach(function (t) {
      if (state.rtypes[t] !== false) { return; }
      state.rtypes[t] = true;
      var box = rtypeList.querySelector('input[data-rtype="' + CSS.escape(t) + '"]');
      if (box) { box.checked = true; }
    });
  }
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

  /* ---------- small groups, apart from the core ---------- */
  var outlierBox = document.getElementById("kg-outliers");
  if (data.outliers > 0) {
    document.getElementById("kg-outlier-section").hidden = false;
    document.getElementById("kg-outlier-text").textContent = plural(data.outliers, "node") +
      " in small groups or alone, placed below the main graph";
    outlierBox.addEventListener("change", function () { state.outliers = outlierBox.checked; afterFilter(); });
    document.getElementById("kg-outlier-go").addEventListener("click", function () {
      if (!state.outliers) { state.outliers = true; outlierBox.checked = true; afterFilter(); }
      fitTo(data.nodes.filter(function (n) { return n.outlier && shownNode[n.id] === "v"; }).map(function (n) { return n.id; }), true);
    });
  }

  /* ---------- time: a range of dates, and a window that plays through them ---------- */
  var period = document.getElementById("kg-period");
  var fromInput = document.getElementById("kg-time-from");
  var toInput = document.getElementById("kg-time-to");
  var playButton = document.getElementById("kg-time-play");
  var undatedBox = document.getElementById("kg-time-undated");
  var playing = null;
  function articlesIn(from, to) {
    var n = 0;
    time.articles.forEach(function (a) { if (a[0] >= from && a[0] <= to) { n += a[1]; } });
    return n;
  }
  function showPeriod() {
    var range = dayText(state.from) + (state.to > state.from ? " \u2013 " + dayText(state.to) : "");
    var total = articlesIn(0, time.days);
    var text;
    if (!timeActive()) {
      text = (time.days ? "All dates: " : "All on ") + range + (total ? " (" + plural(total, "article") + ")" : "");
    } else {
      text = "Showing " + range + (total ? ": " + articlesIn(state.from, state.to) + " of " + plural(total, "article") : "");
    }
    period.textContent = text;
    window.kgPeriod = { from: dayDate(state.from).toISOString().slice(0, 10), to: dayDate(state.to).toISOString().slice(0, 10) };
  }
  function setTime(from, to) {
    if (time === null) { return; }
    from = Math.max(0, Math.min(time.days, Math.round(from)));
    to = Math.max(0, Math.min(time.days, Math.round(to)));
    if (from > to) { var swap = from; from = to; to = swap; }
    state.from = from;
    state.to = to;
    fromInput.value = String(from);
    toInput.value = String(to);
    showPeriod();
    afterFilter();
  }
  function stopPlaying() {
    if (playing !== null) { clearInterval(playing); playing = null; }
    playButton.textContent = "\u25b6 Play";
  }
  if (time === null) {
    period.textContent = "The articles carry no dates. Give each one a date (a first line \u201cdate YYYY-MM-DD\u201d, " +
      "or a date field in JSON) to see the story over time.";
  } else {
    document.getElementById("kg-time-controls").hidden = false;
    [fromInput, toInput].forEach(function (input) {
      input.max = String(time.days);
      input.disabled = time.days === 0;
    });
    toInput.value = String(time.days);
    playButton.disabled = time.days === 0;
    document.getElementById("kg-time-all").disabled = time.days === 0;
    var pending = false;
    var onSlide = function (ev) {
      stopPlaying();
      var from = Number(fromInput.value);
      var to = Number(toInput.value);
      // The thumbs do not cross: the one being dragged stops at the other.
      if (from > to) { if (ev.target === fromInput) { from = to; } else { to = from; } }
      fromInput.value = String(from);
      toInput.value = String(to);
      state.from = from;
      state.to = to;
      showPeriod();
      if (!pending) {
        pending = true;
        requestAnimationFrame(function () { pending = false; afterFilter(); });
      }
    };
    fromInput.addEventListener("input", onSlide);
    toInput.addEventListener("input", onSlide);
    document.getElementById("kg-time-all").addEventListener("click", function () { stopPlaying(); setTime(0, time.days); });
    playButton.addEventListener("click", function () {
      if (playing !== null) { stopPlaying(); return; }
      // Slide the chosen window (a sixth of the whole span if all is shown) from the start to the end.
      var span = timeActive() ? state.to - state.from : Math.max(1, Math.round(time.days / 6));
      var step = Math.max(1, Math.round(time.days / 60));
      setTime(0, span);
      playButton.textContent = "\u275a\u275a Pause";
      playing = setInterval(function () {
        if (state.to >= time.days) { stopPlaying(); return; }
        setTime(state.from + step, Math.min(time.days, state.to + step));
      }, 400);
    });
    if (time.undatedNodes > 0 && time.days > 0) {  // with one date the period cannot narrow
      document.getElementById("kg-time-undated-label").hidden = false;
      document.getElementById("kg-time-undated-text").textContent = "Keep undated entities (" + time.undatedNodes + ")";
      undatedBox.addEventListener("change", function () { state.keepUndated = undatedBox.checked; afterFilter(); });
    }
    showPeriod();
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
      var dd = el("dd");
      if (f[1] instanceof Node) { dd.appendChild(f[1]); } else { dd.textContent = String(f[1]); }
      dl.append(el("dt", null, f[0]), dd);
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
  function communityLink(c) {
    var b = el("button", "kg-link", communityName(c));
    b.type = "button";
    b.addEventListener("click", function () { selectCommunity(c); });
    return b;
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
      ["First seen", n.first_seen ? isoText(n.first_seen) : (time ? "only in undated articles" : "")],
      ["Last seen", n.last_seen ? isoText(n.last_seen) : ""],
      ["Mentions", n.mentions],
      ["Articles", n.articles],
      ["Community", communityLink(n.community)],
      ["Importance", "#" + (n.rank + 1) + " of " + data.nodes.length + " drawn (PageRank)"]
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
    var meta = el("div", "kg-source", (e.types.length ? rtypesText(e) + (wikidataText(e) ? " (" + wikidataText(e) + ")" : "") +
      (typesOn(e) ? "" : ", type hidden in the graph") + " \u00b7 " : "") +
      "weight " + e.weight + (e.negated ? ", negated" : "") + (e.first_seen ? ", seen " + seenText(e) : "") + " ");
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
      ["Type", e.types.map(function (t) { return rtypeLabel(t) + (rtypeLabel(t) !== t ? " (" + t + ")" : ""); }).join(", ")],
      ["Wikidata", wikidataText(e)],
      ["Weight", e.weight],
      ["Negated", e.negated ? "yes" : ""],
      ["Sentences", e.evidence_count || ""],
      ["First seen", e.first_seen ? isoText(e.first_seen) : ""],
      ["Last seen", e.last_seen ? isoText(e.last_seen) : ""]
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

  function showCommunityPanel(c) {
    var members = communityMembers(c);
    var body = openPanel();
    body.append(el("h2", null, communityName(c)));
    var info = communityInfo.get(c);
    if (info) {
      var line = el("div", "kg-type");
      var sw = el("span", "kg-swatch");
      sw.style.background = info.color;
      line.append(sw, el("span", null, "Community"));
      body.appendChild(line);
    }
    var seen = members.filter(function (n) { return n.first_seen; });
    var first = seen.length ? seen.map(function (n) { return n.first_seen; }).sort()[0] : "";
    var last = seen.length ? seen.map(function (n) { return n.last_seen; }).sort().pop() : "";
    addFacts(body, [
      ["Drawn members", members.length],
      ["First seen", first ? isoText(first) : ""],
      ["Last seen", last ? isoText(last) : ""]
    ]);
    body.appendChild(el("h3", null, "Most central members"));
    var ul = el("ul");
    members.slice(0, LIST_LIMIT).forEach(function (n) {
      var li = el("li", "kg-rel");
      li.append(nodeLink(n.id), " ", el("span", "kg-source", typeName(n.type) + ", " + plural(n.mentions, "mention")));
      ul.appendChild(li);
    });
    body.appendChild(ul);
    if (members.length > LIST_LIMIT) { body.appendChild(el("div", "kg-more", "\u2026 and " + (members.length - LIST_LIMIT) + " more")); }
  }

  /* ---------- selection ---------- */
  function selectNode(id, focus) {
    if (!nodeById.has(id)) { return; }
    var n = nodeById.get(id);
    showType(n.type);
    if (n.outlier && !state.outliers) { state.outliers = true; outlierBox.checked = true; }
    if (!inPeriod(n.t)) { stopPlaying(); setTimeQuietly(0, time.days); }
    state.node = id;
    state.edge = null;
    state.community = undefined;
    window.kgSelected = id;
    window.kgSelectedEdge = null;
    render();
    network.selectNodes([id], false);
    showNodePanel(id);
    if (focus) { focusOn(id); }
  }
  function setTimeQuietly(from, to) {
    // Showing everything again, so that a chosen node is not hidden by the period.
    state.from = from;
    state.to = to;
    fromInput.value = String(from);
    toInput.value = String(to);
    showPeriod();
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
    if (!typesOn(e)) { showRtypes(e.types); }
    if (!edgeVisible(e) && time !== null) { stopPlaying(); setTimeQuietly(0, time.days); }
    state.node = null;
    state.edge = id;
    state.community = undefined;
    window.kgSelected = null;
    window.kgSelectedEdge = id;
    render();
    network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
    showEdgePanel(id);
  }
  function selectCommunity(c) {
    state.node = null;
    state.edge = null;
    state.community = c;
    window.kgSelected = null;
    window.kgSelectedEdge = null;
    window.kgCommunity = c;
    network.unselectAll();
    render();
    showCommunityPanel(c);
    fitTo(Array.from(focusNodes), true);
  }
  function clearSelection() {
    state.node = null;
    state.edge = null;
    state.community = undefined;
    window.kgSelected = null;
    window.kgSelectedEdge = null;
    window.kgCommunity = null;
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
  document.getElementById("kg-fit").addEventListener("click", function () { fitTo(coreIds(), true); });

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

  showCounts();
  window.kg = {
    selectNode: function (id) { selectNode(id, true); },
    selectEdge: selectEdge,
    selectCommunity: selectCommunity,
    clearSelection: clearSelection,
    findNode: findNode,
    setColorBy: setColorBy,
    setTime: function (from, to) { stopPlaying(); setTime(from, to); },
    fitCore: function () { fitTo(coreIds(), false); },
    labels: function () { return drawnLabels.slice(); },
    visibleNodeCount: function () { return network.body.nodeIndices.length; },
    visibleEdgeCount: function () { return network.body.edgeIndices.length; }
  };
})();
