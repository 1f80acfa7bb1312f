// The canvasser's phone: keeps the turf and the answers in IndexedDB and
// sends the answers in batches when there is a connection, each with an
// id made here, so that a batch sent twice (the answer to the first was
// lost) is stored once. An answer leaves the queue only after the server
// said it has it. Without this script the pages still work, online.
(function () {
  "use strict";
  var canvass = window.canvass = { batchSize: 25 };
  var dbp;

  function openDB() {
    dbp = dbp || new Promise(function (ok, fail) {
      var rq = indexedDB.open("rankfile-canvass", 1);
      rq.onupgradeneeded = function () {
        var db = rq.result;
        db.createObjectStore("queue", { keyPath: "client_id" });   // answers to send
        db.createObjectStore("refused", { keyPath: "client_id" }); // answers the server refused
        db.createObjectStore("walks", { keyPath: "turf.id" });     // turfs, with doors and script
        db.createObjectStore("done", { keyPath: "key" });          // doors answered, "turf:door"
      };
      rq.onsuccess = function () { ok(rq.result); };
      rq.onerror = function () { fail(rq.error); };
    });
    return dbp;
  }

  // run does fn in a transaction over stores and resolves with what fn
  // returned once the transaction is committed.
  function run(stores, mode, fn) {
    return openDB().then(function (db) {
      return new Promise(function (ok, fail) {
        var tx = db.transaction(stores, mode), out;
        tx.oncomplete = function () { ok(out && out.result !== undefined ? out.result : out); };
        tx.onerror = tx.onabort = function () { fail(tx.error); };
        out = fn(tx);
      });
    });
  }

  function newID() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16), s = "";
    crypto.getRandomValues(b);
    b.forEach(function (x) { s += (x + 256).toString(16).slice(1); });
    return s;
  }

  // record keeps an answer on the phone, to be sent.
  canvass.record = function (a) {
    a.client_id = a.client_id || newID();
    a.at = a.at || new Date().toISOString();
    return run(["queue", "done"], "readwrite", function (tx) {
      tx.objectStore("queue").put(a);
      tx.objectStore("done").put({ key: a.turf_id + ":" + a.household_id });
    }).then(function () { status(0); return a.client_id; });
  };

  canvass.queued = function () {
    return run(["queue"], "readonly", function (tx) { return tx.objectStore("queue").getAll(); });
  };

  function post(batch) {
    return fetch("/canvass/attempts", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify({ attempts: batch })
    });
  }

  function forget(store, ids) {
    return run([store], "readwrite", function (tx) { ids.forEach(function (id) { tx.objectStore(store).delete(id); }); });
  }

  function refuse(a) {
    return run(["queue", "refused"], "readwrite", function (tx) {
      tx.objectStore("refused").put(a);
      tx.objectStore("queue").delete(a.client_id);
    });
  }

  // send sends one batch: taken off the queue when stored; a batch the
  // server refuses as invalid is sent one by one, and the answers it
  // refuses alone are kept apart, to show. A failure of the connection
  // or the server rejects, leaving the queue as it was.
  function send(batch) {
    return post(batch).then(function (r) {
      if (r.ok) return forget("queue", batch.map(function (a) { return a.client_id; }));
      if (r.status === 401) throw new Error("signin");
      if (r.status !== 400 && r.status !== 403 && r.status !== 404) throw new Error("server " + r.status);
      if (batch.length === 1) return refuse(batch[0]);
      return batch.reduce(function (p, a) { return p.then(function () { return send([a]); }); }, Promise.resolve());
    });
  }

  var syncing = null;
  // sync sends every queued answer, a batch at a time, until none is left
  // or one fails; it resolves with the number left.
  canvass.sync = function () {
    if (syncing) return syncing;
    function next() {
      return canvass.queued().then(function (q) {
        if (!q.length) return 0;
        q.sort(function (a, b) { return a.at < b.at ? -1 : 1; });
        return send(q.slice(0, canvass.batchSize)).then(next);
      });
    }
    syncing = next().catch(function (e) { return e.message === "signin" ? -2 : -1; }).then(function (left) {
      syncing = null;
      status(left);
      return left;
    });
    return syncing;
  };

  function count(store) {
    return run([store], "readonly", function (tx) { return tx.objectStore(store).count(); });
  }

  // status says how many answers wait, and why when the last sync failed
  // (left: -1 no connection, -2 signed out), and marks the doors answered.
  function status(left) {
    var el = document.getElementById("sync");
    if (!el) return;
    Promise.all([count("queue"), count("refused")]).then(function (n) {
      var text = n[0] === 0 ? el.dataset.synced : n[0] === 1 ? el.dataset.waitingOne : el.dataset.waitingOther.replace("1000001", n[0]);
      if (left < 0 && n[0] > 0) text += " " + (left === -2 ? el.dataset.signin : el.dataset.offline);
      if (n[1] > 0) text += " " + el.dataset.refused;
      el.textContent = text;
      el.dataset.waiting = n[0];
      el.hidden = false;
    });
    markDone();
  }

  function markDone() {
    var walk = document.getElementById("walk");
    if (!walk) return;
    run(["done"], "readonly", function (tx) { return tx.objectStore("done").getAllKeys(); }).then(function (keys) {
      keys.forEach(function (k) {
        var parts = k.split(":"), li = document.getElementById("door-" + parts[1]);
        if (parts[0] === walk.dataset.turf && li) li.querySelector(".door-done").hidden = false;
      });
    });
  }

  // fromForm reads a door's form as an attempt, as the server reads it.
  function fromForm(form) {
    var f = new FormData(form), a = {
      turf_id: +form.dataset.turf, household_id: +form.dataset.door, channel: "door",
      result: f.get("result"), issues: f.getAll("issues"), volunteer: f.has("volunteer"),
      keep_in_touch: f.has("keep_in_touch"), notes: f.get("notes") || "", answers: {}
    };
    if (f.get("support")) a.support = +f.get("support");
    var person = f.get("person");
    if (person === "new") a.met = { first_name: f.get("met_first"), last_name: f.get("met_last"), phone: f.get("met_phone") };
    else if (person) a.target_id = +person;
    f.forEach(function (v, k) { if (k.indexOf("q.") === 0 && v.trim()) a.answers[k.slice(2)] = v.trim(); });
    return a;
  }

  function onSubmit(e) {
    var form = e.target;
    if (!form.classList || !form.classList.contains("door-form") || !window.indexedDB) return;
    e.preventDefault();
    canvass.record(fromForm(form)).then(function () {
      canvass.sync();
      var to = "/canvass/turfs/" + form.dataset.turf + "?done=" + form.dataset.door + "#door-" + form.dataset.door;
      window.location.assign(to);
    });
  }

  // keepWalk stores the turf for the phone, and has the worker keep its
  // doors' pages, so that the whole turf works offline.
  function keepWalk() {
    var walk = document.getElementById("walk");
    if (!walk) return;
    fetch(walk.dataset.walkUrl, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) return;
      return r.json().then(function (w) { return run(["walks"], "readwrite", function (tx) { tx.objectStore("walks").put(w); }); });
    }).catch(function () {});
    if (!navigator.serviceWorker || !navigator.serviceWorker.controller) return;
    document.querySelectorAll("li.door a").forEach(function (a) { fetch(a.href, { credentials: "same-origin" }).catch(function () {}); });
  }

  // drawMap puts the doors on a map, numbered in walking order, on the
  // tiles when a tile server is set, else on a plain background.
  function drawMap() {
    var el = document.getElementById("turf-map");
    if (!el || typeof L === "undefined") return;
    var pts = [];
    document.querySelectorAll("li.door[data-lat]").forEach(function (li) {
      pts.push({ ll: [+li.dataset.lat, +li.dataset.lon], n: li.dataset.position, id: li.id });
    });
    if (!pts.length) return;
    el.hidden = false;
    var map = L.map(el, { attributionControl: !!el.dataset.tiles });
    if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, { maxZoom: 19 }).addTo(map);
    L.polyline(pts.map(function (p) { return p.ll; }), { color: "#1b6e8f", weight: 2 }).addTo(map);
    pts.forEach(function (p) {
      L.circleMarker(p.ll, { radius: 9, color: "#b5451b", fillOpacity: 0.8 }).addTo(map)
        .bindTooltip(p.n, { permanent: true, direction: "center", className: "door-label" })
        .on("click", function () { document.getElementById(p.id).scrollIntoView(); });
    });
    map.fitBounds(L.latLngBounds(pts.map(function (p) { return p.ll; })), { padding: [20, 20] });
  }

  function start() {
    if (navigator.serviceWorker) navigator.serviceWorker.register("/canvass/sw.js", { scope: "/canvass" }).catch(function () {});
    document.addEventListener("submit", onSubmit, true);
    status(0);
    keepWalk();
    drawMap();
    canvass.sync();
  }
  window.addEventListener("online", function () { canvass.sync(); });
  setInterval(function () { if (document.getElementById("sync")) canvass.sync(); }, 30000);
  document.addEventListener("DOMContentLoaded", start);
})();
