// FairMatch: small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";

  // Ask once more before an irreversible erase.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  // ESCO skill suggestions for comma-separated skill inputs, through a native <datalist>:
  // each suggestion is the whole new value, so picking one completes the last item only.
  var MIN_CHARS = 2;
  var DELAY_MS = 200;

  function splitLast(value) {
    var cut = value.lastIndexOf(",");
    if (cut < 0) { return { head: "", last: value.trim() }; }
    return { head: value.slice(0, cut + 1) + " ", last: value.slice(cut + 1).trim() };
  }

  function attach(input, url) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("list", list.id);
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var parts = splitLast(input.value);
      if (parts.last.length < MIN_CHARS) { return; }
      timer = window.setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(parts.last), {
          headers: { Accept: "application/json" },
          credentials: "same-origin"
        })
          .then(function (response) { return response.ok ? response.json() : { skills: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.skills.map(function (skill) {
              var option = document.createElement("option");
              option.value = parts.head + skill.label;
              return option;
            }));
          })
          .catch(function () { /* suggestions are optional */ });
      }, DELAY_MS);
    });
  }

  document.querySelectorAll("form[data-skill-url]").forEach(function (form) {
    var url = form.getAttribute("data-skill-url");
    form.querySelectorAll("input[data-skill-autocomplete]").forEach(function (input) {
      attach(input, url);
    });
  });
})();

// A vacancy's ESCO occupation: the field autocompletes over ESCO occupations, and "Suggest
// occupation" fetches the suggestions in place (without JavaScript it posts the form back).
(function () {
  "use strict";
  var MIN_CHARS = 2;
  var DELAY_MS = 200;

  function autocomplete(input, url) {
    var list = document.createElement("datalist");
    list.id = input.id + "-occupations";
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("list", list.id);
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < MIN_CHARS) { return; }
      timer = window.setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(query), {
          headers: { Accept: "application/json" }, credentials: "same-origin"
        })
          .then(function (response) { return response.ok ? response.json() : { occupations: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.occupations.map(function (occupation) {
              var option = document.createElement("option");
              option.value = occupation.label;
              option.label = "ISCO " + occupation.isco_code;
              return option;
            }));
          })
          .catch(function () { /* suggestions are optional */ });
      }, DELAY_MS);
    });
  }

  function showSuggestions(box, input, occupations) {
    box.replaceChildren();
    if (!occupations.length) { return; }
    var items = document.createElement("ul");
    items.className = "plain-list";
    occupations.forEach(function (occupation) {
      var item = document.createElement("li");
      var accept = document.createElement("button");
      accept.type = "button";
      accept.className = "button-small";
      accept.title = "ISCO " + occupation.isco_code + " " + occupation.isco_label;
      accept.textContent = occupation.reads_as;
      accept.addEventListener("click", function () { input.value = occupation.label; });
      item.appendChild(accept);
      items.appendChild(item);
    });
    box.appendChild(items);
  }

  document.querySelectorAll("form[data-occupation-url]").forEach(function (form) {
    var input = form.querySelector("input[data-occupation-autocomplete]");
    var button = form.querySelector("[data-occupation-suggest]");
    var box = form.querySelector("[data-occupation-suggestions]");
    if (!input) { return; }
    autocomplete(input, form.getAttribute("data-occupation-url"));
    if (!button || !box) { return; }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var body = new FormData();
      body.append("title", form.elements.title ? form.elements.title.value : "");
      body.append("description", form.elements.description ? form.elements.description.value : "");
      fetch(form.getAttribute("data-occupation-suggest-url"), {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          "X-CSRFToken": form.elements.csrfmiddlewaretoken.value
        }
      })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (data) { showSuggestions(box, input, data.occupations); })
        .catch(function () { form.requestSubmit(button); });  // the no-JavaScript way
    });
  });
})();

// Live progress of scoring runs: every <progress data-run-progress="url"> polls its run.
(function () {
  "use strict";
  var POLL_MS = 1000;
  document.querySelectorAll("progress[data-run-progress]").forEach(function (bar) {
    var url = bar.getAttribute("data-run-progress");
    // The status and count next to this bar (a run's page, or its line on the dashboard).
    var scope = bar.closest("li") || document;
    var status = scope.querySelector("[data-run-status]");
    var done = scope.querySelector("[data-run-done]");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (run) {
          bar.max = Math.max(run.total, 1);
          bar.value = run.done;
          // A failed run says why instead of a bar stuck part-way.
          if (status) { status.textContent = run.status_text; }
          if (run.status === "failed") { bar.classList.add("run-failed"); }
          if (done) { done.textContent = run.done; }
          if (run.status === "pending" || run.status === "running") {
            window.setTimeout(poll, POLL_MS);
          } else if (run.status === "succeeded" && bar.hasAttribute("data-reload-when-done")) {
            // A ranking waiting on this run shows the newly scored candidates.
            window.location.reload();
          }
        })
        .catch(function () { window.setTimeout(poll, POLL_MS * 5); });
    }
    poll();
  });
})();
