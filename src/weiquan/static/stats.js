// The dashboard's charts (weiquan.stats): each drawn with Apache ECharts, as SVG, from the
// figures the page carries in #stats-charts; the table beside each chart holds the same numbers.
(function () {
  "use strict";
  var source = document.getElementById("stats-charts");
  if (!source || !window.echarts) return;
  var specs = JSON.parse(source.textContent);
  var font = 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var colours = ["#c8102e", "#1f6feb", "#1a7f37", "#9a6700", "#8250df", "#0a7e8c",
                 "#bc4c00", "#57606a", "#cf222e", "#116329", "#0550ae", "#953800"];

  function unitOf(spec) {
    return function (params) {
      var v = params.value;
      if (v === null || v === undefined || v === "") return "";
      if (spec.unit === "%") return Number(v).toFixed(1) + "%";  // a rate of nothing says so
      if (Number(v) === 0) return "";
      if (spec.unit === "¥") return "¥" + Number(v).toLocaleString(undefined, {maximumFractionDigits: 2});
      return String(v);
    };
  }

  function option(spec) {
    var label = {show: true, formatter: unitOf(spec), fontFamily: font, color: "#1f2328"};
    var base = {
      animation: false,
      color: colours,
      textStyle: {fontFamily: font},
      tooltip: {trigger: "axis", renderMode: "richText", axisPointer: {type: "shadow"}},
      grid: {left: 8, right: 48, top: 16, bottom: 8, containLabel: true}
    };
    var names = spec.categories;
    if (spec.kind === "stacked") {
      base.legend = {type: "scroll", top: 0, textStyle: {fontFamily: font}};
      base.grid.top = 40;
      base.xAxis = {type: "category", data: names};
      base.yAxis = {type: "value", minInterval: 1};
      base.series = spec.series.map(function (s) {
        return {type: "bar", name: s.name, stack: "all", data: s.data,
                label: Object.assign({}, label, {position: "inside", color: "#fff"})};
      });
      return base;
    }
    var series = {type: "bar", name: spec.series[0].name, data: spec.series[0].data,
                  barMaxWidth: 36, label: label};
    if (spec.kind === "hbar") {
      base.xAxis = {type: "value", minInterval: 1};
      base.yAxis = {type: "category", data: names, inverse: true,
                    axisLabel: {width: 120, overflow: "truncate"}};
      series.label = Object.assign({}, label, {position: "right"});
    } else {
      base.xAxis = {type: "category", data: names, axisLabel: {interval: 0, hideOverlap: true}};
      base.yAxis = {type: "value", max: spec.unit === "%" ? 100 : null};
      series.label = Object.assign({}, label, {position: "top"});
    }
    base.series = [series];
    return base;
  }

  var charts = [];
  Array.prototype.forEach.call(document.querySelectorAll(".chart[data-chart]"), function (el) {
    var spec = specs[el.getAttribute("data-chart")];
    if (!spec || !spec.categories.length) return;
    if (spec.kind === "hbar") el.style.height = (spec.categories.length * 32 + 48) + "px";
    var chart = window.echarts.init(el, null, {renderer: "svg"});
    chart.setOption(option(spec));
    el.setAttribute("data-drawn", "true");
    charts.push(chart);
  });
  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
