/* Text size chosen with the [A A] buttons, remembered in this browser (localStorage),
   applied before the page paints. No framework, no cookie sent to the server, so public
   pages stay identical for every visitor and can be published as static files. */
(function () {
  "use strict";
  var KEY = "cityportal.textSize";
  var SIZES = ["small", "normal", "large"];
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  function read() {
    try {
      var stored = window.localStorage.getItem(KEY);
      return SIZES.indexOf(stored) >= 0 ? stored : "normal";
    } catch (e) {
      return "normal";
    }
  }
  function apply(size) {
    root.setAttribute("data-text-size", size);
  }
  function save(size) {
    try { window.localStorage.setItem(KEY, size); } catch (e) { /* private mode: size lasts this page only */ }
  }
  function updateButtons() {
    var index = SIZES.indexOf(read());
    var buttons = document.querySelectorAll("[data-text-size-step]");
    for (var i = 0; i < buttons.length; i++) {
      var step = parseInt(buttons[i].getAttribute("data-text-size-step"), 10);
      var atLimit = (step < 0 && index === 0) || (step > 0 && index === SIZES.length - 1);
      buttons[i].setAttribute("aria-disabled", atLimit ? "true" : "false");
    }
  }

  apply(read());

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-text-size-step]") : null;
    if (!button) return;
    var step = parseInt(button.getAttribute("data-text-size-step"), 10);
    var index = Math.min(SIZES.length - 1, Math.max(0, SIZES.indexOf(read()) + step));
    save(SIZES[index]);
    apply(SIZES[index]);
    updateButtons();
  });
  document.addEventListener("DOMContentLoaded", updateButtons);
})();
