// What every CareLoop map shares (docs/adr/0019-browser-libraries-from-npm.md): Leaflet loaded on demand from
// wwwroot/lib (restored from npm at build time), one map per element, a tile layer only when Network:MapTiles is
// configured, and offline a light graticule so distances read without a base map.

let loading;
const maps = new WeakMap();

function loadLeaflet() {
  if (window.L) {
    return Promise.resolve(window.L);
  }

  loading ??= new Promise((resolve, reject) => {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = 'lib/leaflet/leaflet.css';
    document.head.appendChild(css);
    const script = document.createElement('script');
    script.src = 'lib/leaflet/leaflet.js';
    script.onload = () => resolve(window.L);
    script.onerror = () => {
      loading = undefined;
      reject(new Error('Leaflet is not in wwwroot/lib: was npm available at build time?'));
    };
    document.head.appendChild(script);
  });
  return loading;
}

/** A fresh map in element (replacing an earlier one) with the tile layer when configured; null when Leaflet is missing. */
export async function createMap(element, data) {
  let L;
  try {
    L = await loadLeaflet();
  } catch (e) {
    console.warn(e.message);
    return null;
  }

  maps.get(element)?.remove();
  const map = L.map(element, { attributionControl: Boolean(data.tiles), zoomSnap: 0.25 });
  maps.set(element, map);
  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: 18, attribution: data.attribution || '' }).addTo(map);
  }

  return { L, map };
}

/** Fits the map to bounds (Suzhou when empty), drawing the graticule first when there is no base map, and adds a scale. */
export function finish(L, map, bounds, data, padding, maxZoom) {
  if (!bounds.isValid()) {
    bounds.extend([31.3, 120.6]); // somewhere sensible for an empty map
  }

  if (!data.tiles) {
    graticule(L, map, bounds.pad(6));
  }

  map.fitBounds(bounds.pad(padding), { maxZoom });
  L.control.scale({ metric: true, imperial: false }).addTo(map);
}

export function dispose(element) {
  maps.get(element)?.remove();
  maps.delete(element);
}

/** A station as a labelled diamond. */
export function stationMarker(L, map, station, color) {
  const icon = L.divIcon({ className: 'c-map-station-icon', html: `<span class="c-map-station" style="background:${color}"></span>`, iconSize: [18, 18], iconAnchor: [9, 9] });
  L.marker([station.lat, station.lng], { icon, keyboard: false, title: station.name }).addTo(map)
    .bindTooltip(escape(station.name), { permanent: true, direction: 'right', offset: [8, 0], className: 'c-map-label' });
}

export function escape(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// Thin lines every "nice" step of latitude and longitude.
function graticule(L, map, bounds) {
  const span = Math.max(bounds.getNorth() - bounds.getSouth(), bounds.getEast() - bounds.getWest());
  const step = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5].find(s => span / s <= 80) ?? 10;
  const style = { color: '#c5d3d3', weight: 1, interactive: false };
  for (let lat = Math.floor(bounds.getSouth() / step) * step; lat <= bounds.getNorth(); lat += step) {
    L.polyline([[lat, bounds.getWest()], [lat, bounds.getEast()]], style).addTo(map);
  }
  for (let lng = Math.floor(bounds.getWest() / step) * step; lng <= bounds.getEast(); lng += step) {
    L.polyline([[bounds.getSouth(), lng], [bounds.getNorth(), lng]], style).addTo(map);
  }
}
