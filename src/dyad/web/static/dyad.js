/* dyad web UI charts: the timeline and the actor network, drawn with the vendored ECharts.
   Data come from the page's embedded JSON (the same object the .json twin returns). */
(function () {
  "use strict";
  var el = document.getElementById("chart");
  var dataEl = document.getElementById("chart-data");
  if (!el || !dataEl || typeof echarts === "undefined") { return; }
  var data = JSON.parse(dataEl.textContent);
  var chart = echarts.init(el, null, { renderer: "canvas" });
  window.dyadChart = chart;
  // registered before any setOption, which may render (and finish) synchronously
  chart.on("finished", function () { document.body.dataset.chartReady = "1"; });
  var COLORS = { 1: "#6fbf73", 2: "#2e7d32", 3: "#f39c6b", 4: "#c0392b" };
  var QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation",
                     3: "verbal conflict", 4: "material conflict" };

  function query(extra) {
    var p = new URLSearchParams();
    var f = data.filters || {};
    Object.keys(f).forEach(function (k) { p.set(k, f[k]); });
    Object.keys(extra).forEach(function (k) { p.set(k, extra[k]); });
    return p.toString();
  }

  function iso(d) { return d.toISOString().slice(0, 10); }
  function step(d, bucket) {
    var n = new Date(d.getTime());
    if (bucket === "month") { n.setUTCMonth(n.getUTCMonth() + 1); }
    else { n.setUTCDate(n.getUTCDate() + (bucket === "week" ? 7 : 1)); }
    return n;
  }

  function timeline() {
    var rows = data.rows || [];
    var keys = [], counts = {}, periods = [];
    rows.forEach(function (r) {
      if (keys.indexOf(r.key) < 0) { keys.push(r.key); }
      counts[r.key + "|" + r.period] = r.count;
    });
    if (rows.length) {
      // a continuous axis, so gaps show as gaps; capped to keep the page responsive
      var d = new Date(rows[0].period + "T00:00:00Z");
      var last = new Date(rows[rows.length - 1].period + "T00:00:00Z");
      while (d <= last && periods.length < 20000) { periods.push(iso(d)); d = step(d, data.bucket); }
    }
    keys.sort();
    // open zoomed on where most events are: a few historical dates (a 1990s treaty)
    // would otherwise squeeze the recent years into a sliver
    var totals = periods.map(function (p) {
      return keys.reduce(function (n, k) { return n + (counts[k + "|" + p] || 0); }, 0);
    });
    var all = totals.reduce(function (a, b) { return a + b; }, 0), seen = 0, first = 0;
    for (var i = 0; i < totals.length; i++) {
      seen += totals[i];
      if (seen > all * 0.03) { first = i; break; }
    }
    var startPct = periods.length ? Math.max(0, Math.floor(100 * first / periods.length) - 1) : 0;
    var series = keys.map(function (k) {
      return {
        name: data.by === "quad" ? k + " " + QUAD_NAMES[k] : k, type: "bar", stack: "all",
        itemStyle: data.by === "quad" ? { color: COLORS[k] } : undefined,
        emphasis: { focus: "series" }, large: true, key: k,
        data: periods.map(function (p) { return counts[k + "|" + p] || 0; })
      };
    });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { type: "scroll", top: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 70 },
      xAxis: { type: "category", data: periods },
      yAxis: { type: "value", minInterval: 1 },
      dataZoom: [{ type: "inside", start: startPct, end: 100 },
                 { type: "slider", bottom: 15, start: startPct, end: 100 }],
      series: series
    });
    chart.on("click", function (p) {
      var since = periods[p.dataIndex];
      var until = iso(new Date(step(new Date(since + "T00:00:00Z"), data.bucket) - 86400000));
      var key = series[p.seriesIndex].key;
      var extra = { since: since, until: until };
      extra[data.by === "quad" ? "quad" : "event"] = key;
      if (data.view) { extra.view = data.view; }  // the events behind a bar, in the same view
      window.location.href = "/events?" + query(extra);
    });
  }

  function network() {
    var nodes = (data.nodes || []).map(function (n) {
      return { id: String(n.id), name: n.label, value: n.events,
               symbolSize: 8 + Math.min(40, Math.sqrt(n.events) * 4),
               category: n.kind || "actor" };
    });
    var maxCount = Math.max.apply(null, [1].concat((data.rows || []).map(function (r) { return r.count; })));
    var links = (data.rows || []).map(function (r) {
      return { source: String(r.source), target: String(r.target), value: r.count,
               raw: r,
               lineStyle: { width: 1 + 7 * r.count / maxCount,
                            color: r.tone === "cooperation" ? "#2e8b57" : "#c0392b",
                            opacity: 0.7, curveness: 0.15 } };
    });
    var cats = [];
    nodes.forEach(function (n) { if (cats.indexOf(n.category) < 0) { cats.push(n.category); } });
    chart.setOption({
      animation: false,
      tooltip: { formatter: function (p) {
        if (p.dataType === "edge") {
          var r = p.data.raw;
          return echarts.format.encodeHTML(r.source_label + " → " + r.target_label) + "<br>" +
            r.count + " events: " + r.cooperation + " cooperation, " + r.conflict + " conflict";
        }
        return echarts.format.encodeHTML(p.data.name) + "<br>" + p.data.value + " events";
      } },
      legend: { data: cats, top: 0 },
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true,
        categories: cats.map(function (c) { return { name: c }; }),
        force: { repulsion: 260, edgeLength: [60, 180], gravity: 0.08, layoutAnimation: false },
        label: { show: true, position: "right", fontSize: 11 },
        edgeSymbol: ["none", "arrow"], edgeSymbolSize: 7,
        emphasis: { focus: "adjacency" },
        data: nodes, links: links
      }]
    });
    chart.on("click", function (p) {
      if (p.dataType === "edge") {
        window.location.href = "/events?" + query({ source: p.data.source, target: p.data.target });
      } else if (p.dataType === "node") {
        window.location.href = "/actors/" + encodeURIComponent(p.data.id);
      }
    });
  }

  if (el.dataset.kind === "timeline") { timeline(); } else { network(); }
  window.addEventListener("resize", function () { chart.resize(); });
})();
