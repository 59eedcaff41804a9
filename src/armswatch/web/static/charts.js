// Quantities reported over time on the case page: one chart per unit, one line per source.
// Data comes from the page (<script type="application/json" id="quantity-data">), drawn by Chart.js.
(function () {
  "use strict";
  var source = document.getElementById("quantity-data");
  if (!source || typeof window.Chart !== "function") {
    return;
  }
  var palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                 "#7f7f7f", "#bcbd22"];
  var day = function (ms) { return new Date(ms).toISOString().slice(0, 10); };
  var charts = JSON.parse(source.textContent);
  charts.forEach(function (chart, i) {
    var canvas = document.getElementById("quantities-" + i);
    if (!canvas) {
      return;
    }
    // Every report in date order first (grey): how the reported figure moved, whoever reported it;
    // then one series per source.
    var all = [];
    chart.series.forEach(function (s) {
      s.points.forEach(function (p) {
        all.push({ x: Date.parse(p.x), y: p.y, text: p.text, claim: p.claim, status: p.status });
      });
    });
    all.sort(function (a, b) { return a.x - b.x || a.y - b.y; });
    var datasets = [{
      label: "all reports", data: all, showLine: true, tension: 0, borderColor: "#9aa8b8",
      backgroundColor: "#9aa8b8", borderDash: [4, 4], borderWidth: 1.5, pointRadius: 0, pointHoverRadius: 0
    }];
    datasets = datasets.concat(chart.series.map(function (s, j) {
      var colour = palette[j % palette.length];
      return {
        label: s.label,
        data: s.points.map(function (p) {
          return { x: Date.parse(p.x), y: p.y, text: p.text, claim: p.claim, status: p.status };
        }),
        borderColor: colour, backgroundColor: colour, showLine: true, tension: 0, pointRadius: 4,
        pointHoverRadius: 6
      };
    }));
    new window.Chart(canvas, {
      type: "scatter",
      data: { datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { type: "linear", ticks: { callback: function (v) { return day(v); }, maxTicksLimit: 8 },
               title: { display: true, text: "reported" } },
          y: { beginAtZero: true, title: { display: true, text: chart.unit } }
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: { callbacks: { label: function (ctx) {
            var p = ctx.raw;
            return ctx.dataset.label + ": " + (p.text || p.y) + " " + chart.unit + " (" + p.status + ", " + day(p.x) + ")";
          } } }
        },
        onClick: function (_evt, active) {
          if (active.length) {
            var p = datasets[active[0].datasetIndex].data[active[0].index];
            window.location.href = "/claims/" + p.claim;
          }
        }
      }
    });
  });
  document.body.setAttribute("data-charts-ready", String(charts.length));
})();
