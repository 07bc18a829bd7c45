// Progressive enhancement for the question forms: as the reader types, suggest public
// answers that may already cover the question. The form works the same without it.
(function () {
  "use strict";
  var forms = document.querySelectorAll("form[data-suggest-url]");
  Array.prototype.forEach.call(forms, function (form) {
    var field = form.querySelector("textarea[name=question]");
    var box = form.querySelector(".suggestions");
    if (!field || !box || !window.fetch) { return; }
    var timer = null;
    var last = "";
    var sequence = 0;
    field.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = field.value.trim();
        if (q === last) { return; }
        last = q;
        var mine = ++sequence;
        if (q.length < 3) { render(box, []); return; }
        fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(q.slice(0, 300)), {
          headers: { Accept: "application/json" },
          credentials: "same-origin"
        })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) {
            // A slower, older answer must not replace the suggestions for newer text.
            if (mine === sequence) { render(box, data.results || []); }
          })
          .catch(function () { /* suggestions are optional */ });
      }, 300);
    });
  });

  function render(box, results) {
    box.textContent = "";
    if (!results.length) { return; }
    var intro = document.createElement("p");
    intro.textContent = box.dataset.intro || "These answers may already help:";
    var list = document.createElement("ul");
    results.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.question;
      li.appendChild(a);
      if (item.pending && box.dataset.pending) {
        li.appendChild(document.createTextNode(" (" + box.dataset.pending + ")"));
      }
      list.appendChild(li);
    });
    box.appendChild(intro);
    box.appendChild(list);
  }
})();
