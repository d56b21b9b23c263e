// lkj preview only (lkj.build.live): bring the page up to date when the report changes. Never
// part of a published report. The server answers /__lkj__/wait as soon as the page's version
// changes (or after some seconds with the same version); a lost server is asked again every
// second. A new version replaces the report's <main> and the error banner in place, keeping
// the scroll position, and draws the charts again with the Vega runtime already loaded; when
// anything else differs (the page's <head>, no Vega runtime yet) the page is reloaded.
(function () {
  "use strict";
  var version = __LKJ_PREVIEW_VERSION__;
  var BANNER = "lkj-preview-error";

  function replaceBanner(fresh) {
    var old = document.getElementById(BANNER);
    var next = fresh.getElementById(BANNER);
    if (old) {
      old.parentNode.removeChild(old);
    }
    if (next) {
      document.body.insertBefore(document.importNode(next, true), document.body.firstChild);
    }
  }

  // The page's own <head> (vega-embed adds its styles to the live one).
  function head(doc) {
    var own = doc.head.querySelectorAll("title, meta, style[id^='lkj-']");
    return Array.prototype.map.call(own, function (element) {
      return element.outerHTML;
    }).join("\n");
  }

  function update(text) {
    var fresh = new DOMParser().parseFromString(text, "text/html");
    var main = document.querySelector("main.lkj-report");
    var next = fresh.querySelector("main.lkj-report");
    var charts = fresh.getElementById("lkj-charts");
    var runtime = document.getElementById("lkj-vega-bundle");
    if (
      !main || !next || head(fresh) !== head(document) ||
      (charts && !(runtime && window.vegaEmbed))
    ) {
      window.location.reload();
      return;
    }
    main.parentNode.replaceChild(document.importNode(next, true), main);
    replaceBanner(fresh);
    if (charts) {
      var script = document.createElement("script");
      script.textContent = charts.textContent;
      document.body.appendChild(script);
      document.body.removeChild(script);
    }
  }

  function wait() {
    fetch("/__lkj__/wait?version=" + version, { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (state) {
        if (state.version === version) {
          return null;
        }
        return fetch("/", { cache: "no-store" }).then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.text().then(function (text) {
            update(text);
            version = state.version;
          });
        });
      })
      .then(wait, function () {
        window.setTimeout(wait, 1000);
      });
  }
  wait();
})();
