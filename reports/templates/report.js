// Filters and search for the gap report. No network, no library: the file must work offline.
(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var search = document.getElementById("search");
  var count = document.getElementById("visible-count");
  function active(group) {
    var on = {};
    document.querySelectorAll('button[data-group="' + group + '"]').forEach(function (b) {
      if (b.getAttribute("aria-pressed") === "true") { on[b.dataset.value] = true; }
    });
    return on;
  }
  function apply() {
    var st = active("status"), sev = active("severity"), cl = active("checklist");
    var q = (search && search.value || "").trim().toLowerCase();
    var shown = 0;
    cards.forEach(function (c) {
      var ok = st[c.dataset.status] && sev[c.dataset.severity] && cl[c.dataset.checklist] &&
               (!q || c.dataset.search.indexOf(q) !== -1);
      c.classList.toggle("hidden", !ok);
      if (ok) { shown += 1; }
    });
    if (count) { count.textContent = shown + " of " + cards.length + " findings shown"; }
  }
  document.querySelectorAll(".filters button[data-group]").forEach(function (b) {
    b.addEventListener("click", function () {
      b.setAttribute("aria-pressed", b.getAttribute("aria-pressed") === "true" ? "false" : "true");
      apply();
    });
  });
  if (search) { search.addEventListener("input", apply); }
  // A link to a hidden card shows it: a citation must always land on its finding.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.classList.contains("hidden")) { target.classList.remove("hidden"); }
    var pass = target && target.querySelector("details.pass-details");
    if (pass) { pass.open = true; }
    if (target) { target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", reveal);
  // On paper nothing can be clicked open: print opens what the screen keeps folded (passes are left out).
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".card:not(.pass) details:not([open])").forEach(function (d) {
      d.open = true; opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
  apply();
  if (location.hash) { reveal(); }
})();
