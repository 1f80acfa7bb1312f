// Draws the branch boundaries (or a race's district) with Leaflet, on a plain background: no map
// tiles are fetched from anywhere.
(function () {
  function draw() {
    var el = document.getElementById("map");
    if (!el || el.dataset.drawn || typeof L === "undefined") return;
    el.dataset.drawn = "1";
    var map = L.map(el, { zoomSnap: 0.25, attributionControl: false });
    var colors = ["#1b6e8f", "#b5451b", "#3a7d2c", "#7a3f96", "#a07a00", "#8f1b4b"];
    fetch(el.dataset.geojson).then(function (r) { return r.json(); }).then(function (data) {
      var i = 0;
      var layer = L.geoJSON(data, {
        style: function () { var c = colors[i++ % colors.length]; return { color: c, weight: 2, fillColor: c, fillOpacity: 0.25 }; },
        onEachFeature: function (f, l) {
          l.bindTooltip(f.properties.name, { permanent: true, direction: "center", className: "branch-label" });
          if (f.properties.slug) l.on("click", function () { window.location = "/bodies/" + encodeURIComponent(f.properties.slug); });
        }
      }).addTo(map);
      if (data.features.length) map.fitBounds(layer.getBounds());
      else map.setView([0, 0], 1);
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("htmx:afterSettle", draw);
})();
