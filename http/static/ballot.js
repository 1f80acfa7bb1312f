// Ranks candidates on the ballot by moving them rather than numbering them:
// "Add" puts a candidate at the end of your ranking, "Up" and "Down" move
// them, "Remove" takes them off, and with a mouse they can be dragged. The
// form stays the one that works without JavaScript: every change is written
// back into the numbered choices, which the script hides, and those are
// what is sent. Every label comes from the page, in the member's language.
(function () {
  "use strict";

  function enhance(root) {
    var forms = (root || document).querySelectorAll("form.ballot:not([data-enhanced])");
    var how = (root || document).querySelector(".ballot-how[data-buttons]");
    if (how && forms.length) how.textContent = how.dataset.buttons;
    for (var i = 0; i < forms.length; i++) {
      forms[i].setAttribute("data-enhanced", "1");
      var sets = forms[i].querySelectorAll("fieldset[data-contest]");
      for (var j = 0; j < sets.length; j++) contest(sets[j], forms[i].dataset);
    }
  }

  // contest turns one contest's numbered choices into a ranking.
  function contest(fieldset, labels) {
    var rows = fieldset.querySelectorAll(".choice-row");
    var candidates = [];
    for (var i = 0; i < rows.length; i++) {
      var select = rows[i].querySelector("select");
      candidates.push({ name: rows[i].querySelector("label").textContent, select: select });
      rows[i].hidden = true;
    }
    var ranked = candidates
      .filter(function (c) { return c.select.value !== ""; })
      .sort(function (a, b) { return Number(a.select.value) - Number(b.select.value); });

    var rankedHeading = element("p", "ranking-heading", labels.rankedLabel);
    var list = element("ol", "ranked");
    list.setAttribute("aria-label", labels.rankedLabel);
    var restHeading = element("p", "ranking-heading", labels.unrankedLabel);
    var rest = element("ul", "unranked");
    rest.setAttribute("aria-label", labels.unrankedLabel);
    var live = element("p", "visually-hidden");
    live.setAttribute("aria-live", "polite");
    fieldset.append(rankedHeading, list, restHeading, rest, live);

    var dragged = null;

    function render(focusName, focusAction) {
      list.replaceChildren();
      rest.replaceChildren();
      ranked.forEach(function (c, i) {
        c.select.value = String(i + 1);
        var li = element("li", "ranked-item");
        li.draggable = true;
        li.append(element("span", "place", String(i + 1)), element("span", "ranked-name", c.name));
        if (i > 0) li.append(button(labels.up, c, "up", function () { move(i, i - 1); }));
        if (i < ranked.length - 1) li.append(button(labels.down, c, "down", function () { move(i, i + 1); }));
        li.append(button(labels.remove, c, "remove", function () {
          ranked.splice(i, 1);
          say(labels.removed, c.name);
          render(c.name, "add");
        }));
        li.addEventListener("dragstart", function (e) { dragged = i; e.dataTransfer.effectAllowed = "move"; });
        li.addEventListener("dragover", function (e) { e.preventDefault(); });
        li.addEventListener("drop", function (e) {
          e.preventDefault();
          if (dragged !== null && dragged !== i) move(dragged, i);
          dragged = null;
        });
        list.append(li);
      });
      candidates.forEach(function (c) {
        if (ranked.indexOf(c) >= 0) return;
        c.select.value = "";
        var li = element("li", "unranked-item");
        li.append(element("span", "ranked-name", c.name));
        li.append(button(labels.add, c, "add", function () {
          ranked.push(c);
          say(labels.moved, c.name, ranked.length);
          render(c.name, ranked.length > 1 ? "up" : "remove");
        }));
        rest.append(li);
      });
      if (focusName) {
        var target = fieldset.querySelector('button[data-name="' + CSS.escape(focusName) + '"][data-action="' + focusAction + '"]') ||
          fieldset.querySelector('button[data-name="' + CSS.escape(focusName) + '"]');
        if (target) target.focus();
      }
    }

    function move(from, to) {
      var c = ranked.splice(from, 1)[0];
      ranked.splice(to, 0, c);
      say(labels.moved, c.name, to + 1);
      render(c.name, to < from ? "up" : "down");
    }

    function say(template, name, place) {
      live.textContent = template.replace("{name}", name).replace("{place}", place || "");
    }

    render();
  }

  function element(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text) el.textContent = text;
    return el;
  }

  // button is a small button whose accessible name says what it does to
  // whom ("Move up: Ana Ruiz").
  function button(label, c, action, onclick) {
    var b = element("button", "secondary small", label);
    b.type = "button";
    b.setAttribute("aria-label", label + ": " + c.name);
    b.dataset.name = c.name;
    b.dataset.action = action;
    b.addEventListener("click", onclick);
    return b;
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (e) { enhance(e.target); });
})();
