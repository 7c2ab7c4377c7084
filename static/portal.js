/* Family portal ("Ons plan"): small progressive enhancements. Everything also works
   without JavaScript: the Higher/Lower buttons post the same form that dragging posts. */
(function () {
  "use strict";

  function children(list) {
    return Array.prototype.filter.call(list.children, function (el) {
      return el.tagName === "LI";
    });
  }

  function goalId(item) {
    return item.getAttribute("data-goal-id");
  }

  function middle(el) {
    var box = el.getBoundingClientRect();
    return box.top + box.height / 2;
  }

  function renumber(list) {
    children(list).forEach(function (item, index) {
      var rank = item.querySelector(".rank");
      if (rank) rank.textContent = String(index + 1);
    });
  }

  function submit(form) {
    if (typeof form.requestSubmit === "function") form.requestSubmit();
    else form.submit();
  }

  /* Drag a goal by its handle (mouse, pen or finger); on release the new order is
     posted with the list's own form: the goal_ids inputs follow the items. */
  function makeSortable(list) {
    var form = document.getElementById(list.getAttribute("data-sortable"));
    if (!form) return;
    children(list).forEach(function (item) {
      var handle = item.querySelector(".drag-handle");
      if (!handle) return;
      handle.hidden = false;
      // Keyboard and screen reader users have the Higher/Lower buttons.
      handle.setAttribute("aria-hidden", "true");
      handle.addEventListener("pointerdown", function (event) {
        if (event.button !== 0) return;
        event.preventDefault();
        drag(event, list, form, item, handle);
      });
    });
  }

  /* How far to scroll per frame while the pointer is near the top or bottom edge: a goal
     card with its steps can be taller than a phone's screen, so the page has to scroll by
     itself while the finger rests at the edge (a resting finger sends no more moves). */
  function edgeSpeed(y) {
    var edge = 64;
    var bottom = window.innerHeight - edge;
    var depth = y < edge ? y - edge : y > bottom ? y - bottom : 0;
    if (!depth) return 0;
    return Math.round(Math.max(-edge, Math.min(edge, depth)) / 3) || (depth < 0 ? -1 : 1);
  }

  function drag(event, list, form, item, handle) {
    var before = children(list).map(goalId).join(",");
    var root = document.documentElement;
    var done = false;
    var lastY = event.clientY;
    var frame = 0;
    handle.setPointerCapture(event.pointerId);
    item.classList.add("dragging");
    list.classList.add("sorting");
    // No scroll jumps while cards change places under the finger.
    root.style.overflowAnchor = "none";

    /* Put the dragged card where the pointer is: past every neighbour whose middle the
       pointer has crossed (a quick move can cross several). Move the neighbours, never the
       dragged card: moving it would end the pointer capture. */
    function place(y) {
      for (;;) {
        var items = children(list);
        var index = items.indexOf(item);
        var previous = items[index - 1];
        var next = items[index + 1];
        if (previous && y < middle(previous)) list.insertBefore(previous, item.nextSibling);
        else if (next && y > middle(next)) list.insertBefore(next, item);
        else return;
      }
    }

    function scroll() {
      frame = 0;
      var speed = edgeSpeed(lastY);
      if (done || !speed) return;
      var at = window.pageYOffset;
      window.scrollBy(0, speed);
      if (window.pageYOffset === at) return; // at the top or bottom of the page
      place(lastY);
      frame = window.requestAnimationFrame(scroll);
    }

    function move(e) {
      lastY = e.clientY;
      place(lastY);
      if (!frame && edgeSpeed(lastY)) frame = window.requestAnimationFrame(scroll);
    }

    function end() {
      if (done) return;
      done = true;
      if (frame) window.cancelAnimationFrame(frame);
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", end);
      handle.removeEventListener("pointercancel", end);
      handle.removeEventListener("lostpointercapture", end);
      item.classList.remove("dragging");
      list.classList.remove("sorting");
      root.style.overflowAnchor = "";
      if (children(list).map(goalId).join(",") !== before) {
        renumber(list);
        // Come back to the dragged card after the page reloads.
        var moved = document.createElement("input");
        moved.type = "hidden";
        moved.name = "moved";
        moved.value = goalId(item);
        form.appendChild(moved);
        submit(form);
      }
    }

    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", end);
    handle.addEventListener("pointercancel", end);
    handle.addEventListener("lostpointercapture", end);
  }

  /* After Higher/Lower the page comes back at #up-<id> or #down-<id>: keep the focus on
     that button so a keyboard user can press it again. */
  function restoreFocus() {
    var match = /^#((up|down)-\d+)$/.exec(window.location.hash);
    if (!match) return;
    var button = document.getElementById(match[1]);
    if (button && !button.disabled) button.focus();
  }

  /* One tap is one answer: ignore a second submit of the same form while it loads. */
  function oneTap(form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-sent")) event.preventDefault();
      else form.setAttribute("data-sent", "yes");
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-sortable]"), makeSortable);
    var forms = document.querySelectorAll(".portal form");
    Array.prototype.forEach.call(forms, oneTap);
    // Back to this page from the browser's cache: the forms may be sent again.
    window.addEventListener("pageshow", function () {
      Array.prototype.forEach.call(forms, function (form) {
        form.removeAttribute("data-sent");
      });
    });
    restoreFocus();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
