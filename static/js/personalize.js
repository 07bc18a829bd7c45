// The article page's "Personalize" control. Without JavaScript it is a disclosure with a form and a
// button. With it: a first-time reader's control is highlighted (the page never moves), and picking a
// version with the pointer or the space bar shows it at once. Arrow keys only move the choice, so a
// keyboard reader can look through the options and press Enter (WCAG 3.2.2: no change on input alone).
(function () {
  "use strict";
  var KEY = "audience-chosen";
  var section = document.getElementById("audience-chooser");
  if (!section) return;
  var form = section.querySelector("form.audience-chooser");
  if (!form) return;

  function remembered() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return true; }
  }
  function remember() {
    try { window.localStorage.setItem(KEY, "1"); } catch (e) { /* private mode: nothing to keep */ }
  }

  if (!remembered() && !/[?&]audience=/.test(window.location.search)) {
    section.classList.add("is-new");
  }
  var details = section.querySelector("details");
  if (details) {
    details.addEventListener("toggle", function () {
      if (details.open) { remember(); section.classList.remove("is-new"); }
    });
  }

  var byArrow = false;
  form.addEventListener("keydown", function (event) {
    byArrow = /^Arrow/.test(event.key);
  });
  form.addEventListener("pointerdown", function () { byArrow = false; });
  form.addEventListener("change", function (event) {
    if (event.target.name !== "audience" || byArrow) return;
    remember();
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  });
  form.addEventListener("submit", remember);
})();
