/*
 * The article editor in the admin: each body's textarea becomes a CodeMirror 6 Markdown editor
 * (static/vendor/codemirror) with a toolbar, a reference picker ("Cite"), and a live preview with
 * the reading grade, both rendered by the server exactly as readers will see them.
 *
 * A progressive enhancement: without JavaScript, or if anything here is missing, the tall plain
 * textarea works as before. The textarea stays in the form and is kept in step with the editor.
 */
(function () {
  "use strict";

  var PREVIEW_DELAY = 400;
  var SEARCH_DELAY = 250;

  function ready(callback) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", callback);
    else callback();
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else if (name === "className") node.className = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function debounce(callback, delay) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(callback, delay);
    };
  }

  ready(function () {
    var CM = window.CM6;
    var configNode = document.getElementById("article-editor-config");
    var form = document.getElementById("article_form");
    if (!CM || !configNode || !form) return;
    var config = JSON.parse(configNode.textContent);
    var S = config.strings;
    var csrfInput = form.querySelector("input[name=csrfmiddlewaretoken]");
    var csrf = csrfInput ? csrfInput.value : "";
    var dirty = false;
    var picker = null;

    var highlight = CM.HighlightStyle.define([
      { tag: CM.tags.heading, fontWeight: "bold" },
      { tag: CM.tags.heading1, fontSize: "1.25em" },
      { tag: CM.tags.heading2, fontSize: "1.15em" },
      { tag: CM.tags.emphasis, fontStyle: "italic" },
      { tag: CM.tags.strong, fontWeight: "bold" },
      { tag: CM.tags.strikethrough, textDecoration: "line-through" },
      { tag: [CM.tags.link, CM.tags.url], color: "var(--link-fg)" },
      { tag: CM.tags.monospace, fontFamily: "var(--font-family-monospace, monospace)" },
      { tag: [CM.tags.processingInstruction, CM.tags.quote, CM.tags.contentSeparator], color: "var(--body-quiet-color)" },
    ]);
    var theme = CM.EditorView.theme({
      "&": { height: "100%", backgroundColor: "var(--body-bg)", color: "var(--body-fg)" },
      ".cm-scroller": { overflow: "auto", fontFamily: "var(--font-family-monospace, monospace)", lineHeight: "1.5" },
      ".cm-content": { padding: "0.6em 0.4em", caretColor: "var(--body-fg)" },
      ".cm-cursor": { borderLeftColor: "var(--body-fg)" },
      "&.cm-focused": { outline: "2px solid var(--primary)", outlineOffset: "-2px" },
      "&.cm-focused .cm-selectionBackground, .cm-selectionBackground": { backgroundColor: "var(--selected-bg, #d4e6f1)" },
    });

    /* Editing commands: each takes the view and changes the text around the selection. */

    function wrap(view, before, after, placeholder) {
      view.dispatch(view.state.changeByRange(function (range) {
        var text = view.state.sliceDoc(range.from, range.to) || placeholder;
        return {
          changes: { from: range.from, to: range.to, insert: before + text + after },
          range: CM.EditorSelection.range(range.from + before.length, range.from + before.length + text.length),
        };
      }));
      view.focus();
      return true;
    }

    /* Apply line-start changes; a cursor at a line's start moves past what was inserted there. */
    function changeLines(view, changes) {
      var changeSet = view.state.changes(changes);
      view.dispatch({ changes: changeSet, selection: view.state.selection.map(changeSet, 1) });
      view.focus();
      return true;
    }

    function selectedLines(state) {
      var lines = [];
      var seen = {};
      state.selection.ranges.forEach(function (range) {
        var position = range.from;
        for (;;) {
          var line = state.doc.lineAt(position);
          if (!seen[line.number]) { seen[line.number] = true; lines.push(line); }
          if (line.to >= range.to) break;
          position = line.to + 1;
        }
      });
      return lines;
    }

    function heading(level) {
      return function (view) {
        var marker = "#".repeat(level) + " ";
        var changes = selectedLines(view.state).map(function (line) {
          var existing = /^#{1,6}\s+/.exec(line.text);
          var insert = existing && existing[0] === marker ? "" : marker;
          return { from: line.from, to: line.from + (existing ? existing[0].length : 0), insert: insert };
        });
        return changeLines(view, changes);
      };
    }

    function list(ordered) {
      var pattern = ordered ? /^\d+[.)]\s+/ : /^[-*+]\s+/;
      return function (view) {
        var lines = selectedLines(view.state).filter(function (line) { return line.text.trim(); });
        if (!lines.length) lines = [view.state.doc.lineAt(view.state.selection.main.head)];
        var remove = lines.every(function (line) { return pattern.test(line.text); });
        var changes = lines.map(function (line, index) {
          if (remove) return { from: line.from, to: line.from + pattern.exec(line.text)[0].length, insert: "" };
          return { from: line.from, insert: ordered ? index + 1 + ". " : "- " };
        });
        return changeLines(view, changes);
      };
    }

    /* Insert ``text`` as a block of its own (blank lines around it), selecting [start, end) within it. */
    function insertBlock(view, text, start, end) {
      var state = view.state;
      var range = state.selection.main;
      var before = state.sliceDoc(0, range.from);
      var after = state.sliceDoc(range.to);
      var lead = !before.trim() ? "" : /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
      var trail = !after.trim() ? "\n" : /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
      var offset = range.from + lead.length;
      view.dispatch({
        changes: { from: range.from, to: range.to, insert: lead + text + trail },
        selection: CM.EditorSelection.range(offset + start, offset + end),
        scrollIntoView: true,
      });
      view.focus();
      return true;
    }

    function callout(type) {
      return function (view) {
        var selected = view.state.sliceDoc(view.state.selection.main.from, view.state.selection.main.to).trim();
        var opening = "::: " + type + "\n";
        var text = opening + selected + "\n:::";
        return insertBlock(view, text, opening.length, opening.length + selected.length);
      };
    }

    function link(view) {
      var range = view.state.selection.main;
      if (range.empty) return wrap(view, "[", "](https://)", S.linkText);
      var text = view.state.sliceDoc(range.from, range.to);
      var url = range.from + text.length + 3;
      view.dispatch({
        changes: { from: range.from, to: range.to, insert: "[" + text + "](https://)" },
        selection: CM.EditorSelection.range(url, url + "https://".length),
      });
      view.focus();
      return true;
    }

    function table(view) {
      var header = "| " + S.column + " | " + S.column + " |\n";
      return insertBlock(view, header + "| --- | --- |\n| " + S.cell + " | " + S.cell + " |", 2, 2 + S.column.length);
    }

    function figure(view) {
      var range = view.state.selection.main;
      var caption = view.state.sliceDoc(range.from, range.to).trim() || S.caption;
      var text = "![" + caption + "](figure:)";
      return insertBlock(view, text, text.length - 1, text.length - 1);
    }

    /* "[@key]" at the cursor; right after a citation, the key joins it: "[@a; @key]". */
    function insertCitation(view, key) {
      var range = view.state.selection.main;
      var before = view.state.sliceDoc(Math.max(0, range.to - 300), range.to);
      var cluster = /\[@[^\[\]\n]*\]$/.exec(before);
      var insert, at;
      if (cluster) {
        at = range.to - 1;
        insert = "; @" + key;
      } else {
        at = range.to;
        insert = (before && !/[\s(\[]$/.test(before) ? " " : "") + "[@" + key + "]";
      }
      var cursor = at + insert.length + (cluster ? 1 : 0);
      view.dispatch({ changes: { from: at, insert: insert }, selection: { anchor: cursor }, scrollIntoView: true });
      view.focus();
    }

    /* The reference picker: one native <dialog> for the page (focus stays inside, Escape closes it). */

    function createPicker() {
      var title = el("h2", { id: "md-picker-title", text: S.pickerTitle });
      var input = el("input", { type: "search", id: "md-picker-q", autocomplete: "off", "aria-describedby": "md-picker-hint" });
      var status = el("p", { className: "md-picker-status", role: "status" });
      var results = el("ul", { className: "md-picker-results", "aria-labelledby": "md-picker-title" });
      var close = el("button", { type: "button", className: "button md-picker-close", text: S.pickerClose });
      var dialog = el("dialog", { className: "md-picker", "aria-labelledby": "md-picker-title" }, [
        title,
        el("label", { for: "md-picker-q", text: S.pickerSearch }),
        input,
        el("p", { className: "help", id: "md-picker-hint", text: S.pickerHint }),
        status,
        results,
        close,
      ]);
      document.body.appendChild(dialog);
      var target = null;
      var serial = 0;

      function show(items) {
        results.replaceChildren();
        items.forEach(function (item) {
          var doi = item.doi && item.label.indexOf(item.doi) === -1 ? "doi:" + item.doi : "";
          var details = [item.type, doi, item.pmid ? "PMID " + item.pmid : ""];
          var button = el("button", { type: "button", className: "md-picker-choice", "data-key": item.key }, [
            el("strong", { text: "[@" + item.key + "]" }),
            el("span", { className: "md-picker-label", text: item.label }),
            el("span", { className: "md-picker-meta", text: details.filter(Boolean).join(" · ") }),
          ]);
          results.appendChild(el("li", {}, [button]));
        });
        status.textContent = items.length ? S.pickerCount.replace("%(count)s", items.length) : S.pickerNone;
      }

      var search = debounce(function () {
        var mine = ++serial;
        fetch(config.searchUrl + "?q=" + encodeURIComponent(input.value), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (response) {
            return response.json().then(function (data) {
              if (!response.ok) throw new Error(data.error || S.pickerFailed);
              return data;
            });
          })
          .then(function (data) { if (mine === serial) show(data.results); })
          .catch(function (error) { if (mine === serial) status.textContent = error.message || S.pickerFailed; });
      }, SEARCH_DELAY);

      input.addEventListener("input", search);
      input.addEventListener("keydown", function (event) {
        var first = results.querySelector("button");
        if ((event.key === "ArrowDown" || event.key === "Enter") && first) {
          event.preventDefault();
          if (event.key === "Enter" && results.children.length === 1) first.click();
          else first.focus();
        }
      });
      results.addEventListener("keydown", function (event) {
        var buttons = Array.prototype.slice.call(results.querySelectorAll("button"));
        var index = buttons.indexOf(document.activeElement);
        if (event.key === "ArrowDown" && index < buttons.length - 1) buttons[index + 1].focus();
        else if (event.key === "ArrowUp") (index > 0 ? buttons[index - 1] : input).focus();
        else return;
        event.preventDefault();
      });
      results.addEventListener("click", function (event) {
        var choice = event.target.closest("button[data-key]");
        if (!choice) return;
        var view = target;
        dialog.close();
        if (view) insertCitation(view, choice.getAttribute("data-key"));
      });
      close.addEventListener("click", function () { dialog.close(); });
      dialog.addEventListener("close", function () {
        var view = target;
        target = null;
        if (view) view.focus();
      });

      return {
        open: function (view) {
          target = view;
          var range = view.state.selection.main;
          input.value = range.empty ? "" : view.state.sliceDoc(range.from, range.to).slice(0, 100);
          results.replaceChildren();
          status.textContent = "";
          dialog.showModal();
          input.focus();
          search();
        },
      };
    }

    /* One editor per body textarea. */

    function toolbarButton(text, title, run, className) {
      var button = el("button", { type: "button", className: "md-button" + (className ? " " + className : ""), text: text });
      if (title) button.title = title;
      button.addEventListener("click", run);
      return button;
    }

    function rovingToolbar(toolbar) {
      // One tab stop for the whole toolbar; arrow keys move between its buttons (WAI-ARIA toolbar pattern).
      var buttons = Array.prototype.slice.call(toolbar.querySelectorAll("button"));
      buttons.forEach(function (button, index) { button.tabIndex = index === 0 ? 0 : -1; });
      toolbar.addEventListener("keydown", function (event) {
        var index = buttons.indexOf(document.activeElement);
        if (index < 0) return;
        var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        next = (next + buttons.length) % buttons.length;
        buttons[index].tabIndex = -1;
        buttons[next].tabIndex = 0;
        buttons[next].focus();
      });
    }

    function attach(textarea) {
      if (textarea.dataset.editor || textarea.name.indexOf("__prefix__") !== -1) return;
      textarea.dataset.editor = "on";
      var row = textarea.closest(".inline-related") || form;
      var label = document.querySelector("label[for='" + textarea.id + "']");
      var readability = row.querySelector(".field-readability .readonly");
      var audienceSelect = row.querySelector("select[name$='-audience']");
      var announcer = el("p", { className: "md-visually-hidden", "aria-live": "polite" });
      var lastVerdict = null;

      var previewBody = el("div", { className: "md-preview-body" });
      var previewStatus = el("p", { className: "md-preview-status", text: S.previewEmpty });
      var previewReferences = el("ol", { className: "md-preview-references" });
      var previewMissing = el("ul", { className: "md-preview-missing" });
      var previewId = textarea.id + "-preview";
      var preview = el("section", { className: "md-preview", id: previewId, "aria-label": S.previewHeading }, [
        el("h3", { className: "md-pane-heading", text: S.previewHeading }),
        previewStatus,
        previewBody,
        el("h4", { className: "md-references-heading", text: S.referencesHeading }),
        previewReferences,
        el("h4", { className: "md-missing-heading", text: S.missingHeading }),
        previewMissing,
      ]);
      var source = el("div", { className: "md-source" });
      var panes = el("div", { className: "md-panes" }, [source, preview]);
      var toolbar = el("div", { className: "md-toolbar", role: "toolbar", "aria-label": S.toolbar });
      var container = el("div", { className: "md-editor" }, [toolbar, panes, announcer]);

      var view;
      function run(command) { return function () { command(view); }; }
      var previewToggle = toolbarButton(S.preview, S.previewHelp, function () {
        var on = previewToggle.getAttribute("aria-pressed") !== "true";
        setPreview(on);
        try { window.localStorage.setItem("article-editor-preview", on ? "on" : "off"); } catch (e) { /* private mode */ }
      }, "md-toggle");
      previewToggle.setAttribute("aria-controls", previewId);
      var callouts = el("span", { className: "md-group", role: "group", "aria-label": S.callouts, title: S.calloutHelp }, [
        toolbarButton(S.urgent, "::: urgent", run(callout("urgent")), "md-callout-urgent"),
        toolbarButton(S["red-flags"], "::: red-flags", run(callout("red-flags")), "md-callout-red-flags"),
        toolbarButton(S["key-points"], "::: key-points", run(callout("key-points")), "md-callout-key-points"),
        toolbarButton(S.note, "::: note", run(callout("note")), "md-callout-note"),
      ]);
      [
        el("span", { className: "md-group" }, [
          toolbarButton(S.h2, "## ", run(heading(2))),
          toolbarButton(S.h3, "### ", run(heading(3))),
          toolbarButton(S.bold, "**…** (Ctrl+B)", run(function (v) { wrap(v, "**", "**", S.bold); }), "md-bold"),
          toolbarButton(S.italic, "_…_ (Ctrl+I)", run(function (v) { wrap(v, "_", "_", S.italic); }), "md-italic"),
        ]),
        el("span", { className: "md-group" }, [
          toolbarButton(S.bullets, "- ", run(list(false))),
          toolbarButton(S.numbers, "1. ", run(list(true))),
          toolbarButton(S.link, "[…](https://) (Ctrl+K)", run(link)),
          toolbarButton(S.table, "| … |", run(table)),
        ]),
        callouts,
        el("span", { className: "md-group" }, [
          toolbarButton(S.cite, S.citeHelp, function () { picker.open(view); }, "md-cite"),
          toolbarButton(S.figure, S.figureHelp, run(figure), "md-figure"),
        ]),
        previewToggle,
      ].forEach(function (node) { toolbar.appendChild(node); });

      var requestPreview = debounce(refreshPreview, PREVIEW_DELAY);
      var serial = 0;

      function refreshPreview() {
        if (previewToggle.getAttribute("aria-pressed") !== "true" && !readability) return;
        var mine = ++serial;
        var data = new FormData();
        data.append("text", view.state.doc.toString());
        if (audienceSelect && audienceSelect.value) data.append("audience", audienceSelect.value);
        fetch(config.previewUrl, {
          method: "POST",
          body: data,
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrf, Accept: "application/json" },
        })
          .then(function (response) {
            return response.json().then(function (payload) {
              if (!response.ok) throw new Error(payload.error || S.previewFailed);
              return payload;
            });
          })
          .then(function (payload) { if (mine === serial) showPreview(payload); })
          .catch(function (error) {
            if (mine === serial) previewStatus.textContent = error.message || S.previewFailed;
          });
      }

      function showPreview(payload) {
        // The server sanitised every piece of HTML here (nh3 and Django's escaping).
        previewStatus.textContent = payload.html ? "" : S.previewEmpty;
        previewBody.innerHTML = payload.html;
        // Several previews share the page: their citation links point to this preview's own list.
        Array.prototype.forEach.call(previewBody.querySelectorAll("[id]"), function (node) {
          node.id = textarea.id + "-" + node.id;
        });
        Array.prototype.forEach.call(previewBody.querySelectorAll("a[href^='#ref-']"), function (link) {
          link.setAttribute("href", "#" + textarea.id + "-" + link.getAttribute("href").slice(1));
        });
        previewReferences.replaceChildren();
        payload.references.forEach(function (reference) {
          var item = el("li", { value: String(reference.number), id: textarea.id + "-ref-" + reference.number });
          item.innerHTML = reference.html;
          previewReferences.appendChild(item);
        });
        previewMissing.replaceChildren();
        payload.missing.forEach(function (message) { previewMissing.appendChild(el("li", { text: message })); });
        preview.classList.toggle("md-has-references", payload.references.length > 0);
        preview.classList.toggle("md-has-missing", payload.missing.length > 0);
        if (readability && payload.readability) {
          readability.innerHTML = payload.readability;
          readability.setAttribute("aria-label", S.readabilityLive);
          var verdict = readability.querySelector(".readability-warning, .readability-ok");
          var text = verdict ? verdict.textContent : "";
          if (lastVerdict !== null && text !== lastVerdict) announcer.textContent = text;
          lastVerdict = text;
        }
      }

      function setPreview(on) {
        previewToggle.setAttribute("aria-pressed", on ? "true" : "false");
        container.classList.toggle("md-preview-on", on);
        preview.hidden = !on;
        if (on) refreshPreview();
      }

      var labelText = label ? label.textContent.replace(/:\s*$/, "") : S.bodyLabel;
      view = new CM.EditorView({
        parent: source,
        state: CM.EditorState.create({
          doc: textarea.value,
          extensions: [
            CM.history(),
            CM.drawSelection(),
            CM.EditorView.lineWrapping,
            new CM.LanguageSupport(CM.markdownLanguage),
            CM.syntaxHighlighting(highlight),
            theme,
            CM.keymap.of([
              { key: "Mod-b", run: function (v) { return wrap(v, "**", "**", S.bold); } },
              { key: "Mod-i", run: function (v) { return wrap(v, "_", "_", S.italic); } },
              { key: "Mod-k", run: link },
            ].concat(CM.defaultKeymap, CM.historyKeymap)),
            CM.EditorView.contentAttributes.of({ "aria-label": labelText, "aria-multiline": "true" }),
            CM.EditorView.updateListener.of(function (update) {
              if (!update.docChanged) return;
              textarea.value = update.state.doc.toString();
              dirty = true;
              requestPreview();
            }),
          ],
        }),
      });
      textarea.hidden = true;
      textarea.parentNode.insertBefore(container, textarea);
      if (label) label.addEventListener("click", function (event) { event.preventDefault(); view.focus(); });
      if (audienceSelect) audienceSelect.addEventListener("change", refreshPreview);
      rovingToolbar(toolbar);
      var stored = null;
      try { stored = window.localStorage.getItem("article-editor-preview"); } catch (e) { /* private mode */ }
      setPreview(stored !== "off");
      if (stored === "off" && readability) refreshPreview();
    }

    picker = createPicker();
    Array.prototype.forEach.call(document.querySelectorAll("textarea.markdown-editor"), attach);
    document.addEventListener("formset:added", function (event) {
      Array.prototype.forEach.call(event.target.querySelectorAll("textarea.markdown-editor"), attach);
    });
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
    // "Add a reference with this DOI" leaves the page: say so if there are unsaved edits.
    Array.prototype.forEach.call(document.querySelectorAll("button.add-reference"), function (button) {
      button.addEventListener("click", function (event) {
        if (dirty && !window.confirm(S.unsaved)) event.preventDefault();
      });
    });
  });
})();
