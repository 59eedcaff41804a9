// The actor flow network (overview and actor pages): actors as nodes, cases as edges supplier → recipient.
// Edge colour = category, width = corroboration, solid = delivered/ongoing, dashed = pledged/negotiating/sought.
// Data comes from the page itself (<script type="application/json" id="network-data">), drawn by cytoscape.
(function () {
  "use strict";
  var holder = document.getElementById("network");
  var source = document.getElementById("network-data");
  if (!holder || !source || typeof window.cytoscape !== "function") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({ group: "nodes", data: { id: n.id, label: n.label, size: n.size } });
  });
  data.edges.forEach(function (e) {
    elements.push({
      group: "edges",
      data: {
        id: "case-" + e.id, caseId: e.id, source: e.source, target: e.target, colour: e.colour,
        width: e.width, lineStyle: e.style, url: e.url, title: e.title, category: e.category, status: e.status
      }
    });
  });
  var cy = window.cytoscape({
    container: holder,
    elements: elements,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "width": "data(size)", "height": "data(size)", "background-color": "#e8ecf3",
        "border-width": 1.5, "border-color": "#44546a", "font-size": 11, "color": "#1d2733",
        "text-valign": "bottom", "text-margin-y": 3, "text-background-color": "#ffffff",
        "text-background-opacity": 0.75, "text-background-padding": 1 } },
      { selector: "edge", style: {
        "width": "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "arrow-scale": 0.9, "curve-style": "bezier",
        "line-style": "data(lineStyle)", "line-dash-pattern": [7, 5], "opacity": 0.8 } },
      { selector: "edge:selected, edge.hover", style: { "opacity": 1, "z-index": 10, "overlay-opacity": 0.12 } },
      { selector: "node.hover", style: { "border-width": 3 } }
    ],
    layout: { name: "circle", animate: false }
  });
  if (cy.nodes().length > 2) {
    // spread busy networks more: hubs (Russia, Ukraine) otherwise pull everything into a knot
    var spread = Math.min(3, 1 + cy.edges().length / 60);
    cy.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: 60000 * spread,
                nodeOverlap: 40, idealEdgeLength: 110 * spread, edgeElasticity: 60, gravity: 0.4,
                componentSpacing: 60, nestingFactor: 1.2, numIter: 2500, fit: true, padding: 40,
                nodeDimensionsIncludeLabels: true,
                // lay out in the container's shape, so the drawing fills it instead of a narrow column
                boundingBox: { x1: 0, y1: 0, w: holder.clientWidth * 1.2, h: holder.clientHeight * 1.2 } }).run();
  }
  cy.on("tap", "edge", function (evt) { window.location.href = evt.target.data("url"); });
  cy.on("tap", "node", function (evt) {
    window.location.href = "/actors/" + encodeURIComponent(evt.target.id());
  });
  cy.on("mouseover", "edge, node", function (evt) {
    evt.target.addClass("hover");
    holder.title = evt.target.isEdge() ? evt.target.data("title") : evt.target.data("label");
    holder.style.cursor = "pointer";
  });
  cy.on("mouseout", "edge, node", function (evt) {
    evt.target.removeClass("hover");
    holder.title = "";
    holder.style.cursor = "";
  });
  window.armswatchNetwork = cy;  // for the browser tests and the curious
  holder.setAttribute("data-ready", "true");
})();
