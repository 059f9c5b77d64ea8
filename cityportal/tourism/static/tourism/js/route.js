/* The "Print the itinerary" button: shown only where JavaScript can open the print
   dialog (the browser's own Print command works everywhere). */
(function () {
  "use strict";
  var holder = document.querySelector("[data-print-button]");
  if (!holder || typeof window.print !== "function") return;
  holder.hidden = false;
  holder.querySelector("button").addEventListener("click", function () { window.print(); });
})();
