// Progressive enhancement of comments on passages. Without it, a reviewer copies the words into
// the "Passage" field under each version, or comments on a whole section with its link. With it:
// selecting text in a version shows a "Comment on this passage" button, which fills that version's
// form with the passage and a little text before and after it (so the editor can find it), and
// moves the focus to the comment field.
(function () {
  "use strict";
  var bodies = document.querySelectorAll(".reviewable[data-audience]");
  if (!bodies.length || !window.getSelection) { return; }
  var button = document.createElement("button");
  button.type = "button";
  button.className = "selection-comment";
  var page = document.querySelector(".review-page");
  button.textContent = (page && page.dataset.commentLabel) || "Comment on this passage";
  button.hidden = true;
  document.body.appendChild(button);
  var pending = null;

  function squash(text) { return text.replace(/\s+/g, " "); }

  function selectionIn(body) {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) { return null; }
    var range = selection.getRangeAt(0);
    if (!body.contains(range.commonAncestorContainer)) { return null; }
    var quote = squash(selection.toString()).trim();
    if (!quote) { return null; }
    var before = document.createRange();
    before.selectNodeContents(body);
    before.setEnd(range.startContainer, range.startOffset);
    var after = document.createRange();
    after.selectNodeContents(body);
    after.setStart(range.endContainer, range.endOffset);
    return {
      quote: quote.slice(0, 1000),
      prefix: squash(before.toString()).slice(-60),
      suffix: squash(after.toString()).slice(0, 60),
      rect: range.getBoundingClientRect()
    };
  }

  function update() {
    pending = null;
    Array.prototype.forEach.call(bodies, function (body) {
      var found = selectionIn(body);
      if (found) { pending = { body: body, found: found }; }
    });
    if (!pending) { button.hidden = true; return; }
    button.hidden = false;
    button.style.left = Math.max(8, pending.found.rect.left + window.scrollX) + "px";
    button.style.top = (pending.found.rect.bottom + window.scrollY + 8) + "px";
  }

  document.addEventListener("mouseup", function () { setTimeout(update, 0); });
  document.addEventListener("keyup", function (event) { if (event.shiftKey || event.key === "Shift") { update(); } });
  button.addEventListener("mousedown", function (event) { event.preventDefault(); }); // keep the selection
  button.addEventListener("click", function () {
    if (!pending) { return; }
    var form = document.getElementById("comment-form-" + pending.body.dataset.audience);
    if (!form) { return; }
    form.elements.quote.value = pending.found.quote;
    form.elements.prefix.value = pending.found.prefix;
    form.elements.suffix.value = pending.found.suffix;
    button.hidden = true;
    form.scrollIntoView({ block: "center" });
    form.elements.body.focus();
  });
})();
