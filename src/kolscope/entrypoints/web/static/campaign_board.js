// The outreach board's drag and drop. Dropping a card on a column presses the card's own
// move button for that stage (the same form that works without JavaScript), so the server
// checks the move exactly as it does for the buttons. A move the card does not offer is
// refused here with a message read out to screen readers.
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board) return;
  var words = {};
  try { words = JSON.parse(document.getElementById("board-words").textContent); } catch (e) { words = {}; }
  var status = document.getElementById("drag-status");
  var dragged = null;

  function say(text) {
    if (status) status.textContent = text;
  }

  function buttonFor(card, stage) {
    return card.querySelector('form.moves button[name="stage"][value="' + stage + '"]');
  }

  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest ? event.target.closest(".board-card") : null;
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.reference || "");
  });

  board.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    board.querySelectorAll(".column.drop-ok, .column.drop-no").forEach(function (column) {
      column.classList.remove("drop-ok", "drop-no");
    });
  });

  board.addEventListener("dragover", function (event) {
    var column = event.target.closest ? event.target.closest(".column") : null;
    if (!column || !dragged) return;
    var allowed = Boolean(buttonFor(dragged, column.dataset.stage));
    column.classList.toggle("drop-ok", allowed);
    column.classList.toggle("drop-no", !allowed);
    if (allowed) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
    }
  });

  board.addEventListener("dragleave", function (event) {
    var column = event.target.closest ? event.target.closest(".column") : null;
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-ok", "drop-no");
  });

  board.addEventListener("drop", function (event) {
    var column = event.target.closest ? event.target.closest(".column") : null;
    if (!column || !dragged) return;
    event.preventDefault();
    var button = buttonFor(dragged, column.dataset.stage);
    if (!button) {
      say(words.not_allowed || "");
      return;
    }
    button.click();  // posts the card's move form with this stage
  });
})();
