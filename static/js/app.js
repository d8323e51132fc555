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
