// The tracking tab: copy a short link with one press, and refresh each creator's clicks,
// orders and money every 15 seconds while the page is visible. The server writes every
// number in the reader's language (/campaigns/N/tracking/live); this only puts the text in
// place, so the page reads the same with or without JavaScript.
(function () {
  "use strict";
  var words = {};
  try { words = JSON.parse(document.getElementById("tracking-words").textContent); } catch (e) { words = {}; }

  document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy");
      var done = function () {
        button.classList.add("done");
        button.setAttribute("aria-live", "polite");
        var before = button.textContent;
        button.textContent = words.copied || before;
        setTimeout(function () { button.textContent = before; button.classList.remove("done"); }, 1500);
      };
      var fallback = function () {
        var field = button.parentNode.querySelector("input.short-url");
        if (field) { field.focus(); field.select(); }
        button.title = words.copy_failed || "";
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  });

  // Retiring a link cannot be undone: ask first (without JavaScript the button just posts).
  document.querySelectorAll("form.retire[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });

  var match = window.location.pathname.match(/^\/campaigns\/(\d+)\/tracking\/?$/);
  if (!match) return;
  var url = "/campaigns/" + match[1] + "/tracking/live";
  var EVERY = 15000;

  function put(selector, text) {
    var node = document.querySelector(selector);
    if (node && typeof text === "string" && node.textContent !== text) node.textContent = text;
  }

  function refresh() {
    if (document.hidden) return;
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (live) {
        if (!live) return;
        Object.keys(live.creators || {}).forEach(function (key) {
          var numbers = live.creators[key];
          Object.keys(numbers).forEach(function (field) {
            put('[data-live="' + key + '"][data-field="' + field + '"]', numbers[field]);
          });
        });
        Object.keys(live.totals || {}).forEach(function (field) {
          put('[data-total="' + field + '"]', live.totals[field]);
        });
      })
      .catch(function () { /* offline for a moment: the next round tries again */ });
  }

  setInterval(refresh, EVERY);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) refresh(); });
})();
