// FairMatch kanban board: drag a card onto a column to move the application there.
// Plain JavaScript (HTML5 drag and drop), no CDN, no inline script. A drop submits the card's
// own move form, so a drag goes through the same view, service and audit as the keyboard
// path (the card's menu and "Move" button), which works without JavaScript.
(function () {
  "use strict";
  var board = document.querySelector("[data-kanban]");
  if (!board) { return; }
  var columns = board.querySelectorAll("[data-kanban-column]");
  var dragged = null;

  function allows(card, status) {
    return (card.getAttribute("data-allowed") || "").split(" ").indexOf(status) >= 0;
  }

  function mark(card) {
    columns.forEach(function (column) {
      if (allows(card, column.getAttribute("data-status"))) { column.classList.add("drop-allowed"); }
    });
  }

  function unmark() {
    columns.forEach(function (column) {
      column.classList.remove("drop-allowed", "drop-target");
    });
  }

  board.querySelectorAll("[data-application][draggable='true']").forEach(function (card) {
    card.addEventListener("dragstart", function (event) {
      dragged = card;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.getAttribute("data-application"));
      card.classList.add("dragging");
      mark(card);
    });
    card.addEventListener("dragend", function () {
      card.classList.remove("dragging");
      unmark();
      dragged = null;
    });
  });

  columns.forEach(function (column) {
    var status = column.getAttribute("data-status");
    column.addEventListener("dragover", function (event) {
      if (!dragged || !allows(dragged, status)) { return; }
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      column.classList.add("drop-target");
    });
    column.addEventListener("dragleave", function () { column.classList.remove("drop-target"); });
    column.addEventListener("drop", function (event) {
      event.preventDefault();
      var card = dragged;
      unmark();
      if (!card || !allows(card, status)) { return; }
      var form = card.querySelector("[data-move-form]");
      if (!form) { return; }
      form.elements.to_status.value = status;
      card.classList.add("moving");
      form.submit();
    });
  });
})();
