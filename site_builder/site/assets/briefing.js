/* The timeline filter and the directories. Runs on every page load, including Material's instant
   navigation (document$). Filters are kept in the URL, so a filtered view can be shared. Data for
   more rows than a page holds comes from the site's own data scripts, loaded on first use (a
   script, not a fetch, so this also works on a site opened from disk). No request leaves the site. */
(function () {
  "use strict";

  var pending = {};

  function loadData(src, key, done) {
    var store = window.bfData || {};
    if (store[key]) { done(store[key]); return; }
    if (pending[key]) { pending[key].push(done); return; }
    pending[key] = [done];
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () {
      var callbacks = pending[key] || [];
      delete pending[key];
      callbacks.forEach(function (cb) { cb((window.bfData || {})[key]); });
    };
    script.onerror = function () { delete pending[key]; };
    document.head.appendChild(script);
  }

  function params() { return new URLSearchParams(window.location.search); }

  function keepInUrl(values) {
    var query = new URLSearchParams();
    Object.keys(values).forEach(function (k) { if (values[k]) query.set(k, values[k]); });
    var text = query.toString();
    var url = window.location.pathname + (text ? "?" + text : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
    return text;
  }

  function fold(text) { return (text || "").trim().toLowerCase(); }

  function toArray(list) { return Array.prototype.slice.call(list); }

  /* --- the timeline --- */

  function eventSpan(date) {
    // an event known to the month or year covers the whole month or year
    var p = date.split("-");
    if (p.length === 1) return [p[0] + "-01-01", p[0] + "-12-31"];
    if (p.length === 2) return [date + "-01", date + "-31"];
    return [date, date];
  }

  var STATUS = ["happened", "ongoing", "expected"];

  function initTimeline(form) {
    var events = toArray(document.querySelectorAll(".bf-timeline .bf-event"));
    var entries = toArray(document.querySelectorAll(".bf-timeline .bf-entry"));
    var months = toArray(document.querySelectorAll(".bf-timeline .bf-month"));
    var shown = form.querySelector(".bf-shown");
    var elsewhere = form.querySelector(".bf-elsewhere");
    var f = form.elements;
    var data = null;
    var current = parseInt(form.dataset.page, 10);
    var shownKey = "";

    var query = params();
    ["actor", "place", "status", "from", "to"].forEach(function (name) {
      if (query.get(name)) f[name].value = query.get(name);
    });

    function state() {
      return { actor: f.actor.value, place: f.place.value, status: f.status.value, from: f.from.value, to: f.to.value };
    }

    function matches(s, date, status, actors, places) {
      var span = eventSpan(date);
      return (!s.actor || actors.indexOf(s.actor) >= 0) && (!s.place || places.indexOf(s.place) >= 0) &&
        (!s.status || status === s.status) && (!s.from || span[1] >= s.from) && (!s.to || span[0] <= s.to);
    }

    function names(kind, list) {
      var input = f[kind + "-name"], id = f[kind].value;
      var datalist = document.getElementById("bf-" + kind + "-names");
      if (datalist && !datalist.childElementCount) {
        var seen = {};
        list.forEach(function (e) {
          var label = seen[fold(e[1])] ? e[1] + " (" + e[0] + ")" : e[1];
          seen[fold(e[1])] = true;
          var option = document.createElement("option");
          option.value = label;
          option.label = e[2] + (e[2] === 1 ? " event" : " events");
          option.dataset.id = e[0];
          datalist.appendChild(option);
        });
      }
      if (id && !input.value) {
        var hit = list.filter(function (e) { return e[0] === id; })[0];
        input.value = hit ? hit[1] : id;
      }
    }

    function resolve(kind) {
      var input = f[kind + "-name"], typed = fold(input.value);
      if (!typed) { f[kind].value = ""; return; }
      var datalist = document.getElementById("bf-" + kind + "-names");
      var options = datalist ? toArray(datalist.options) : [];
      var hit = options.filter(function (o) { return fold(o.value) === typed; })[0];
      if (hit) f[kind].value = hit.dataset.id;
    }

    function ready(loaded) {
      if (!loaded) return;
      data = loaded;
      names("actor", data.actors);
      names("place", data.places);
      apply();
    }

    function load() { loadData(form.dataset.src, "timeline", ready); }

    function showElsewhere(s, text) {
      if (!elsewhere) return;
      var active = s.actor || s.place || s.status || s.from || s.to;
      if (!active || !data) { elsewhere.hidden = true; shownKey = ""; return; }
      var counts = {};
      data.events.forEach(function (e) {
        var actors = e[3].map(function (i) { return data.actors[i][0]; });
        var places = e[4].map(function (i) { return data.places[i][0]; });
        if (matches(s, e[1], STATUS[e[2]], actors, places)) counts[e[0]] = (counts[e[0]] || 0) + 1;
      });
      var key = text + "|" + JSON.stringify(counts);
      if (key === shownKey) return;  // unchanged: keep the links (a click may be on its way)
      shownKey = key;
      var list = elsewhere.querySelector(".bf-elsewhere-list");
      var template = elsewhere.querySelector("template");
      list.textContent = "";
      var found = 0;
      data.pages.forEach(function (page, i) {
        if (!counts[i] || i === current) return;
        var item = template.content.cloneNode(true);
        var a = item.querySelector("a");
        a.href = form.dataset.root + page[0] + (text ? "?" + text : "");
        a.textContent = page[1];
        item.querySelector(".bf-count").textContent = counts[i];
        if (found) list.appendChild(document.createTextNode(" · "));
        list.appendChild(item);
        found += 1;
      });
      elsewhere.hidden = !found;
    }

    function apply() {
      var s = state();
      var count = 0;
      events.forEach(function (li) {
        var ok = matches(s, li.dataset.date, li.dataset.status || "happened",
          li.dataset.actors.split(" "), li.dataset.places.split(" "));
        li.hidden = !ok;
        if (ok) count += 1;
      });
      entries.forEach(function (e) { e.hidden = !e.querySelector(".bf-event:not([hidden])"); });
      months.forEach(function (m) { m.hidden = !m.querySelector(".bf-event:not([hidden])"); });
      if (shown) shown.textContent = count + " of " + events.length + " events on this page";
      var text = keepInUrl(s);
      toArray(document.querySelectorAll(".bf-pages a[href], .bf-archive a[href]")).forEach(function (a) {
        var target = a.getAttribute("href").split("?")[0].split("#");
        a.setAttribute("href", target[0] + (text ? "?" + text : "") + (target[1] ? "#" + target[1] : ""));
      });
      showElsewhere(s, text);
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); });
    ["actor", "place"].forEach(function (kind) {
      var input = f[kind + "-name"];
      input.addEventListener("focus", load);
      input.addEventListener("input", function () { resolve(kind); apply(); });
      input.addEventListener("change", function () { resolve(kind); apply(); });
    });
    ["status", "from", "to"].forEach(function (name) {
      f[name].addEventListener("change", function () { apply(); if (!data) load(); });
    });
    form.addEventListener("reset", function () {
      f.actor.value = "";
      f.place.value = "";
      setTimeout(apply, 0);
    });
    apply();
    if (query.toString()) load();
  }

  /* --- directories: actors, locations, briefs --- */

  var STEP = 100;

  var ORDERS = {
    mentions: function (a, b) { return b.mentions - a.mentions || b.briefs - a.briefs || byName(a, b); },
    briefs: function (a, b) { return b.briefs - a.briefs || b.mentions - a.mentions || byName(a, b); },
    name: function (a, b) { return byName(a, b); },
    newest: function (a, b) { return a.date < b.date ? 1 : a.date > b.date ? -1 : 0; },
    oldest: function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; },
    title: function (a, b) { return a.title.localeCompare(b.title); }
  };

  function byName(a, b) { return a.name.localeCompare(b.name); }

  function fill(node, row) {
    toArray(node.querySelectorAll("[data-href]")).forEach(function (el) {
      var value = row[el.dataset.href];
      if (value) { el.setAttribute("href", value); el.hidden = false; } else { el.removeAttribute("href"); el.hidden = true; }
    });
    toArray(node.querySelectorAll("[data-f]")).forEach(function (el) {
      el.textContent = row[el.dataset.f];
    });
    return node;
  }

  function initDirectory(box) {
    var key = box.dataset.bfDir;
    var form = box.querySelector("form");
    var f = form.elements;
    var body = box.querySelector("tbody") || box.querySelector("ul");
    var template = box.querySelector("template");
    var more = box.querySelector(".bf-more");
    var shown = form.querySelector(".bf-shown");
    var total = parseInt(box.dataset.total, 10) || 0;
    var serverRows = body.children.length;
    var defaultSort = f.sort ? f.sort.options[0].value : "";
    var rows = null;
    var limit = STEP;

    var query = params();
    ["q", "kind", "sort"].forEach(function (name) {
      if (f[name] && query.get(name)) f[name].value = query.get(name);
    });

    function state() {
      return { q: f.q.value, kind: f.kind ? f.kind.value : "", sort: f.sort && f.sort.value !== defaultSort ? f.sort.value : "" };
    }

    function render() {
      var s = state();
      keepInUrl(s);
      var needed = s.q || s.kind || s.sort || limit > serverRows;
      if (!needed) {
        // the page's own rows are the default view: nothing to load
        toArray(body.children).forEach(function (r, i) { r.hidden = i >= serverRows; });
        if (shown) shown.textContent = "Showing " + Math.min(serverRows, total) + " of " + total;
        if (more) more.hidden = total <= serverRows;
        return;
      }
      if (!rows) { loadData(box.dataset.src, key, ready); return; }
      var q = fold(s.q);
      var hits = rows.filter(function (r) { return (!q || r.find.indexOf(q) >= 0) && (!s.kind || r.kind === s.kind); });
      hits.sort(ORDERS[s.sort || defaultSort] || ORDERS.name);
      body.textContent = "";
      serverRows = 0;
      hits.slice(0, limit).forEach(function (r) { body.appendChild(fill(template.content.firstElementChild.cloneNode(true), r)); });
      if (shown) shown.textContent = "Showing " + Math.min(limit, hits.length) + " of " + hits.length + (hits.length < rows.length ? " (of " + rows.length + ")" : "");
      if (more) more.hidden = hits.length <= limit;
    }

    function ready(data) {
      if (!data) return;
      rows = data.rows.map(function (values) {
        var row = {};
        data.fields.forEach(function (name, i) { row[name] = values[i]; });
        return row;
      });
      render();
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("input", function () { limit = STEP; render(); });
    form.addEventListener("change", function () { limit = STEP; render(); });
    form.addEventListener("reset", function () { limit = STEP; setTimeout(render, 0); });
    if (more) more.addEventListener("click", function () { limit += STEP * 5; render(); });
    render();
  }

  function init() {
    toArray(document.querySelectorAll("form[data-bf-timeline]")).forEach(initTimeline);
    toArray(document.querySelectorAll("[data-bf-dir]")).forEach(initDirectory);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
