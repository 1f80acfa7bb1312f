// Draws a campaign's turfs on the map, each shaded by the share of its
// doors knocked (the page's legend gives the shades), on the server's
// tiles when it has a tile URL (data-tiles), else on a plain background.
// The tables under the map say the same in numbers.
(function () {
  var shades = [[0, "#e5e7eb"], [0.25, "#bbf7d0"], [0.5, "#86efac"], [0.75, "#22c55e"], [1.01, "#15803d"]];
  function shade(c) {
    if (c <= 0) return shades[0][1];
    for (var i = 1; i < shades.length; i++) if (c <= shades[i][0]) return shades[i][1];
    return shades[shades.length - 1][1];
  }
  function draw() {
    var el = document.getElementById("results-map");
    if (!el || el.dataset.drawn || typeof L === "undefined") return;
    el.dataset.drawn = "1";
    var map = L.map(el, { attributionControl: !!el.dataset.tiles, zoomSnap: 0.25 });
    if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
    fetch(el.dataset.geojson, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      var layer = L.geoJSON(data, {
        style: function (f) {
          return { color: "#374151", weight: 1, fillColor: shade(f.properties.completion), fillOpacity: f.properties.open ? 0.8 : 0.4 };
        },
        pointToLayer: function (f, at) { return L.circleMarker(at, { radius: 7 }); },
        onEachFeature: function (f, l) {
          l.bindTooltip(f.properties.name + ": " + f.properties.knocked + " / " + f.properties.doors);
          l.on("click", function () { window.location = "/turfs/" + f.properties.id; });
        }
      }).addTo(map);
      if (data.features.length) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
      else map.setView([34.05, -118.25], 11);
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
