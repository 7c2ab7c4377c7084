/* Maatwerk: what a user types is not lost when the login ends while they type (idle
   timeout, a logout in another tab). Every page works without this file.

   While someone types in a form, its text fields are kept in this tab's sessionStorage
   (gone when the tab closes). A page without a login (the login page the ended session
   leads to) marks those drafts as interrupted; back on the form after logging in again as
   the same user, an empty form gets its draft back, with a note and a button to discard
   it. A draft that was sent without interruption is dropped at the next page; logging out
   drops them all, and so does a page of another user. Never kept: passwords, files,
   hidden fields (version, CSRF token), and forms marked data-no-draft. */
(function () {
  "use strict";

  var PREFIX = "maatwerk-draft:";
  var MAX_AGE_MS = 12 * 60 * 60 * 1000; // the longest a login lasts
  var KEPT = /^(text|search|email|tel|url|number|date|month|time)$/;

  function storage() {
    try {
      var probe = window.sessionStorage;
      probe.setItem(PREFIX + "probe", "1");
      probe.removeItem(PREFIX + "probe");
      return probe;
    } catch (error) {
      return null; // private mode or storage switched off: nothing is kept
    }
  }

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute("content") : null;
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      if (!field.name || field.disabled) { return false; }
      if (field.tagName === "TEXTAREA" || field.tagName === "SELECT") { return true; }
      if (field.tagName !== "INPUT") { return false; }
      var type = (field.getAttribute("type") || "text").toLowerCase();
      return KEPT.test(type) || type === "checkbox" || type === "radio";
    });
  }

  function draftable(form) {
    if ((form.getAttribute("method") || "get").toLowerCase() !== "post") { return false; }
    if (form.hasAttribute("data-no-draft")) { return false; }
    if (form.querySelector('input[type="password"], input[type="file"]')) { return false; }
    return fields(form).some(function (field) {
      return field.tagName === "TEXTAREA" || field.tagName === "INPUT" &&
        KEPT.test((field.getAttribute("type") || "text").toLowerCase());
    });
  }

  function keyOf(form) {
    var action = form.getAttribute("action") || location.pathname;
    var same = Array.prototype.filter.call(document.forms, function (other) {
      return (other.getAttribute("action") || location.pathname) === action;
    });
    return PREFIX + location.pathname + "|" + action + "|" + same.indexOf(form);
  }

  function values(form) {
    return fields(form).map(function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        return [field.name, field.value, field.checked];
      }
      if (field.tagName === "SELECT" && field.multiple) {
        return [field.name, Array.prototype.filter.call(field.options, function (o) {
          return o.selected;
        }).map(function (o) { return o.value; }), null];
      }
      return [field.name, field.value, null];
    });
  }

  function untouched(form) {
    return fields(form).every(function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        return field.checked === field.defaultChecked;
      }
      if (field.tagName === "SELECT") {
        return Array.prototype.every.call(field.options, function (o) {
          return o.selected === o.defaultSelected;
        });
      }
      return field.value === field.defaultValue;
    });
  }

  function changed(form, stored) {
    var now = JSON.stringify(values(form));
    return now !== JSON.stringify(stored);
  }

  function restore(form, stored) {
    var list = fields(form);
    var used = [];
    stored.forEach(function (entry) {
      var name = entry[0], value = entry[1], checked = entry[2];
      for (var i = 0; i < list.length; i += 1) {
        var field = list[i];
        if (used.indexOf(i) !== -1 || field.name !== name) { continue; }
        if (field.type === "checkbox" || field.type === "radio") {
          if (field.value !== value) { continue; }
          field.checked = checked;
        } else if (field.tagName === "SELECT" && field.multiple) {
          Array.prototype.forEach.call(field.options, function (o) {
            o.selected = value.indexOf(o.value) !== -1;
          });
        } else {
          field.value = value;
        }
        used.push(i);
        break;
      }
    });
  }

  function note(form, store, key) {
    var box = document.createElement("div");
    box.className = "flash flash-info draft-note";
    box.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent = meta("maatwerk-draft-restored") || "";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "button secondary";
    discard.textContent = meta("maatwerk-draft-discard") || "×";
    discard.addEventListener("click", function () {
      store.removeItem(key);
      form.reset();
      box.remove();
    });
    box.appendChild(text);
    box.appendChild(discard);
    form.insertBefore(box, form.firstChild);
    var details = form.closest("details");
    if (details) { details.open = true; }
  }

  function read(store, key) {
    try {
      return JSON.parse(store.getItem(key));
    } catch (error) {
      return null;
    }
  }

  function everyDraft(store, visit) {
    var keys = [];
    for (var i = 0; i < store.length; i += 1) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) { keys.push(key); }
    }
    keys.forEach(function (key) { visit(key, read(store, key)); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var store = storage();
    if (!store) { return; }
    var owner = meta("maatwerk-user");
    var now = Date.now();

    if (!owner) {
      // No login on this page (the login page an ended session leads to): what was being
      // typed was interrupted. Nothing is restored or saved on such a page.
      everyDraft(store, function (key, draft) {
        if (!draft) { store.removeItem(key); return; }
        draft.interrupted = true;
        store.setItem(key, JSON.stringify(draft));
      });
      return;
    }

    everyDraft(store, function (key, draft) {
      var stale = !draft || draft.owner !== owner || now - draft.saved > MAX_AGE_MS;
      if (stale || (draft.sent && !draft.interrupted)) { store.removeItem(key); }
    });

    Array.prototype.forEach.call(document.forms, function (form) {
      if (form.getAttribute("action") === meta("maatwerk-logout")) {
        form.addEventListener("submit", function () {
          everyDraft(store, function (key) { store.removeItem(key); });
        });
        return;
      }
      if (!draftable(form)) { return; }
      var key = keyOf(form);
      var draft = read(store, key);
      if (draft && untouched(form) && changed(form, draft.values)) {
        restore(form, draft.values);
        note(form, store, key);
        draft.interrupted = false;
        draft.sent = false;
        store.setItem(key, JSON.stringify(draft));
      }
      var timer = null;
      function save(sent) {
        window.clearTimeout(timer);
        if (untouched(form)) { store.removeItem(key); return; }
        store.setItem(key, JSON.stringify({
          owner: owner, saved: Date.now(), values: values(form), sent: sent, interrupted: false
        }));
      }
      form.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () { save(false); }, 400);
      });
      form.addEventListener("change", function () { save(false); });
      form.addEventListener("submit", function () { save(true); });
    });
  });
})();
