// Draws every chart of the report with the Vega bundle inlined above (no network).
// Each chart's Vega-Lite spec is the JSON script element (class lkj-chart-spec) beside its view.
// On screen a chart takes the width of its container (Vega-Lite width "container"): a single or
// layered view stretches or shrinks with the page, a faceted one puts as many panels side by
// side as fit, so no chart is wider than a phone's screen. The static SVG (print) keeps the
// spec's own sizes.
(function () {
  "use strict";
  var locale = __LKJ_FORMAT_LOCALE__;
  var MIN_WIDTH = 240; // px: narrower than this, a chart scrolls inside its box instead

  // A height given per category ({"step": 20}) as a number of pixels: Vega-Lite fits only a
  // continuous size to the container (and warns about a discrete one).
  function stepHeight(spec) {
    var step = spec.height && spec.height.step;
    if (!step) return null;
    var units = spec.layer || [spec];
    for (var i = 0; i < units.length; i++) {
      var y = units[i].encoding && units[i].encoding.y;
      var data = units[i].data || spec.data;
      if (y && y.field && data && data.values) {
        var seen = {};
        data.values.forEach(function (row) {
          seen[JSON.stringify(row[y.field])] = true;
        });
        return Object.keys(seen).length * step;
      }
    }
    return null;
  }

  function fitted(spec, available) {
    var copy = JSON.parse(JSON.stringify(spec));
    if (available < 480) {  // a phone: legend entries one under the other, never cut off
      copy.config = copy.config || {};
      copy.config.legend = Object.assign({}, copy.config.legend, { columns: 1, labelLimit: 0 });
    }
    if (copy.facet && copy.spec) {
      var panel = typeof copy.spec.width === "number" ? copy.spec.width : 150;
      var columns = Math.max(1, Math.floor((available - 40) / (panel + 50)));
      copy.columns = Math.min(copy.columns || columns, columns);
      return copy;
    }
    if (typeof copy.width === "number") {
      var height = stepHeight(copy);
      if (height !== null) copy.height = height;
      if (typeof copy.height === "number") {
        copy.width = "container";
        copy.autosize = { type: "fit-x", contains: "padding", resize: true };
      }
    }
    return copy;
  }

  var boxes = document.querySelectorAll("figure.lkj-chart .lkj-chart-interactive");
  Array.prototype.forEach.call(boxes, function (box) {
    var figure = box.parentNode;
    try {
      var spec = JSON.parse(box.querySelector("script.lkj-chart-spec").textContent);
      var view = box.querySelector(".lkj-chart-view");
      var available = Math.max(MIN_WIDTH, box.clientWidth || MIN_WIDTH);
      window
        .vegaEmbed(view, fitted(spec, available), {
          actions: false,
          renderer: "svg",
          mode: "vega-lite",
          formatLocale: locale,
        })
        .then(function () {
          figure.classList.add("lkj-chart-ready");
        })
        .catch(function (error) {
          figure.classList.add("lkj-chart-failed");
          console.error("lkj: chart " + figure.id + " could not be drawn", error);
        });
    } catch (error) {
      figure.classList.add("lkj-chart-failed");
      console.error("lkj: chart " + figure.id + " could not be drawn", error);
    }
  });
})();
