// Progressive enhancement of the review page's citations. Without it, each citation number
// still links to its reference, names it in a tooltip (title) and is described by it for screen
// readers (aria-describedby), and "References you have not opened yet" lists every reference.
// With it: hovering or focusing a number shows the full reference in a popover (Escape closes
// it), and the references whose DOI, PubMed or source link the reviewer has opened on this
// device (kept in localStorage, per request and revision) leave the "not opened" list.
(function () {
  "use strict";
  var page = document.querySelector(".review-page");
  if (!page) { return; }

  // Popovers.
  var popover = null;
  var owner = null;
  var hideTimer = null;

  function hide() {
    clearTimeout(hideTimer);
    if (popover) { popover.remove(); }
    if (owner) { owner.removeAttribute("aria-describedby"); owner.setAttribute("aria-describedby", owner.dataset.describedby); }
    popover = null;
    owner = null;
  }

  function laterHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  function show(link) {
    var entry = document.getElementById(link.dataset.ref);
    if (!entry) { return; }
    if (owner === link) { clearTimeout(hideTimer); return; }
    hide();
    popover = document.createElement("div");
    popover.className = "citation-popover";
    popover.id = link.dataset.ref + "-popover";
    popover.setAttribute("role", "tooltip");
    var number = document.createElement("strong");
    number.textContent = entry.getAttribute("value") + ". ";
    popover.appendChild(number);
    Array.prototype.forEach.call(entry.children, function (child) {
      popover.appendChild(child.cloneNode(true));
      popover.appendChild(document.createTextNode(" "));
    });
    Array.prototype.forEach.call(popover.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
    popover.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    popover.addEventListener("mouseleave", laterHide);
    document.body.appendChild(popover);
    var box = link.getBoundingClientRect();
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - popover.offsetWidth - 8));
    popover.style.left = left + "px";
    popover.style.top = (box.bottom + window.scrollY + 6) + "px";
    owner = link;
    link.setAttribute("aria-describedby", popover.id);
  }

  Array.prototype.forEach.call(page.querySelectorAll("a.citation-link[data-ref]"), function (link) {
    link.dataset.describedby = link.getAttribute("aria-describedby") || "";
    link.removeAttribute("title"); // the popover replaces the browser's tooltip
    link.addEventListener("mouseenter", function () { show(link); });
    link.addEventListener("mouseleave", laterHide);
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("blur", laterHide);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && popover) { hide(); }
  });

  // References not yet opened.
  var list = document.querySelector(".unopened-list");
  var storeKey = "review-opened:" + page.dataset.request + ":" + page.dataset.revision;
  var opened = {};
  try { opened = JSON.parse(window.localStorage.getItem(storeKey) || "{}") || {}; } catch (e) { opened = {}; }

  function refresh() {
    if (!list) { return; }
    var left = 0;
    Array.prototype.forEach.call(list.querySelectorAll("li[data-ref-key]"), function (item) {
      var done = Boolean(opened[item.dataset.refKey]);
      item.hidden = done;
      if (!done) { left += 1; }
    });
    var count = document.getElementById("unopened-count");
    if (count) { count.textContent = String(left); }
    var all = document.getElementById("unopened-done");
    if (all) { all.hidden = left !== 0; }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-ref-link]") : null;
    if (!link) { return; }
    opened[link.dataset.refLink] = true;
    try { window.localStorage.setItem(storeKey, JSON.stringify(opened)); } catch (e) { /* private mode: keep it for this page */ }
    refresh();
  });
  refresh();
})();
