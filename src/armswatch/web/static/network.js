// The actor flow network (overview and actor pages), drawn by the vendored cytoscape from the page's own data
// (<script type="application/json" id="network-data">, built by armswatch.web.network, which documents the
// encoding; the legend under the drawing explains it to the reader).
// - one line per supplier → recipient direction, labelled with its number of cases;
// - labels keep one on-screen size at every zoom; where two would overlap, the less important one is hidden
//   (fewer cases) until the reader zooms in or hovers it;
// - hovering shows a tooltip; clicking a line lists its cases in the panel beside the drawing, clicking an
//   actor opens its page.
(function () {
  "use strict";
  var holder = document.getElementById("network");
  var source = document.getElementById("network-data");
  if (!holder || !source || typeof window.cytoscape !== "function") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var tip = document.getElementById("network-tip");
  var panel = document.getElementById("network-panel");
  var flagColours = data.legend.flag_colours;
  var embargoNames = data.embargo_names;
  var NODE_LABEL_PX = 13;  // on-screen font sizes, whatever the zoom
  var EDGE_LABEL_PX = 12;
  var labels = {};
  var edgesById = {};

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function named(ids) {
    return ids.map(function (id) { return embargoNames[id] || id; }).join(", ");
  }

  // the tooltips: what a line or an actor stands for, in words
  function nodeTitle(n) {
    var lines = [n.label + " (" + data.legend.kind_names[n.kind] + ")",
                 "supplies in " + plural(n.supplies, "case") + ", receives in " + plural(n.receives, "case")];
    if (n.embargoes.length) {
      lines.push("target of the UN arms embargo on " + named(n.embargoes));
    }
    lines.push("Click to open its page.");
    return lines.join("\n");
  }

  function edgeTitle(e) {
    var rest = e.n_cases - e.n_happened;
    var lines = [labels[e.source] + " → " + labels[e.target] + ": " + plural(e.n_cases, "case") + ", " +
                   plural(e.n_claims, "claim"),
                 e.categories.map(function (c, i) { return c.replace(/_/g, " ") + " (" + e.category_cases[i] + ")"; })
                   .join(", "),
                 [e.n_happened ? e.n_happened + " delivered or ongoing" : "",
                  rest ? rest + " sought, negotiating or pledged" : ""].filter(Boolean).join(", "),
                 "best corroboration " + e.corroboration];
    if (e.embargoes.length) {
      lines.push("may breach the UN arms embargo on " + named(e.embargoes));
    }
    if (e.contested_embargoes.length) {
      lines.push("contested flag (denied claims only): " + named(e.contested_embargoes));
    }
    lines.push("Click to list the cases.");
    return lines.join("\n");
  }

  var elements = [];
  data.nodes.forEach(function (n) {
    labels[n.id] = n.label;
  });
  data.nodes.forEach(function (n) {
    elements.push({
      group: "nodes", classes: n.embargo_target ? "target" : "",
      data: { id: n.id, label: n.label, size: n.size, shape: n.shape, title: nodeTitle(n),
              url: "/actors/" + encodeURIComponent(n.id), weight: n.supplies + n.receives, kind: n.kind }
    });
  });
  data.edges.forEach(function (e) {
    edgesById[e.id] = e;
    elements.push({
      group: "edges", classes: e.flag ? "flag-" + e.flag : "",
      data: { id: e.id, source: e.source, target: e.target, colour: e.colour, width: e.width, lineStyle: e.style,
              label: e.label, title: edgeTitle(e), nCases: e.n_cases, flag: e.flag || "" }
    });
  });

  var cy = window.cytoscape({
    container: holder,
    elements: elements,
    minZoom: 0.2,
    maxZoom: 4,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "shape": "data(shape)", "width": "data(size)", "height": "data(size)",
        "background-color": "#e8ecf3", "border-width": 1.5, "border-color": "#44546a",
        "font-size": NODE_LABEL_PX, "color": "#1d2733", "text-valign": "bottom", "text-margin-y": 3,
        "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2,
        "text-background-shape": "roundrectangle", "z-index": 20 } },
      { selector: "node.target", style: { "border-color": flagColours.target, "border-width": 4 } },
      { selector: "edge", style: {
        "width": "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "arrow-scale": 1.3, "curve-style": "bezier",
        "control-point-step-size": 70, "line-style": "data(lineStyle)", "line-dash-pattern": [8, 5],
        "opacity": 0.85, "label": "data(label)", "font-size": EDGE_LABEL_PX, "font-weight": "bold",
        "color": "#1d2733", "text-background-color": "#ffffff", "text-background-opacity": 1,
        "text-background-padding": 2, "text-background-shape": "roundrectangle", "text-border-width": 1.5,
        "text-border-color": "data(colour)", "text-border-opacity": 1, "z-index": 10 } },
      { selector: "edge.flag-may_breach", style: {
        "underlay-color": flagColours.may_breach, "underlay-opacity": 0.4, "underlay-padding": 7 } },
      { selector: "edge.flag-contested", style: {
        "underlay-color": flagColours.contested, "underlay-opacity": 0.4, "underlay-padding": 7 } },
      { selector: ".label-hidden", style: {
        "text-opacity": 0, "text-background-opacity": 0, "text-border-opacity": 0 } },
      { selector: "edge.hover", style: { "opacity": 1, "z-index": 30, "overlay-opacity": 0.12 } },
      { selector: "edge:selected", style: { "opacity": 1, "z-index": 30, "overlay-color": "#0b5cad",
                                            "overlay-opacity": 0.25, "overlay-padding": 5 } },
      { selector: "node.hover, node:selected", style: { "border-width": 3, "z-index": 40 } },
      { selector: ".hover, :selected", style: {
        "text-opacity": 1, "text-background-opacity": 1, "text-border-opacity": 1 } }
    ],
    layout: { name: "circle", animate: false }
  });
  // ------------------------------------------------------------------ labels readable at every zoom
  function overlaps(a, b) {
    return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  }

  // Show labels by importance (actors with more cases, then lines with more cases), hiding any that
  // would overlap a label already shown or another actor; hovered and selected elements keep theirs.
  function declutter() {
    var order = cy.nodes().sort(function (a, b) { return b.data("weight") - a.data("weight"); }).toArray()
      .concat(cy.edges().sort(function (a, b) { return b.data("nCases") - a.data("nCases"); }).toArray());
    var bodies = cy.nodes().map(function (n) {
      return { id: n.id(), box: n.renderedBoundingBox({ includeLabels: false, includeOverlays: false,
                                                        includeUnderlays: false }) };
    });
    var shown = [];
    var hide = [];
    order.forEach(function (ele) {
      var box = ele.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true,
                                          includeOverlays: false, includeUnderlays: false });
      if (!box || !(box.w > 0)) {
        return;
      }
      var keep = ele.hasClass("hover") || ele.selected();
      var ends = ele.isEdge() ? [ele.source().id(), ele.target().id()] : [ele.id()];
      var onActor = bodies.some(function (b) { return ends.indexOf(b.id) < 0 && overlaps(box, b.box); });
      if (!keep && (onActor || shown.some(function (b) { return overlaps(box, b); }))) {
        hide.push(ele);
      } else {
        shown.push(box);
      }
    });
    cy.batch(function () {
      cy.elements().removeClass("label-hidden");
      hide.forEach(function (ele) { ele.addClass("label-hidden"); });
    });
    holder.setAttribute("data-labels-hidden", String(hide.length));
  }

  // Label sizes in model units are divided by the zoom, so they keep one size on screen (set per element,
  // which also renews cytoscape's cached label bounds).
  function fitLabels() {
    var z = cy.zoom();
    cy.batch(function () {
      cy.nodes().style({ "font-size": NODE_LABEL_PX / z, "text-margin-y": 3 / z, "text-background-padding": 2 / z });
      cy.edges().style({ "font-size": EDGE_LABEL_PX / z, "text-background-padding": 2 / z,
                         "text-border-width": 1.5 / z });
    });
    declutter();
    holder.setAttribute("data-zoom", String(z));
  }

  // once the zooming pauses: refitting every label at every wheel step would make zooming a large network jerk
  var pending = null;
  function rescale() {
    window.clearTimeout(pending);
    pending = window.setTimeout(fitLabels, 60);
  }
  cy.on("zoom", rescale);

  // ------------------------------------------------------------------------------------- tooltip
  function placeTip(pos) {
    if (!tip || tip.hidden) {
      return;
    }
    var x = Math.max(4, Math.min(pos.x + 14, holder.clientWidth - tip.offsetWidth - 4));
    var y = pos.y + 16 + tip.offsetHeight > holder.clientHeight ? pos.y - tip.offsetHeight - 10 : pos.y + 16;
    tip.style.left = x + "px";
    tip.style.top = Math.max(4, y) + "px";
  }
  cy.on("mouseover", "edge, node", function (evt) {
    evt.target.addClass("hover");
    holder.style.cursor = "pointer";
    if (tip) {
      tip.textContent = evt.target.data("title");
      tip.hidden = false;
      placeTip(evt.renderedPosition);
    }
  });
  cy.on("mousemove", "edge, node", function (evt) { placeTip(evt.renderedPosition); });
  cy.on("mouseout", "edge, node", function (evt) {
    evt.target.removeClass("hover");
    holder.style.cursor = "";
    if (tip) {
      tip.hidden = true;
    }
  });

  // ------------------------------------------------------------------- a line's cases, listed
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function caseItem(k) {
    var li = el("li", { "class": "panel-case", "data-case": k.id });
    var cat = el("span", { "class": "badge cat", "data-category": k.category });
    cat.appendChild(el("i", { "class": "swatch cat-" + k.category }));
    cat.appendChild(document.createTextNode(k.category.replace(/_/g, " ")));
    li.appendChild(cat);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", { "class": "badge status-" + k.status }, k.status));
    if (k.label) {
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("span", { "class": "badge" }, k.label));
    }
    k.embargoes.forEach(function (id) {
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("a", { "class": "badge flagged", href: "/embargoes/" + encodeURIComponent(id),
                               title: "may breach this embargo" }, id));
    });
    k.contested_embargoes.forEach(function (id) {
      li.appendChild(document.createTextNode(" "));
      li.appendChild(el("a", { "class": "badge flagged contested", href: "/embargoes/" + encodeURIComponent(id),
                               title: "contested: every claim behind this flag is denied" }, id + " · contested"));
    });
    var meta = "corroboration " + k.corroboration + (k.contested ? " (contested)" : "") + " · " +
      plural(k.claims, "claim") + " · " + (k.first || "undated") + (k.last && k.last !== k.first ? " – " + k.last : "");
    li.appendChild(el("div", { "class": "case-meta" }, meta));
    li.appendChild(el("a", { "class": "open", href: "/cases/" + k.id }, "case ›"));
    return li;
  }

  function listCases(id) {
    var e = edgesById[id];
    if (!panel || !e) {
      return;
    }
    panel.replaceChildren();
    panel.appendChild(el("h3", {}, labels[e.source] + " → " + labels[e.target]));
    panel.appendChild(el("p", { "class": "note" }, plural(e.n_cases, "case") + ", " + plural(e.n_claims, "claim") +
      ", most corroborated first"));
    var list = el("ul", { "class": "panel-cases" });
    e.cases.forEach(function (k) { list.appendChild(caseItem(k)); });
    panel.appendChild(list);
    panel.appendChild(el("a", { "class": "panel-more", href: e.cases_url },
      (e.n_cases === 1 ? "This case" : "These " + e.n_cases + " cases") + " in the case list ›"));
    panel.setAttribute("data-edge", id);
  }

  holder.addEventListener("mouseleave", function () {
    if (tip) {
      tip.hidden = true;
    }
  });

  cy.on("tap", "edge", function (evt) {
    if (tip) {
      tip.hidden = true;
    }
    cy.elements().unselect();
    evt.target.select();
    listCases(evt.target.id());
    declutter();
  });
  cy.on("tap", "node", function (evt) { window.location.href = evt.target.data("url"); });

  // ------------------------------------------------------------------------------------- layout
  // cose draws on random numbers: they are seeded here, so a page draws the same network at every visit.
  // Up to four seeds are tried on networks small enough for it to be quick (under 300 actors and lines: the
  // development corpus's 76 lay out four times in about 0.2 s), and the drawing hiding the fewest labels is kept.
  function seeded(seed) {  // mulberry32
    return function () {
      seed = (seed + 0x6D2B79F5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function cose(seed) {
    var random = Math.random;
    Math.random = seeded(seed);
    try {
      // hubs (Russia, Ukraine) repel in proportion to their lines, or everything around them knots
      // together; laid out in the container's shape, half as large again, so the drawing fills it and,
      // labels keeping their on-screen size, fewer of them overlap
      cy.layout({ name: "cose", animate: false, randomize: true, fit: true, padding: 30,
                  nodeRepulsion: function (n) { return 3000000 * (1 + n.degree()); }, nodeOverlap: 80,
                  idealEdgeLength: 200, edgeElasticity: 80, gravity: 0.05, numIter: 3000, componentSpacing: 80,
                  nodeDimensionsIncludeLabels: true,
                  boundingBox: { x1: 0, y1: 0, w: holder.clientWidth * 1.5, h: holder.clientHeight * 1.5 } }).run();
    } finally {
      Math.random = random;
    }
    fitLabels();
    return 10 * cy.nodes(".label-hidden").length + cy.edges(".label-hidden").length;
  }

  function layOut() {
    var n = cy.nodes().length;
    if (n <= 2) {
      fitLabels();
      return;
    }
    var tries = Math.max(1, Math.min(4, Math.floor(600 / (n + cy.edges().length))));
    var best = null;
    for (var seed = 1; seed <= tries; seed++) {
      var score = cose(seed);
      if (best === null || score < best.score) {
        best = { score: score, positions: {} };
        cy.nodes().forEach(function (node) { best.positions[node.id()] = Object.assign({}, node.position()); });
      }
    }
    cy.nodes().positions(function (node) { return best.positions[node.id()]; });
    cy.fit(undefined, 30);
    fitLabels();
  }

  layOut();
  window.armswatchNetwork = cy;  // for the browser tests and the curious
  holder.setAttribute("data-ready", "true");
})();
