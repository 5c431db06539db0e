// The public statistics' charts (Apache ECharts), drawn from the table beside each one, so
// that a chart can never say other than its table. A withheld figure ("<5") is a gap.
(function () {
  "use strict";
  if (typeof echarts === "undefined") { return; }
  var BLUE = "#1f5fa8";

  function read(tableId) {
    var table = document.getElementById(tableId);
    var labels = [], values = [];
    if (!table) { return { labels: labels, values: values }; }
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      var cell = tr.querySelector("td[data-count]");
      var name = tr.querySelector("th");
      if (!cell || !name) { return; }
      labels.push(name.textContent.trim());
      values.push(cell.dataset.count === "" ? null : Number(cell.dataset.count));
    });
    return { labels: labels, values: values };
  }

  function option(kind, data) {
    var base = {
      animation: false,
      grid: { left: 8, right: 36, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      textStyle: { fontFamily: "inherit" }
    };
    if (kind === "columns") {
      base.xAxis = { type: "category", data: data.labels };
      base.yAxis = { type: "value", minInterval: 1 };
      base.series = [{ type: "bar", data: data.values, barMaxWidth: 28,
                       itemStyle: { color: BLUE }, label: { show: true, position: "top" } }];
    } else {
      base.xAxis = { type: "value", minInterval: 1 };
      base.yAxis = { type: "category", data: data.labels.slice().reverse(),
                     axisLabel: { width: 120, overflow: "truncate" } };
      base.series = [{ type: "bar", data: data.values.slice().reverse(), barMaxWidth: 22,
                       itemStyle: { color: BLUE }, label: { show: true, position: "right" } }];
    }
    return base;
  }

  document.querySelectorAll(".stats-chart").forEach(function (el) {
    var data = read(el.dataset.table);
    if (!data.labels.length) { el.hidden = true; return; }
    if (el.dataset.chart === "bars") {
      el.style.height = Math.max(160, 34 * data.labels.length + 40) + "px";
    }
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option(el.dataset.chart, data));
    el.dataset.drawn = String(data.values.filter(function (v) { return v !== null; }).length);
    window.addEventListener("resize", function () { chart.resize(); });
  });
}());
