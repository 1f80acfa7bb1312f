// Draws a turf's doors and the walking route between them with Leaflet,
// on the chapter's map tiles when it has a tile server (data-tiles), on a
// plain background otherwise. The numbered list below the map is the page
// without JavaScript.
(function () {
  function draw() {
    var el = document.getElementById("turf-map");
    if (!el || el.dataset.drawn || typeof L === "undefined") return;
    var doors = JSON.parse(el.dataset.doors || "[]");
    if (!doors.length) { el.hidden = true; return; }
    el.dataset.drawn = "1";
    var map = L.map(el, { zoomSnap: 0.25, attributionControl: !!el.dataset.tiles });
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: "© OpenStreetMap" }).addTo(map);
    }
    var route = doors.map(function (d) { return [d.lat, d.lon]; });
    L.polyline(route, { color: "#1b6e8f", weight: 3, opacity: 0.7 }).addTo(map);
    doors.forEach(function (d, i) {
      var first = i === 0;
      L.circleMarker([d.lat, d.lon], { radius: first ? 8 : 5, color: first ? "#3a7d2c" : "#b5451b", fillOpacity: 0.9 })
        .bindTooltip(d.n + ". " + d.line).addTo(map);
    });
    map.fitBounds(L.latLngBounds(route).pad(0.1));
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
