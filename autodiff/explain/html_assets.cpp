// SPDX-License-Identifier: MIT
// The class page's skeleton, CSS and script (see html_assets.hpp), written for tapegrad. The
// script reads the explanation's JSON from the page, draws the graph as inline SVG in layers
// (its own layout: lesson graphs are small, and drawing it here keeps the ids and highlights
// under the page's control and the page free of any program at run time), fills the tables, and
// steps through the backward pass; in quiz mode the student types each local partial first.
#include "autodiff/explain/html_assets.hpp"

namespace tapegrad {

const char* const html_page_body = R"html(<header class="page-head">
<h1 id="title"></h1>
<p class="problem"><span class="tag">{expression}</span> <code id="expression"></code>
<span class="tag">{at}</span> <code id="point"></code></p>
</header>
<nav class="controls" aria-label="{controls}">
<button id="back" type="button" aria-keyshortcuts="ArrowLeft">&#9664; {back}</button>
<button id="next" type="button" aria-keyshortcuts="ArrowRight" class="primary">{next} &#9654;</button>
<span id="progress" class="progress"></span>
<span class="mode" role="group" aria-label="{mode}">
<button id="mode-step" type="button" aria-pressed="true">{step_through}</button>
<button id="mode-quiz" type="button" aria-pressed="false">{quiz}</button>
</span>
<button id="show-all" type="button" aria-keyshortcuts="End">{show_all}</button>
<button id="restart" type="button" aria-keyshortcuts="Home">{restart}</button>
<span id="score" class="score" aria-live="polite"></span>
</nav>
<main>
<div class="stage">
<section class="panel graph-panel" aria-labelledby="graph-heading">
<h2 id="graph-heading">{graph}</h2>
<div class="graph-wrap" id="graph"></div>
<p class="legend" id="legend"></p>
</section>
<section class="panel step-panel" aria-labelledby="step-heading">
<h2 id="step-heading">{step_heading}</h2>
<div id="card" aria-live="polite"></div>
</section>
</div>
<section class="panel" aria-labelledby="forward-heading">
<h2 id="forward-heading">{forward_heading}</h2>
<div class="table-wrap"><table id="forward-table"></table></div>
</section>
<section class="panel" aria-labelledby="backward-heading">
<h2 id="backward-heading">{backward_heading}</h2>
<div class="table-wrap"><table id="backward-table"></table></div>
<p id="backward-note" class="note"></p>
</section>
<section class="panel" aria-labelledby="gradient-heading">
<h2 id="gradient-heading">{gradient_heading}</h2>
<div id="gradient" class="table-wrap"></div>
</section>
<section class="panel" aria-labelledby="rows-heading" id="rows-panel" hidden>
<h2 id="rows-heading">{rows_heading}</h2>
<p id="rows-intro" class="note"></p>
<div class="table-wrap"><table id="rows-table"></table></div>
<div id="rows-total"></div>
</section>
</main>
<footer class="page-foot">{keys}</footer>
)html";

const char* const html_page_css = R"css(
:root {
  --ink: #111827; --muted: #4b5563; --paper: #ffffff; --panel: #f8fafc; --line: #cbd5e1;
  --now: #c2410c; --now-bg: #ffedd5; --in: #1d4ed8; --in-bg: #dbeafe;
  --input-bg: #e0f2fe; --loss-bg: #fef3c7; --right: #166534; --right-bg: #dcfce7;
  --wrong: #991b1b; --wrong-bg: #fee2e2;
  font-size: clamp(17px, 0.55rem + 0.9vw, 26px);
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: var(--paper); line-height: 1.45;
  font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Helvetica, Arial, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; }
code, .math, kbd { font-family: "DejaVu Sans Mono", "Noto Sans Mono", Menlo, Consolas, monospace; }
.page-head { padding: 0.8rem 1rem 0.4rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.3rem; }
h2 { font-size: 1.2rem; margin: 0 0 0.5rem; }
.problem { font-size: 1.25rem; margin: 0; }
.problem code { display: inline-block; max-width: 100%; overflow-wrap: anywhere; background: var(--panel); border: 1px solid var(--line); border-radius: 0.3rem; padding: 0 0.3rem; }
.tag { color: var(--muted); }
.controls { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 0.5rem;
  align-items: center; padding: 0.5rem 1rem; background: #f1f5f9; border-bottom: 2px solid var(--line); }
button { font: inherit; font-size: 1rem; padding: 0.35rem 0.8rem; border-radius: 0.4rem; cursor: pointer;
  border: 2px solid #334155; background: #fff; color: var(--ink); min-height: 2.4rem; }
button.primary { background: #1e3a8a; color: #fff; border-color: #1e3a8a; }
button[aria-pressed="true"] { background: #334155; color: #fff; }
button:disabled { opacity: 0.45; cursor: default; }
button:focus-visible, input:focus-visible { outline: 4px solid #f59e0b; outline-offset: 2px; }
.mode { display: inline-flex; gap: 0.25rem; }
.progress { font-weight: bold; min-width: 8em; }
.score { color: var(--muted); }
main { padding: 0.5rem 1rem 1rem; }
.stage { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; align-items: start; }
@media (max-width: 900px) { .stage { grid-template-columns: minmax(0, 1fr); } }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 0.6rem; padding: 0.8rem; margin-bottom: 1rem; }
.graph-wrap { overflow-x: auto; }
.graph-wrap svg { display: block; width: 100%; height: auto; margin: 0 auto; }
.legend, .note { color: var(--muted); font-size: 0.9rem; margin: 0.5rem 0 0; }
.legend .swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 0.2em; vertical-align: -0.1em; border: 2px solid; }
svg .node rect { fill: #fff; stroke: #334155; stroke-width: 2; }
svg .node.input rect { fill: var(--input-bg); }
svg .node.loss rect { fill: var(--loss-bg); stroke-width: 3.5; }
svg .node.unreached rect { stroke-dasharray: 6 4; stroke: #9ca3af; }
svg .node text { font-size: 16px; fill: var(--ink); }
svg .node text.head { font-weight: bold; }
svg .node text.unknown { fill: #9ca3af; }
svg .node.now rect { stroke: var(--now); stroke-width: 5; fill: var(--now-bg); }
svg .node.feeding rect { stroke: var(--in); stroke-width: 4; }
svg .edge path { fill: none; stroke: #64748b; stroke-width: 2; }
svg .edge text { font-size: 15px; fill: #334155; paint-order: stroke; stroke: #fff; stroke-width: 5px; stroke-linejoin: round; }
svg .edge text.unknown { fill: #9ca3af; }
svg .edge.now path { stroke: var(--now); stroke-width: 5; }
svg .edge.now text { fill: var(--now); font-weight: bold; }
svg .edge.feeding path { stroke: var(--in); stroke-width: 4; }
svg .edge.feeding text { fill: var(--in); font-weight: bold; }
.card h3 { font-size: 1.1rem; margin: 0 0 0.4rem; }
.card p { margin: 0.35rem 0; }
.card .math { font-size: 1.05rem; overflow-wrap: anywhere; }
.card .why { color: var(--muted); font-size: 0.92rem; }
.card ol { padding-left: 1.2rem; margin: 0.4rem 0; }
.card li { margin-bottom: 0.6rem; }
.rule { border-left: 5px solid var(--now); padding-left: 0.6rem; }
.sum { border-left: 5px solid var(--in); padding-left: 0.6rem; }
.quiz-row { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
.quiz-row input { font: inherit; font-size: 1.05rem; width: 8em; padding: 0.3rem 0.5rem; border: 2px solid #334155; border-radius: 0.4rem; }
.feedback { font-weight: bold; padding: 0.1rem 0.4rem; border-radius: 0.3rem; }
.feedback.right { color: var(--right); background: var(--right-bg); }
.feedback.wrong { color: var(--wrong); background: var(--wrong-bg); }
.feedback.revealed { color: var(--muted); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; background: #fff; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #e2e8f0; }
td.num { text-align: right; font-family: "DejaVu Sans Mono", "Noto Sans Mono", Menlo, Consolas, monospace; white-space: nowrap; }
tr.now td { background: var(--now-bg); }
.page-foot { color: var(--muted); font-size: 0.85rem; padding: 0 1rem 1rem; }
kbd { border: 1px solid var(--line); border-radius: 0.25rem; padding: 0 0.25rem; background: #fff; }
.noscript { margin: 1rem; padding: 1rem; background: var(--wrong-bg); }
@media (max-width: 600px) {
  .controls { gap: 0.3rem; padding: 0.35rem 0.5rem; }
  .controls button { padding: 0.15rem 0.5rem; font-size: 0.9rem; min-height: 2.2rem; }
  .progress { min-width: 0; font-size: 0.9rem; }
  main { padding: 0.4rem 0.4rem 0.8rem; }
  .panel { padding: 0.5rem; }
  h1 { font-size: 1.3rem; }
  .problem { font-size: 1rem; }
}
#rows-table tr.explained td { background: #fef3c7; }
#rows-table td.gap { text-align: center; color: var(--muted); }
@media print { .controls { display: none; } }
)css";

const char* const html_page_script = R"js(
(function () {
  "use strict";
  var page = JSON.parse(document.getElementById("explain-data").textContent);
  var ex = page.explanation;
  var W = page.words;  // the page's words in the chosen language (html_strings.cpp)
  var precision = page.precision || 6;
  var L = ex.loss.name;
  var MINUS = "\u2212";
  var SVGNS = "http://www.w3.org/2000/svg";

  // Numbers as every explain renderer prints them (autodiff/explain/number.cpp): `precision`
  // significant digits as printf's %g, trailing zeros dropped, exact integers, a real minus.
  function fmt(x) {
    if (x === null || x === undefined) return "NaN";
    if (x === 0) return "0";
    if (Math.abs(x) < 1e15 && Number.isInteger(x)) return String(x).replace("-", MINUS);
    var p = Math.max(1, precision);
    var parts = x.toExponential(p - 1).split("e");
    var X = parseInt(parts[1], 10), s;
    if (X < -4 || X >= p) {
      var m = parts[0];
      if (m.indexOf(".") >= 0) m = m.replace(/0+$/, "").replace(/\.$/, "");
      s = m + "e" + (X < 0 ? "-" : "") + Math.abs(X);
    } else {
      s = x.toFixed(Math.max(0, p - 1 - X));
      if (s.indexOf(".") >= 0) s = s.replace(/0+$/, "").replace(/\.$/, "");
    }
    return s.replace(/-/g, MINUS);
  }
  function fmtOperand(x) { var s = fmt(x); return s.charAt(0) === MINUS ? "(" + s + ")" : s; }
  // A word with its {} (or {0}, {1}: a translation may reorder) filled with args, as a string.
  function say(text) {
    var args = Array.prototype.slice.call(arguments, 1), next = 0;
    return text.replace(/\{(\d*)\}/g, function (m, i) { return String(args[i === "" ? next++ : Number(i)]); });
  }
  // The same as a list of strings and DOM nodes, for el()'s children: a number can sit in the text.
  function parts(text, args) {
    var out = [], next = 0, re = /\{(\d*)\}/g, at = 0, m;
    while ((m = re.exec(text)) !== null) {
      out.push(text.slice(at, m.index));
      out.push(args[m[1] === "" ? next++ : Number(m[1])]);
      at = re.lastIndex;
    }
    out.push(text.slice(at));
    return out;
  }
  function escapeHtml(t) {
    return String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function d(of, wrt) { return "\u2202" + of + "/\u2202" + wrt; }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "cls") e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c !== null) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }
  // A revealed number, marked for the page's tests with what it is and the exact value.
  function num(x, what, extra) {
    var e = el("span", { cls: "value", "data-what": what, "data-value": x === null ? "NaN" : String(x), text: fmt(x) });
    for (var k in extra || {}) e.setAttribute("data-" + k, extra[k]);
    return e;
  }

  // ---- the graph: nodes and edges from the forward pass, partials from the backward pass ----
  var fwd = ex.forward, bwd = ex.backward, n = bwd.length;
  var fwdOf = {}, stepOf = {};
  fwd.forEach(function (s) { fwdOf[s.node] = s; });
  bwd.forEach(function (s, i) { stepOf[s.node] = i; });
  var edges = [];
  fwd.forEach(function (s) {
    var seen = {};
    s.operands.forEach(function (o) {
      if (o.constant || !(o.node in fwdOf)) return;
      var k = seen[o.node] = (seen[o.node] || 0) + 1;
      var partial = null, pi = -1, si = stepOf[s.node];
      if (si !== undefined) {
        var count = 0;
        bwd[si].partials.forEach(function (p, j) {
          if (p.node === o.node && ++count === k) { partial = p; pi = j; }
        });
      }
      edges.push({ from: o.node, to: s.node, nth: k, step: si, index: pi, partial: partial,
                   id: "edge-" + o.node + "-" + s.node + "-" + k });
    });
  });

  var layer = {}, top = 0;
  fwd.forEach(function (s) {
    var l = 0;
    s.operands.forEach(function (o) { if (!o.constant && o.node in layer) l = Math.max(l, layer[o.node] + 1); });
    layer[s.node] = l; top = Math.max(top, l);
  });
  var rows = [];
  for (var l = 0; l <= top; ++l) rows.push([]);
  fwd.forEach(function (s) { rows[layer[s.node]].push(s.node); });

  var FS = 16, CH = 9.4, LINE = 20, PADX = 14, GAPX = 36, NODEH = 3 * LINE + 14, GAPY = 96, MARGIN = 16;
  function headText(s) { return s.op === "input" ? say(W.head_input, s.name) : s.name + " = " + s.operation; }
  // Width in characters of the 16px font: CJK glyphs are about twice as wide as Latin ones.
  function textWidth(t) {
    var w = 0;
    for (var c = 0; c < t.length; ++c) w += t.charCodeAt(c) >= 0x2e80 ? 1.8 : 1;
    return w;
  }
  var offPath = say(W.off_path, L);
  var box = {};
  fwd.forEach(function (s) {
    var i = stepOf[s.node], adjoint = i === undefined ? offPath : fmt(bwd[i].adjoint);
    var w = Math.max(textWidth(headText(s)), textWidth(W.value + " " + fmt(s.value)), textWidth(W.adjoint + " " + adjoint), 10) * CH + 2 * PADX;
    box[s.node] = { w: w, h: NODEH, x: 0, y: 0 };
  });
  function center(node) { return box[node].x + box[node].w / 2; }
  function placeRow(row, wanted) {
    // Left to right in the given order, each at its wanted centre if it does not overlap.
    var x = MARGIN;
    row.forEach(function (node) {
      var b = box[node], want = wanted[node] === undefined ? x : wanted[node] - b.w / 2;
      b.x = Math.max(x, want);
      x = b.x + b.w + GAPX;
    });
  }
  rows.forEach(function (row) { placeRow(row, {}); });
  // Order each row by the mean position of its operands (barycentres), then centre nodes above them.
  for (var sweep = 0; sweep < 2; ++sweep) {
    for (var r = 1; r <= top; ++r) {
      var wanted = {};
      rows[r].forEach(function (node) {
        var xs = edges.filter(function (e) { return e.to === node; }).map(function (e) { return center(e.from); });
        if (xs.length) wanted[node] = xs.reduce(function (a, b) { return a + b; }, 0) / xs.length;
      });
      rows[r].sort(function (a, b) {
        var wa = wanted[a] === undefined ? center(a) : wanted[a], wb = wanted[b] === undefined ? center(b) : wanted[b];
        return wa - wb;
      });
      placeRow(rows[r], wanted);
    }
  }
  // Inputs (and other nodes with no operands) under the mean of their consumers, then the rows
  // above once more, so that every node sits near the nodes it is joined to.
  for (var again = 0; again < 2; ++again) {
    var below = {};
    rows[0].forEach(function (node) {
      var xs = edges.filter(function (e) { return e.from === node; }).map(function (e) { return center(e.to); });
      if (xs.length) below[node] = xs.reduce(function (a, b) { return a + b; }, 0) / xs.length;
    });
    rows[0].sort(function (a, b) { return (below[a] === undefined ? center(a) : below[a]) - (below[b] === undefined ? center(b) : below[b]); });
    placeRow(rows[0], below);
    for (var r2 = 1; r2 <= top; ++r2) {
      var want2 = {};
      rows[r2].forEach(function (node) {
        var xs = edges.filter(function (e) { return e.to === node; }).map(function (e) { return center(e.from); });
        if (xs.length) want2[node] = xs.reduce(function (a, b) { return a + b; }, 0) / xs.length;
      });
      placeRow(rows[r2], want2);
    }
  }
  // Shift the whole drawing to the left margin, then measure it.
  var left = Infinity, width = 0;
  fwd.forEach(function (s) { left = Math.min(left, box[s.node].x); });
  fwd.forEach(function (s) { box[s.node].x += MARGIN - left; width = Math.max(width, box[s.node].x + box[s.node].w + MARGIN); });
  rows.forEach(function (row, r) { row.forEach(function (node) { box[node].y = MARGIN + (top - r) * (NODEH + GAPY); }); });
  var height = MARGIN * 2 + (top + 1) * NODEH + top * GAPY;

  var root = svg("svg", { viewBox: "0 0 " + Math.ceil(width) + " " + Math.ceil(height), role: "img",
    "aria-labelledby": "graph-title", id: "graph-svg" });
  // Never shrink below 60 % (the panel scrolls instead) nor grow beyond 125 % (a narrow chain of
  // nodes would otherwise fill a projector screen with one column of giant boxes).
  root.style.minWidth = Math.round(width * 0.6) + "px";
  root.style.maxWidth = Math.round(width * 1.25) + "px";
  var title = svg("title", { id: "graph-title" });
  title.textContent = say(W.graph_title, L, fwd.length, L);
  root.appendChild(title);
  var defs = svg("defs");
  [["arrow", "#64748b"], ["arrow-now", "#c2410c"], ["arrow-feeding", "#1d4ed8"]].forEach(function (m) {
    // In user units, so that a thick highlighted arrow keeps a head of the same size.
    var mk = svg("marker", { id: m[0], viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 14, markerHeight: 14,
                             markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" });
    mk.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", fill: m[1] }));
    defs.appendChild(mk);
  });
  root.appendChild(defs);

  // Edges first (under the nodes); two edges between the same nodes (x · x) bend apart.
  var labelBoxes = [];
  var incoming = {};
  edges.forEach(function (e) { (incoming[e.to] = incoming[e.to] || []).push(e); });
  edges.forEach(function (e) {
    var a = box[e.from], b = box[e.to];
    var x1 = a.x + a.w / 2, y1 = a.y, x2 = b.x + b.w / 2, y2 = b.y + b.h;
    var sibs = incoming[e.to], k = sibs.indexOf(e), m = sibs.length;
    // Spread the arrow heads along the bottom of the consumer, in the order of their sources.
    if (m > 1) {
      var order = sibs.slice().sort(function (p, q) { return center(p.from) - center(q.from) || p.nth - q.nth; });
      x2 = b.x + b.w * (order.indexOf(e) + 1) / (m + 1);
    }
    var bend = e.nth > 1 ? 60 * (e.nth % 2 === 0 ? 1 : -1) : 0;
    var cx = (x1 + x2) / 2 + bend, cy = (y1 + y2) / 2;
    var g = svg("g", { "class": "edge", id: e.id, "data-from": e.from, "data-to": e.to });
    g.appendChild(svg("path", { d: "M" + x1 + "," + y1 + " Q" + cx + "," + cy + " " + x2 + "," + y2, "marker-end": "url(#arrow)" }));
    // The label sits on the curve; sibling labels are staggered in height so they never run together.
    var t = m > 1 ? 0.3 + 0.4 * k / (m - 1) : 0.5;
    var lx = (1 - t) * (1 - t) * x1 + 2 * t * (1 - t) * cx + t * t * x2;
    var ly = (1 - t) * (1 - t) * y1 + 2 * t * (1 - t) * cy + t * t * y2 + 5;
    var label = svg("text", { x: lx, y: ly, "text-anchor": "middle" });
    var w = 14 * CH * 0.95, h = 18;
    for (var tries = 0; tries < 6; ++tries) {
      var hit = labelBoxes.some(function (q) { return Math.abs(q.x - lx) < (q.w + w) / 2 && Math.abs(q.y - ly) < h; });
      if (!hit) break;
      ly += h + 2;
    }
    label.setAttribute("y", ly);
    labelBoxes.push({ x: lx, y: ly, w: w });
    g.appendChild(label);
    e.label = label; e.g = g;
    root.appendChild(g);
  });
  var nodeEls = {};
  fwd.forEach(function (s) {
    var b = box[s.node];
    var cls = "node" + (s.op === "input" ? " input" : "") + (s.node === ex.loss.node ? " loss" : "") + (s.reaches_loss ? "" : " unreached");
    var g = svg("g", { "class": cls, id: "node-" + s.node, "data-node": s.node });
    g.appendChild(svg("rect", { x: b.x, y: b.y, width: b.w, height: b.h, rx: 10 }));
    var lines = [headText(s), W.value + " " + fmt(s.value), W.adjoint + " ?"];
    var texts = lines.map(function (line, i) {
      var t = svg("text", { x: b.x + b.w / 2, y: b.y + 8 + LINE * (i + 0.8), "text-anchor": "middle", "class": i === 0 ? "head" : "" });
      t.textContent = line; g.appendChild(t); return t;
    });
    nodeEls[s.node] = { g: g, adjoint: texts[2] };
    root.appendChild(g);
  });
  document.getElementById("graph").appendChild(root);
  // The legend's words carry their own <b> (from the catalogs); the loss's name is escaped.
  document.getElementById("legend").innerHTML = say(W.legend_html, escapeHtml(L)) + " " + say(W.legend_colours_html,
    "<span class=\"swatch\" style=\"border-color:#c2410c;background:#ffedd5\"></span>",
    "<span class=\"swatch\" style=\"border-color:#1d4ed8;background:#dbeafe\"></span>");

  // ---- state: how many backward steps are shown, and the quiz ----
  var shown = 0, quiz = false;
  var answers = {};  // "step:partial" -> "right" | "revealed" (quiz mode only)
  var tries = {};    // "step:partial" -> wrong attempts
  function key(i, j) { return i + ":" + j; }
  function askable(p) { return !p.vector_jacobian && p.partial !== null; }
  function partialKnown(i, j) {
    if (i < 0 || i >= shown) return false;
    if (!quiz || !askable(bwd[i].partials[j])) return true;
    return answers[key(i, j)] !== undefined;
  }
  function pending(i) {
    if (i < 0 || i >= shown || !quiz) return false;
    return bwd[i].partials.some(function (p, j) { return !partialKnown(i, j); });
  }

  document.getElementById("title").textContent = page.title;
  var inputs = fwd.filter(function (s) { return s.op === "input"; });
  document.getElementById("expression").textContent =
    page.expression || (L + " = " + (fwdOf[ex.loss.node] ? fwdOf[ex.loss.node].operation : ""));
  document.getElementById("point").textContent = page.point ||
    inputs.map(function (s) { return s.name + " = " + fmt(s.value); }).join(", ");

  // ---- the card of the current step ----
  function termsLine(s, numbers) {
    return s.terms.map(function (t) {
      if (t.vector_jacobian) return numbers ? fmtOperand(t.product) : say(W.block_backward, t.name);
      if (numbers) return fmtOperand(t.adjoint) + " \u00b7 " + fmtOperand(t.partial);
      // From the loss itself the adjoint is the seed, 1: "1 · ∂f/∂t3", not "∂f/∂f · ∂f/∂t3".
      return (t.name === L ? "1" : d(L, t.name)) + " \u00b7 " + d(t.name, s.name);
    }).join(" + ");
  }
  function partialItem(i, j) {
    var s = bwd[i], p = s.partials[j];
    var li = el("li", { "data-input": p.node });
    if (p.vector_jacobian) {
      li.appendChild(el("p", { cls: "math" }, parts(W.block_passes, [s.block, p.name, num(p.product, "product", { node: s.node, input: p.node })])));
      return li;
    }
    var sym = d(s.name, p.name);
    if (!partialKnown(i, j)) {
      li.appendChild(el("p", { cls: "math" }, [sym + " = ?"]));
      var input = el("input", { type: "text", inputmode: "decimal", autocomplete: "off", "aria-label": sym, id: "answer-" + i + "-" + j });
      var check = el("button", { type: "button", text: W.check, id: "check-" + i + "-" + j });
      var reveal = el("button", { type: "button", text: W.reveal, id: "reveal-" + i + "-" + j });
      var feedback = el("span", { cls: "feedback", role: "status", id: "feedback-" + i + "-" + j });
      var doCheck = function () { checkAnswer(i, j, input.value, feedback); };
      check.addEventListener("click", doCheck);
      input.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); doCheck(); } });
      reveal.addEventListener("click", function () { answers[key(i, j)] = "revealed"; render(); focusNext(); });
      li.appendChild(el("div", { cls: "quiz-row" }, [input, check, reveal, feedback]));
      li.appendChild(el("p", { cls: "why" }, [say(W.type_partial, s.name + " = " + fwdOf[s.node].operation, p.name)]));
      return li;
    }
    var rule = el("div", { cls: "rule" });
    rule.appendChild(el("p", { cls: "math" }, [sym + " = " + p.rule_symbols]));
    rule.appendChild(el("p", { cls: "math" }, ["\u2003 = " + p.rule_numbers + " = ", num(p.partial, "partial", { node: s.node, input: p.node })]));
    rule.appendChild(el("p", { cls: "why" }, [say(W.the_rule, p.rule)]));
    rule.appendChild(el("p", { cls: "math" }, parts(W.passes_down, [(s.name === L ? "1" : d(L, s.name)) + " \u00b7 " + sym + " = " +
      fmtOperand(p.adjoint) + " \u00b7 " + fmtOperand(p.partial), num(p.product, "product", { node: s.node, input: p.node })])));
    var state = answers[key(i, j)];
    if (quiz && state) rule.appendChild(el("p", { cls: "feedback " + state, text: state === "right" ? W.had_it_right : W.revealed }));
    li.appendChild(rule);
    return li;
  }
  function renderCard() {
    var card = document.getElementById("card");
    card.innerHTML = "";
    card.className = "card";
    if (shown === 0) {
      card.setAttribute("data-step", "0");
      card.appendChild(el("p", {}, [say(W.start, L, L)]));
      card.appendChild(el("p", {}, [quiz ? W.start_quiz + " " : "", W.press_next]));
      return;
    }
    var i = shown - 1, s = bwd[i], f = fwdOf[s.node];
    card.setAttribute("data-step", String(shown));
    card.appendChild(el("h3", {}, [say(W.step_of, shown, n, f && f.op !== "input" ? s.name + " = " + f.operation : say(W.head_input, s.name))]));
    var sum = el("div", { cls: "sum" });
    if (s.seed) {
      sum.appendChild(el("p", { cls: "math" }, [d(L, L) + " = ", num(s.adjoint, "adjoint", { node: s.node })]));
      sum.appendChild(el("p", { cls: "why" }, [say(W.seed_why, L)]));
    } else {
      sum.appendChild(el("p", { cls: "math" }, [d(L, s.name) + " = " + termsLine(s, false)]));
      sum.appendChild(el("p", { cls: "math" }, ["\u2003 = " + termsLine(s, true) + " = ", num(s.adjoint, "adjoint", { node: s.node })]));
      sum.appendChild(el("p", { cls: "why" }, [s.terms.length > 1 ? W.paths_meet : W.one_arrow_in]));
    }
    card.appendChild(sum);
    if (s.partials.length) {
      card.appendChild(el("p", {}, [say(W.arrows[s.partials.length], s.name, s.partials.length)]));
      var ol = el("ol");
      s.partials.forEach(function (p, j) { ol.appendChild(partialItem(i, j)); });
      card.appendChild(ol);
    } else if (f && f.op === "input") {
      card.appendChild(el("p", {}, parts(W.is_input, [s.name, d(L, s.name), num(s.adjoint, "gradient", { node: s.node })])));
    }
  }

  function parseAnswer(text) {
    var t = text.trim().replace(/\u2212/g, "-").replace(/\s+/g, "").replace(/,/g, ".");
    var number = "[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:e[-+]?\\d+)?";
    var m = t.match(new RegExp("^(" + number + ")/(" + number + ")$", "i"));
    if (m) return Number(m[1]) / Number(m[2]);
    return new RegExp("^" + number + "$", "i").test(t) ? Number(t) : NaN;
  }
  // Right when within 0.5 % of the tape's partial (a student rounds), or within 1e−9 of zero.
  function isRight(typed, truth) { return Math.abs(typed - truth) <= Math.max(1e-9, 0.005 * Math.abs(truth)); }
  function checkAnswer(i, j, text, feedback) {
    var p = bwd[i].partials[j], sym = d(bwd[i].name, p.name), typed = parseAnswer(text);
    if (isNaN(typed)) {
      feedback.className = "feedback wrong";
      feedback.textContent = W.type_a_number;
      return;
    }
    if (isRight(typed, p.partial)) {
      answers[key(i, j)] = "right";
      render(); focusNext();
      return;
    }
    tries[key(i, j)] = (tries[key(i, j)] || 0) + 1;
    feedback.className = "feedback wrong";
    feedback.textContent = say(W.not_yet, sym, fmt(typed));
    updateScore();
  }
  function focusNext() {
    var next = document.querySelector("#card input");
    (next || document.getElementById("next")).focus();
  }

  // ---- tables ----
  function renderForward() {
    var t = document.getElementById("forward-table");
    t.innerHTML = "";
    t.appendChild(el("thead", {}, [el("tr", {}, [W.step, W.node, W.operation, W.value].map(function (h) { return el("th", { scope: "col", text: h }); }))]));
    var body = el("tbody");
    var now = shown > 0 ? bwd[shown - 1].node : -1;
    fwd.forEach(function (s) {
      body.appendChild(el("tr", { cls: s.node === now ? "now" : "", id: "forward-row-" + s.node }, [
        el("td", { cls: "num", text: String(s.step) }), el("td", { text: s.name }),
        el("td", { cls: "math", text: s.op === "input" ? W.input : s.operation }),
        el("td", { cls: "num" }, [num(s.value, "value", { node: s.node })])]));
    });
    t.appendChild(body);
  }
  function renderBackward() {
    var t = document.getElementById("backward-table");
    t.innerHTML = "";
    t.appendChild(el("thead", {}, [el("tr", {}, [W.step, W.node, say(W.adjoint_column, L), W.arrives, W.passed_down].map(function (h) { return el("th", { scope: "col", text: h }); }))]));
    var body = el("tbody");
    bwd.forEach(function (s, i) {
      if (i >= shown) return;
      var down = el("td", { cls: "math" });
      s.partials.forEach(function (p, j) {
        var line = el("div");
        if (p.vector_jacobian) line.appendChild(document.createTextNode(p.name + ": " + fmt(p.product)));
        else if (!partialKnown(i, j)) line.appendChild(document.createTextNode(d(s.name, p.name) + " = ?"));
        else line.appendChild(document.createTextNode(d(s.name, p.name) + " = " + fmt(p.partial) + " \u2192 " + fmtOperand(p.adjoint) + " \u00b7 " + fmtOperand(p.partial) + " = " + fmt(p.product)));
        down.appendChild(line);
      });
      body.appendChild(el("tr", { cls: i === shown - 1 ? "now" : "", id: "backward-row-" + s.node }, [
        el("td", { cls: "num", text: String(s.step) }), el("td", { text: s.name }),
        el("td", { cls: "num", text: fmt(s.adjoint) }),
        el("td", { cls: "math", text: s.seed ? W.seed : termsLine(s, true) }), down]));
    });
    t.appendChild(body);
    document.getElementById("backward-note").textContent = shown < n
      ? say(W.hidden, n - shown, n) : say(W.all_shown, n);
  }
  function renderGradient() {
    var g = document.getElementById("gradient");
    g.innerHTML = "";
    if (shown < n) {
      g.appendChild(el("p", { cls: "note", text: say(W.gradient_later, n) }));
      return;
    }
    var t = el("table", { id: "gradient-table" });
    t.appendChild(el("thead", {}, [el("tr", {}, [W.input, W.value, say(W.gradient_column, L), W.paths_column].map(function (h) { return el("th", { scope: "col", text: h }); }))]));
    var body = el("tbody");
    ex.gradient.forEach(function (e) {
      var paths = e.paths.map(function (p) { return p.factors.map(function (f) { return fmtOperand(f.partial); }).join(" \u00b7 ") + " = " + fmt(p.product); });
      var pathText = paths.length ? paths.join(";  ") + (paths.length > 1 ? "  " + say(W.path_sum, fmt(e.gradient)) : "")
        : (e.path_count === 1 ? W.long_path : e.path_count > 0 ? say(W.many_paths, fmt(e.path_count)) : say(W.no_path, L));
      body.appendChild(el("tr", {}, [el("td", { text: e.name }), el("td", { cls: "num", text: fmt(e.value) }),
        el("td", { cls: "num" }, [num(e.gradient, "gradient-table", { node: e.node })]), el("td", { cls: "math", text: pathText })]));
    });
    t.appendChild(body);
    g.appendChild(t);
  }

  // ---- the graph's highlights and revealed numbers ----
  function renderGraph() {
    var now = shown > 0 ? bwd[shown - 1] : null;
    fwd.forEach(function (s) {
      var ne = nodeEls[s.node], i = stepOf[s.node];
      var known = i !== undefined && i < shown;
      ne.adjoint.textContent = W.adjoint + " " + (known ? fmt(bwd[i].adjoint) : (s.reaches_loss ? "?" : offPath));
      ne.adjoint.setAttribute("class", known ? "" : "unknown");
      var cls = ne.g.getAttribute("class").replace(/ (now|feeding)/g, "");
      if (now && s.node === now.node) cls += " now";
      ne.g.setAttribute("class", cls);
    });
    edges.forEach(function (e) {
      var known = e.partial && e.step < shown && partialKnown(e.step, e.index);
      var p = e.partial, name = fwdOf[e.to].name, wrt = fwdOf[e.from].name;
      e.label.textContent = !p ? "" : p.vector_jacobian ? (known ? fmt(p.product) : "?") : d(name, wrt) + " = " + (known ? fmt(p.partial) : "?");
      e.label.setAttribute("class", known ? "" : "unknown");
      var cls = "edge";
      if (now && e.to === now.node) cls += " now";
      else if (now && e.from === now.node && e.partial) cls += " feeding";
      e.g.setAttribute("class", cls);
      e.g.firstChild.setAttribute("marker-end", "url(#" + (cls === "edge" ? "arrow" : cls === "edge now" ? "arrow-now" : "arrow-feeding") + ")");
      if (cls !== "edge") e.g.parentNode.appendChild(e.g);  // highlighted arrows on top of the others
    });
    // Keep the nodes above every arrow.
    fwd.forEach(function (s) { root.appendChild(nodeEls[s.node].g); });
    // A graph wider than its panel scrolls: bring this step's node into view.
    var wrap = document.getElementById("graph");
    if (now && wrap.scrollWidth > wrap.clientWidth) {
      var b = box[now.node], scale = root.getBoundingClientRect().width / width;
      wrap.scrollLeft = Math.max(0, (b.x + b.w / 2) * scale - wrap.clientWidth / 2);
    }
  }

  function updateScore() {
    var score = document.getElementById("score");
    if (!quiz) { score.textContent = ""; return; }
    var right = 0, firstTime = 0, asked = 0;
    Object.keys(answers).forEach(function (k) {
      asked++;
      if (answers[k] === "right") { right++; if (!tries[k]) firstTime++; }
    });
    score.textContent = say(W.score, right, asked, firstTime);
  }

  function render() {
    var nextBtn = document.getElementById("next");
    document.getElementById("back").disabled = shown === 0;
    var waiting = pending(shown - 1);
    nextBtn.disabled = shown === n && !waiting;
    nextBtn.textContent = (waiting ? W.reveal : W.next) + " \u25b6";
    document.getElementById("progress").textContent = say(shown === 0 ? W.progress_start : W.progress, shown, n);
    document.getElementById("mode-step").setAttribute("aria-pressed", String(!quiz));
    document.getElementById("mode-quiz").setAttribute("aria-pressed", String(quiz));
    renderGraph(); renderCard(); renderForward(); renderBackward(); renderGradient(); updateScore();
  }
  function next() {
    if (pending(shown - 1)) {
      bwd[shown - 1].partials.forEach(function (p, j) { if (!partialKnown(shown - 1, j)) answers[key(shown - 1, j)] = "revealed"; });
    } else if (shown < n) {
      shown++;
    }
    render(); if (quiz) focusNext();
  }
  function back() { if (shown > 0) { shown--; render(); } }
  function restart() { shown = 0; answers = {}; tries = {}; render(); }
  function showAll() {
    shown = n;
    if (quiz) bwd.forEach(function (s, i) { s.partials.forEach(function (p, j) { if (!partialKnown(i, j)) answers[key(i, j)] = "revealed"; }); });
    render();
  }
  function setMode(q) { quiz = q; restart(); }

  // Over data the page explains one row's loss; this table sums the rows (shown once, not stepped).
  function renderRows() {
    if (!ex.rows || !ex.total) return;
    var t = ex.total, r = ex.row, term = r.name + "_i", params = r.parameters, columns = r.columns;
    var scale = t.reduce === "mean" ? "(1/" + t.rows + ") · " : "";
    document.getElementById("rows-panel").hidden = false;
    document.getElementById("rows-heading").textContent = say(W.rows_sum, t.name, scale, term);
    document.getElementById("rows-intro").textContent = say(W.rows_intro, r.row, r.of, r.source, L);
    var head = [W.row].concat(columns, [term], params.map(function (p) { return d(term, p); }));
    var table = document.getElementById("rows-table");
    table.appendChild(el("thead", {}, [el("tr", {}, head.map(function (h) { return el("th", { scope: "col", text: h }); }))]));
    var body = el("tbody"), previous = 0;
    function gap(k) { body.appendChild(el("tr", {}, [el("td", { colspan: String(head.length), cls: "gap", text: "… " + say(W.more_rows[k], k) })])); }
    ex.rows.forEach(function (row) {
      if (row.row > previous + 1) gap(row.row - previous - 1);
      var cells = [String(row.row)].concat(columns.map(function (c) { return fmt(row.values[c]); }), [fmt(row.loss)],
        params.map(function (p) { return fmt(row.partials[p]); }));
      body.appendChild(el("tr", row.row === r.row ? { cls: "explained" } : {}, cells.map(function (c) { return el("td", { text: c }); })));
      previous = row.row;
    });
    if (previous < t.rows) gap(t.rows - previous);
    table.appendChild(body);
    var total = document.getElementById("rows-total");
    function line(of, symbol, sum, value, what) {
      var parts = [of + " = " + scale + "Σ " + symbol + " = "];
      if (scale) parts.push(scale + fmtOperand(sum) + " = ");
      total.appendChild(el("p", {}, parts.concat([num(value, what)])));
    }
    line(t.name, term, t.loss_sum, t.value, "total");
    params.forEach(function (p) { line(d(t.name, p), d(term, p), t.partial_sums[p], t.gradient[p], "total-gradient"); });
    total.appendChild(el("p", { cls: "note", text: t.reduce === "mean" ? W.mean_note : W.sum_note }));
  }
  renderRows();

  document.getElementById("next").addEventListener("click", next);
  document.getElementById("back").addEventListener("click", back);
  document.getElementById("restart").addEventListener("click", restart);
  document.getElementById("show-all").addEventListener("click", showAll);
  document.getElementById("mode-step").addEventListener("click", function () { setMode(false); });
  document.getElementById("mode-quiz").addEventListener("click", function () { setMode(true); });
  document.addEventListener("keydown", function (ev) {
    if (ev.target && (ev.target.tagName === "INPUT" || ev.target.tagName === "TEXTAREA")) return;
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (ev.key === "ArrowRight" || ev.key === "PageDown") { ev.preventDefault(); next(); }
    else if (ev.key === "ArrowLeft" || ev.key === "PageUp") { ev.preventDefault(); back(); }
    else if (ev.key === "Home") { ev.preventDefault(); restart(); }
    else if (ev.key === "End") { ev.preventDefault(); showAll(); }
  });
  render();
})();
)js";

}  // namespace tapegrad
