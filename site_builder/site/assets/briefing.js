/* Client-side filters for the timeline and the directories. Runs on every page load,
   including Material's instant navigation (document$). Sends no request. */
(function () {
  "use strict";

  function eventSpan(date) {
    // an event known to the month or year covers the whole month or year
    var p = date.split("-");
    if (p.length === 1) return [p[0] + "-01-01", p[0] + "-12-31"];
    if (p.length === 2) return [date + "-01", date + "-31"];
    return [date, date];
  }

  function initTimeline(form) {
    var items = Array.prototype.slice.call(document.querySelectorAll(".bf-timeline .bf-event"));
    var months = Array.prototype.slice.call(document.querySelectorAll(".bf-timeline .bf-month"));
    var shown = form.querySelector(".bf-shown");
    var params = new URLSearchParams(window.location.search);
    ["actor", "place", "from", "to"].forEach(function (name) {
      if (params.get(name) && form.elements[name]) form.elements[name].value = params.get(name);
    });
    function apply() {
      var actor = form.elements.actor.value, place = form.elements.place.value;
      var from = form.elements.from.value, to = form.elements.to.value;
      var count = 0;
      items.forEach(function (li) {
        var span = eventSpan(li.dataset.date);
        var ok = (!actor || li.dataset.actors.split(" ").indexOf(actor) >= 0) &&
          (!place || li.dataset.places.split(" ").indexOf(place) >= 0) &&
          (!from || span[1] >= from) && (!to || span[0] <= to);
        li.hidden = !ok;
        if (ok) count += 1;
      });
      months.forEach(function (m) { m.hidden = !m.querySelector(".bf-event:not([hidden])"); });
      if (shown) shown.textContent = count + " of " + items.length + " events";
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
  }

  var PAGE = 200;

  function initList(list) {
    var input = list.querySelector(".bf-find");
    var rows = Array.prototype.slice.call(list.querySelectorAll("[data-name]"));
    var more = list.querySelector(".bf-more");
    var limit = PAGE;
    function apply() {
      var q = (input && input.value || "").trim().toLowerCase();
      var matched = 0;
      rows.forEach(function (r) {
        var ok = !q || r.dataset.name.indexOf(q) >= 0;
        r.hidden = !(ok && matched < limit);
        if (ok) matched += 1;
      });
      if (more) {
        more.hidden = matched <= limit;
        more.textContent = "Show all " + matched;
      }
    }
    if (input) input.addEventListener("input", apply);
    if (more) more.addEventListener("click", function () { limit = Infinity; apply(); });
    apply();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-bf-timeline]"), initTimeline);
    Array.prototype.forEach.call(document.querySelectorAll("[data-bf-list]"), initList);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
