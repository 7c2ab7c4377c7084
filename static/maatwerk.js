/* Maatwerk: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  /* Intake: show the typed names in "Consent given by" instead of "Member 1, 2 ...". */
  function nameConsentGivers() {
    var select = document.querySelector("[data-consent-given-by]");
    if (!select) { return; }
    var fallback = {};
    Array.prototype.forEach.call(select.options, function (option) {
      fallback[option.value] = option.textContent;
    });
    function update() {
      document.querySelectorAll("[data-member-name]").forEach(function (input) {
        var index = input.getAttribute("data-member-name");
        var option = select.querySelector('option[value="' + index + '"]');
        if (!option) { return; }
        var name = input.value.trim();
        option.textContent = name ? fallback[index] + " – " + name : fallback[index];
      });
    }
    document.addEventListener("input", function (event) {
      if (event.target.hasAttribute("data-member-name")) { update(); }
    });
    update();
  }

  /* Open the collapsed form a link or the address points into (e.g. #propose-goal). */
  function openTarget() {
    if (!location.hash) { return; }
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }

  /* A button is pressed once: a second click while the page loads does not post twice. */
  function submitOnce() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.method.toLowerCase() !== "post") { return; }
      if (form.dataset.submitted) { event.preventDefault(); return; }
      form.dataset.submitted = "1";
    });
    window.addEventListener("pageshow", function () {
      document.querySelectorAll("form[data-submitted]").forEach(function (form) {
        delete form.dataset.submitted;
      });
    });
  }

  /* A form that came back with mistakes: the focus goes to its summary at the top, and a
     link in the summary puts the focus in the field it names (not only scrolls to it). */
  function errorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) { return; }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) { return; }
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']") || field;
      label.scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    errorSummary();
    nameConsentGivers();
    openTarget();
    submitOnce();
  });
  window.addEventListener("hashchange", openTarget);
})();
