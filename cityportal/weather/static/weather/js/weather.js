/* Brings the weather widget up to date from weather.json once the page has loaded.
   A page published as a static file keeps the observation it was rendered with; this
   replaces it with the current one, or with the "not available" note once it is too
   old. Without JavaScript the widget shows what was stored when the page was made. */
(function () {
  "use strict";
  if (!window.fetch || !document.querySelectorAll) return;

  function refresh(widget) {
    var url = widget.getAttribute("data-weather-url");
    if (!url) return;
    fetch(url, { credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || typeof data.html !== "string" || typeof data.version !== "string") return;
        // Unchanged: leave the page alone (no flicker, no lost focus).
        if (data.version === widget.getAttribute("data-weather-version")) return;
        // The HTML is the server's own escaped template (weather/observation.html).
        widget.innerHTML = data.html;
        widget.setAttribute("data-weather-version", data.version);
      })
      .catch(function () { /* offline or blocked: keep what the page showed */ });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".weather[data-weather-url]"), refresh);
})();
