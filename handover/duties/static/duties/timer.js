/* The running timer's elapsed time (h:mm:ss), counted from data-started (Unix seconds) on
   each .elapsed element. Loaded with `defer`; also set up on content htmx swaps in. */
(function () {
  "use strict";

  function pad(n) {
    return String(n).padStart(2, "0");
  }

  function start(el) {
    if (el.dataset.ticking) {
      return;
    }
    el.dataset.ticking = "1";
    var began = parseInt(el.dataset.started, 10) * 1000;
    function tick() {
      var s = Math.max(0, Math.floor((Date.now() - began) / 1000));
      el.textContent = Math.floor(s / 3600) + ":" + pad(Math.floor(s / 60) % 60) + ":" +
        pad(s % 60);
    }
    tick();
    setInterval(tick, 1000);
  }

  function setUp(root) {
    root.querySelectorAll(".elapsed[data-started]").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  } else {
    setUp(document);
  }
  document.addEventListener("htmx:load", function (event) { setUp(event.target); });
})();
