/* Gallery viewer. Without JavaScript each thumbnail is a plain link to the large
   picture. With it, a link opens the picture in a modal dialog: the arrow keys (or the
   buttons) move between pictures, Escape (or Close) closes it, and focus returns to the
   thumbnail of the picture last shown. */
(function () {
  "use strict";

  function setUp(gallery) {
    var dialog = document.getElementById(gallery.getAttribute("data-gallery-viewer"));
    if (!dialog || typeof dialog.showModal !== "function") return;
    var links = Array.prototype.slice.call(gallery.querySelectorAll("[data-gallery-link]"));
    if (!links.length) return;
    var image = dialog.querySelector("[data-viewer-image]");
    var caption = dialog.querySelector("[data-viewer-caption]");
    var title = dialog.querySelector("[data-viewer-title]");
    var previous = dialog.querySelector("[data-viewer-prev]");
    var next = dialog.querySelector("[data-viewer-next]");
    var titleTemplate = title.getAttribute("data-template");
    var current = 0;

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      image.src = link.getAttribute("data-view-src");
      image.srcset = link.getAttribute("data-view-srcset");
      image.width = Number(link.getAttribute("data-view-width"));
      image.height = Number(link.getAttribute("data-view-height"));
      image.alt = link.getAttribute("data-alt");
      var text = link.getAttribute("data-caption");
      caption.textContent = text;
      caption.hidden = !text;
      title.textContent = titleTemplate
        .replace("{number}", String(current + 1))
        .replace("{total}", String(links.length));
    }

    function open(index) {
      show(index);
      if (!dialog.open) dialog.showModal();
      dialog.querySelector("[data-viewer-close]").focus();
    }

    links.forEach(function (link, index) {
      link.setAttribute("aria-haspopup", "dialog");
      link.addEventListener("click", function (event) {
        // Ctrl/Cmd/Shift-click keeps the link's own meaning (a new tab or window).
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        open(index);
      });
    });
    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    dialog.querySelector("[data-viewer-close]").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
      else if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
      else if (event.key === "Tab") {
        // The page behind is inert, but Tab would still leave for the browser's own
        // controls: keep it going round the dialog's buttons.
        var buttons = dialog.querySelectorAll("button");
        var first = buttons[0], last = buttons[buttons.length - 1];
        if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
        else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
      }
    });
    // Escape fires "cancel" and closes the dialog natively; both ways end in "close".
    dialog.addEventListener("close", function () { links[current].focus(); });
    // A click on the backdrop (outside the dialog's box) closes it too.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) {
        var box = dialog.getBoundingClientRect();
        var inside = event.clientX >= box.left && event.clientX <= box.right &&
          event.clientY >= box.top && event.clientY <= box.bottom;
        if (!inside) dialog.close();
      }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-gallery]"), setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
