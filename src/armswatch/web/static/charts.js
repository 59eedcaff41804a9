// Quantities reported over time on the case page: one chart per unit, one line per source.
// Data comes from the page (<script type="application/json" id="quantity-data">), drawn by Chart.js.
// The time axis is the reports' own span with a margin, ticked on calendar days, months or years: left to
// Chart.js, a single report stretched the axis over about eight years (5 % of the date in milliseconds on
// each side) and ticks fell on arbitrary instants, repeating one date.
(function () {
  "use strict";
  var source = document.getElementById("quantity-data");
  if (!source || typeof window.Chart !== "function") {
    return;
  }
  var palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
                 "#7f7f7f", "#bcbd22"];
  var DAY = 864e5;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var day = function (ms) { return new Date(ms).toISOString().slice(0, 10); };

  // The axis: the reports' span plus 5 % on each side, at least three weeks; a single date sits in the
  // middle of six weeks.
  function timeRange(xs) {
    var lo = Math.min.apply(null, xs);
    var hi = Math.max.apply(null, xs);
    var pad = Math.max((hi - lo) * 0.05, 21 * DAY);
    return { min: lo - pad, max: hi + pad };
  }

  // Ticks on calendar boundaries, the finest step giving at most 8 of them.
  function calendarTicks(min, max) {
    var steps = [[1, "day"], [7, "day"], [1, "month"], [3, "month"], [6, "month"], [1, "year"], [2, "year"],
                 [5, "year"], [10, "year"]];
    for (var i = 0; i < steps.length; i++) {
      var ticks = stepTicks(min, max, steps[i][0], steps[i][1]);
      if (ticks.length <= 8) {
        return ticks;
      }
    }
    return [];
  }

  function stepTicks(min, max, n, unit) {
    var d = new Date(min);
    var t = unit === "day" ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
      : unit === "month" ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - d.getUTCMonth() % n, 1)
        : Date.UTC(d.getUTCFullYear() - d.getUTCFullYear() % n, 0, 1);
    var out = [];
    while (t <= max && out.length <= 8) {
      if (t >= min) {
        var at = new Date(t);
        var label = unit === "day" ? day(t) : unit === "month" ? MONTHS[at.getUTCMonth()] + " " + at.getUTCFullYear()
          : String(at.getUTCFullYear());
        out.push({ value: t, label: label });
      }
      var next = new Date(t);
      if (unit === "day") {
        next.setUTCDate(next.getUTCDate() + n);
      } else if (unit === "month") {
        next.setUTCMonth(next.getUTCMonth() + n);
      } else {
        next.setUTCFullYear(next.getUTCFullYear() + n);
      }
      t = next.getTime();
    }
    return out;
  }

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
    // the grey line through every report only says something when more than one source reported
    var datasets = chart.series.length < 2 ? [] : [{
      label: "all reports", data: all, showLine: true, tension: 0, borderColor: "#9aa8b8",
      backgroundColor: "#9aa8b8", borderDash: [4, 4], borderWidth: 1.5, pointRadius: 0, pointHoverRadius: 0
    }];
    var range = timeRange(all.map(function (p) { return p.x; }));
    var ticks = calendarTicks(range.min, range.max);
    var labels = {};
    ticks.forEach(function (t) { labels[t.value] = t.label; });
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
          x: { type: "linear", min: range.min, max: range.max,
               afterBuildTicks: function (axis) { axis.ticks = ticks.map(function (t) { return { value: t.value }; }); },
               ticks: { autoSkip: false, callback: function (v) { return labels[v] || day(v); } },
               title: { display: true, text: "reported" } },
          y: { beginAtZero: true, grace: "10%", title: { display: true, text: chart.unit } }
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
