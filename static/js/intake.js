// Bulk CV intake: drag-and-drop onto the form (the plain multiple file input works without
// JavaScript), and live progress of an intake, polled from its JSON endpoint.
(function () {
  "use strict";
  var zone = document.querySelector("[data-drop-zone]");
  if (zone) {
    var input = zone.querySelector("input[type=file]");
    var hint = zone.querySelector("[data-drop-hint]");
    var count = zone.querySelector("[data-drop-count]");
    if (hint) { hint.hidden = false; }
    var showCount = function () {
      if (count && input) { count.textContent = input.files.length + " ✓"; }
    };
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("drop-active");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("drop-active"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (input && event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        showCount();
      }
    });
    if (input) { input.addEventListener("change", showCount); }
  }

  var panel = document.querySelector("[data-intake-progress]");
  if (!panel) { return; }
  var POLL_MS = 1500;
  var url = panel.getAttribute("data-intake-progress");
  var bar = panel.querySelector("[data-intake-bar]");
  var read = panel.querySelector("[data-intake-read]");
  var failed = panel.querySelector("[data-intake-failed]");
  function render(item) {
    var row = document.querySelector('tr[data-item="' + item.id + '"]');
    if (!row) { return; }
    row.querySelector("[data-item-status]").textContent = item.status_label;
    row.querySelector("[data-item-message]").textContent = item.message;
    var cell = row.querySelector("[data-item-candidate]");
    if (item.candidate_url) {
      cell.textContent = "";
      var link = document.createElement("a");
      link.href = item.candidate_url;
      link.textContent = item.candidate;
      cell.appendChild(link);
      if (item.needs_completion) {
        var edit = document.createElement("a");
        edit.href = item.candidate_url + "edit/";
        edit.textContent = panel.getAttribute("data-complete-label") || "✎";
        cell.appendChild(document.createTextNode(" · "));
        cell.appendChild(edit);
      }
    }
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        var processed = state.done + state.failed;
        bar.max = Math.max(state.total, 1);
        bar.value = processed;
        read.textContent = processed;
        failed.textContent = state.failed;
        state.items.forEach(render);
        if (!state.is_finished) { window.setTimeout(poll, POLL_MS); }
      })
      .catch(function () { window.setTimeout(poll, POLL_MS * 5); });
  }
  poll();
})();
