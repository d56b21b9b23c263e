// Draws every chart of the report with the Vega bundle inlined above (no network).
// Each chart's Vega-Lite spec is the JSON script element (class lkj-chart-spec) beside its view.
(function () {
  "use strict";
  var locale = __LKJ_FORMAT_LOCALE__;
  var boxes = document.querySelectorAll("figure.lkj-chart .lkj-chart-interactive");
  Array.prototype.forEach.call(boxes, function (box) {
    var figure = box.parentNode;
    try {
      var spec = JSON.parse(box.querySelector("script.lkj-chart-spec").textContent);
      var view = box.querySelector(".lkj-chart-view");
      window
        .vegaEmbed(view, spec, {
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
