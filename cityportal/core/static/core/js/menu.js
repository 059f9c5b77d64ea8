/* The main menu as disclosure buttons: each section's channels open with a button that
   says whether it is expanded; Escape closes; on a narrow screen one "Menu" button
   shows the whole list. Without JavaScript every channel is listed, so nothing hides. */
(function () {
  "use strict";
  var nav = document.getElementById("main-nav");
  if (!nav) return;
  var toggle = nav.querySelector(".main-nav__toggle");
  var list = nav.querySelector(".main-nav__list");
  var expanders = nav.querySelectorAll(".main-nav__expand");
  var narrow = window.matchMedia("(max-width: 767px)");

  function setPanel(button, open) {
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (panel) panel.hidden = !open;
    button.parentNode.classList.toggle("is-open", open);
  }
  function closeAll(except) {
    for (var i = 0; i < expanders.length; i++) {
      if (expanders[i] !== except) setPanel(expanders[i], false);
    }
  }
  function setMenu(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    list.hidden = !open;
  }
  function layout() {
    if (narrow.matches) {
      toggle.hidden = false;
      setMenu(false);
    } else {
      toggle.hidden = true;
      list.hidden = false;
    }
  }

  for (var i = 0; i < expanders.length; i++) {
    expanders[i].hidden = false;
    setPanel(expanders[i], false);
    expanders[i].addEventListener("click", function (event) {
      var button = event.currentTarget;
      var open = button.getAttribute("aria-expanded") !== "true";
      closeAll(button);
      setPanel(button, open);
    });
  }
  toggle.addEventListener("click", function () {
    setMenu(toggle.getAttribute("aria-expanded") !== "true");
  });
  nav.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = nav.querySelector('.main-nav__expand[aria-expanded="true"]');
    if (open) {
      setPanel(open, false);
      open.focus();
    } else if (narrow.matches && toggle.getAttribute("aria-expanded") === "true") {
      setMenu(false);
      toggle.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (!nav.contains(event.target)) closeAll(null);
  });
  nav.addEventListener("focusout", function (event) {
    if (!narrow.matches && event.relatedTarget && !nav.contains(event.relatedTarget)) closeAll(null);
  });
  if (narrow.addEventListener) narrow.addEventListener("change", layout);
  layout();
})();
