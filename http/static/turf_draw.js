// Draws a turf by hand: the campaign's doors in no open turf are dots on
// the map; each tap on the map puts a corner of an outline, the doors
// inside it turn red and are counted, and the form sends the outline's
// corners (the server finds the doors inside again: what is drawn here is
// only shown). Tiles come from the server's tile URL when it has one
// (data-tiles), else the dots are drawn on a plain background.
(function () {
  function inside(lat, lon, corners) {
    var n = corners.length, yes = false;
    for (var i = 0, j = n - 1; i < n; j = i++) {
      var a = corners[i], b = corners[j];
      if ((a[1] > lon) !== (b[1] > lon) && lat < (b[0] - a[0]) * (lon - a[1]) / (b[1] - a[1]) + a[0]) yes = !yes;
    }
    return yes;
  }

  function start() {
    var el = document.getElementById("draw-map");
    if (!el || el.dataset.drawn || typeof L === "undefined") return;
    el.dataset.drawn = "1";
    var form = document.getElementById("draw-form");
    var field = form.querySelector("input[name=outline]");
    var count = document.getElementById("draw-count");
    document.querySelector(".draw-tools").hidden = false;
    var map = L.map(el, { attributionControl: !!el.dataset.tiles, zoomSnap: 0.25 });
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
    }
    var corners = [], doors = [], dots = [];
    var outline = L.polygon([], { color: "#a51c1c", weight: 2, fillOpacity: 0.12 }).addTo(map);
    function update() {
      outline.setLatLngs(corners);
      var n = 0;
      doors.forEach(function (d, i) {
        var yes = corners.length >= 3 && inside(d.lat, d.lon, corners);
        dots[i].setStyle({ color: yes ? "#a51c1c" : "#4b5563", fillColor: yes ? "#a51c1c" : "#9ca3af" });
        if (yes) n++;
      });
      count.textContent = n;
      field.value = corners.length >= 3 ? JSON.stringify(corners) : "";
    }
    fetch(el.dataset.doors, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      doors = data.doors;
      doors.forEach(function (d) {
        dots.push(L.circleMarker([d.lat, d.lon], { radius: 5, weight: 1, color: "#4b5563", fillColor: "#9ca3af", fillOpacity: 0.9 })
          .bindTooltip(d.line).addTo(map));
      });
      if (doors.length) map.fitBounds(L.latLngBounds(doors.map(function (d) { return [d.lat, d.lon]; })), { padding: [12, 12] });
      else map.setView([34.05, -118.25], 12);
    });
    map.on("click", function (e) { corners.push([e.latlng.lat, e.latlng.lng]); update(); });
    document.getElementById("draw-undo").addEventListener("click", function () { corners.pop(); update(); });
    document.getElementById("draw-clear").addEventListener("click", function () { corners = []; update(); });
  }
  document.addEventListener("DOMContentLoaded", start);
})();
