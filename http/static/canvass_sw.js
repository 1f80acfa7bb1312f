// The canvassing pages' service worker: keeps the pages of /canvass and
// the files they load, so that a turf can be walked with no connection.
// Pages come from the network while there is one (and are kept as they
// come); without one, from what was kept. Static files carry their
// version in their address, so one kept is good forever. The cache's name
// carries the worker's version: a new worker drops the old cache.
var CACHE = "rankfile-canvass-1";

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("rankfile-canvass-") === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// pageKey is a page's address without its query: a walk page shown after
// a door (?done=) is the walk page.
function pageKey(url) { return url.origin + url.pathname; }

function fromStatic(req) {
  return caches.open(CACHE).then(function (c) {
    return c.match(req).then(function (hit) {
      return hit || fetch(req).then(function (r) { if (r.ok) c.put(req, r.clone()); return r; });
    });
  });
}

function fromPage(req, url) {
  return fetch(req).then(function (r) {
    if (r.ok && !r.redirected) {
      var copy = r.clone();
      caches.open(CACHE).then(function (c) { c.put(pageKey(url), copy); });
    }
    return r;
  }).catch(function () {
    return caches.open(CACHE).then(function (c) { return c.match(pageKey(url)); }).then(function (hit) {
      return hit || new Response("Offline, and this page was not kept on the phone.", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    });
  });
}

self.addEventListener("fetch", function (e) {
  var req = e.request, url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("/static/") === 0) return e.respondWith(fromStatic(req));
  if (url.pathname === "/canvass" || url.pathname.indexOf("/canvass/") === 0) return e.respondWith(fromPage(req, url));
});
