/* Map pages. (1) The map picture zooms with buttons (keyboard-usable); the viewport
   scrolls, and takes focus so the arrow keys move around. Without JavaScript the
   buttons are hidden and the "full-size picture" link does the same job.
   (2) The optional online map: a 3 × 3 grid of tiles from the tile server in the
   settings. If a tile fails to load (or none arrives within ten seconds), the online
   map is hidden and a message says that the picture and its text description show the
   same area. */
(function () {
  "use strict";
  var FACTORS = [1, 1.5, 2, 3, 4];
  var TILE_TIMEOUT_MS = 10000;

  function setUpZoom(figure) {
    var viewport = figure.querySelector("[data-zoom-viewport]");
    var image = figure.querySelector("[data-zoom-image]");
    var level = figure.querySelector("[data-zoom-level]");
    var template = level.getAttribute("data-template");
    var index = 0;

    function apply() {
      var factor = FACTORS[index];
      if (factor === 1) {
        image.style.width = "";
        image.sizes = "(max-width: 1000px) 100vw, 960px";
      } else {
        var width = Math.round(viewport.clientWidth * factor);
        image.style.width = width + "px";
        // The browser then picks a rendition large enough for the zoomed size.
        image.sizes = width + "px";
      }
      level.textContent = template.replace("{percent}", String(Math.round(factor * 100)));
      figure.querySelector('[data-zoom-step="1"]').disabled = index === FACTORS.length - 1;
      figure.querySelector('[data-zoom-step="-1"]').disabled = index === 0;
    }

    Array.prototype.forEach.call(figure.querySelectorAll("[data-zoom-step]"), function (button) {
      button.addEventListener("click", function () {
        var step = Number(button.getAttribute("data-zoom-step"));
        var centreX = (viewport.scrollLeft + viewport.clientWidth / 2) / Math.max(viewport.scrollWidth, 1);
        var centreY = (viewport.scrollTop + viewport.clientHeight / 2) / Math.max(viewport.scrollHeight, 1);
        index = step === 0 ? 0 : Math.min(Math.max(index + step, 0), FACTORS.length - 1);
        apply();
        // Keep the same point of the map in the middle of the viewport.
        viewport.scrollLeft = centreX * viewport.scrollWidth - viewport.clientWidth / 2;
        viewport.scrollTop = centreY * viewport.scrollHeight - viewport.clientHeight / 2;
      });
    });
    apply();
  }

  function tileNumbers(lat, lon, zoom) {
    var n = Math.pow(2, zoom);
    var rad = lat * Math.PI / 180;
    return {
      x: (lon + 180) / 360 * n,
      y: (1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n,
      n: n
    };
  }

  function setUpTiles(box) {
    var url = box.getAttribute("data-url");
    var lat = Number(box.getAttribute("data-lat"));
    var lon = Number(box.getAttribute("data-lon"));
    var zoom = Number(box.getAttribute("data-zoom"));
    var grid = box.querySelector("[data-tiles]");
    var failed = box.parentNode.querySelector("[data-tile-failed]");
    var gaveUp = false;

    function fail() {
      if (gaveUp) return;
      gaveUp = true;
      box.hidden = true;
      failed.hidden = false;
    }

    var waiting = null;

    function draw() {
      var t = tileNumbers(lat, lon, zoom);
      // A tile server that never answers (a network that drops requests) counts as
      // failed too, rather than leaving an empty frame on the page.
      clearTimeout(waiting);
      waiting = setTimeout(function () {
        var images = grid.querySelectorAll("img[src]");
        for (var i = 0; i < images.length; i++) {
          if (!images[i].complete || images[i].naturalWidth === 0) { fail(); return; }
        }
      }, TILE_TIMEOUT_MS);
      var cx = Math.floor(t.x), cy = Math.floor(t.y);
      grid.textContent = "";
      // The grid's top-left tile is (cx-1, cy-1); shift it so the place is centred.
      grid.style.transform = "translate(" + (-(256 + (t.x - cx) * 256)) + "px," + (-(256 + (t.y - cy) * 256)) + "px)";
      for (var dy = -1; dy <= 1; dy++) {
        for (var dx = -1; dx <= 1; dx++) {
          var img = document.createElement("img");
          var x = ((cx + dx) % t.n + t.n) % t.n, y = cy + dy;
          img.alt = "";
          img.width = 256;
          img.height = 256;
          if (y < 0 || y >= t.n) { grid.appendChild(img); continue; }
          img.addEventListener("error", fail);
          img.src = url.replace("{z}", zoom).replace("{x}", x).replace("{y}", y);
          grid.appendChild(img);
        }
      }
    }

    Array.prototype.forEach.call(box.querySelectorAll("[data-tile-zoom]"), function (button) {
      button.addEventListener("click", function () {
        zoom = Math.min(Math.max(zoom + Number(button.getAttribute("data-tile-zoom")), 1), 18);
        draw();
      });
    });
    box.hidden = false;
    draw();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-map-zoom]"), setUpZoom);
    Array.prototype.forEach.call(document.querySelectorAll("[data-tile-map]"), setUpTiles);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
