// The engineers map (docs/adr/0019-browser-libraries-from-npm.md). Leaflet comes from npm into wwwroot/lib at build
// time. Offline there is no tile server: the map draws a light graticule, the stations, the engineers' homes (coloured
// by station), their service radius and their last check-in; a tile layer is added only when one is configured.

let loading;

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

const maps = new WeakMap();

/** Renders (or re-renders) the map into element; false when Leaflet could not be loaded. */
export async function render(element, data) {
  let L;
  try {
    L = await loadLeaflet();
  } catch (e) {
    console.warn(e.message);
    return false;
  }

  maps.get(element)?.remove();
  const map = L.map(element, { attributionControl: Boolean(data.tiles), zoomSnap: 0.25 });
  maps.set(element, map);
  if (data.tiles) {
    L.tileLayer(data.tiles, { maxZoom: 18, attribution: data.attribution || '' }).addTo(map);
  }

  const bounds = L.latLngBounds([]);
  for (const p of [...data.engineers.flatMap(e => [[e.lat, e.lng], [e.lastLat, e.lastLng]]), ...data.stations.map(s => [s.lat, s.lng])]) {
    if (p[0] != null) bounds.extend(p);
  }
  for (const e of data.engineers.filter(e => e.lat != null && e.radiusKm)) {
    bounds.extend(L.latLng(e.lat, e.lng).toBounds(e.radiusKm * 2000));
  }
  if (!bounds.isValid()) {
    bounds.extend([31.3, 120.6]); // Suzhou: somewhere sensible for an empty network
  }
  if (!data.tiles) {
    graticule(L, map, bounds.pad(6));
  }

  for (const e of data.engineers) {
    if (e.lat == null) continue;
    const home = [e.lat, e.lng];
    if (e.radiusKm) {
      L.circle(home, { radius: e.radiusKm * 1000, color: e.color, weight: 1, dashArray: '4 4', fillOpacity: 0.08, className: 'c-map-radius' }).addTo(map);
    }
    if (e.lastLat != null) {
      const last = [e.lastLat, e.lastLng];
      L.polyline([home, last], { color: e.color, weight: 1, opacity: 0.6, dashArray: '2 4' }).addTo(map);
      L.circleMarker(last, { radius: 5, color: e.color, weight: 2, fillColor: '#fff', fillOpacity: 1, className: 'c-map-last' })
        .bindTooltip(`${escape(e.name)} · ${escape(data.text.last)} ${escape(e.lastAt || '')}`).addTo(map);
    }
    L.circleMarker(home, { radius: 8, color: '#fff', weight: 2, fillColor: e.color, fillOpacity: 1, className: 'c-map-engineer' })
      .bindTooltip(`<b>${escape(e.name)}</b><br>${escape(e.station)}<br>${escape(e.detail)}`, { className: 'c-map-label' }).addTo(map);
  }

  for (const s of data.stations) {
    if (s.lat == null) continue;
    const icon = L.divIcon({ className: 'c-map-station-icon', html: `<span class="c-map-station" style="background:${s.color}"></span>`, iconSize: [18, 18], iconAnchor: [9, 9] });
    L.marker([s.lat, s.lng], { icon, keyboard: false, title: s.name }).addTo(map)
      .bindTooltip(escape(s.name), { permanent: true, direction: 'right', offset: [8, 0], className: 'c-map-label' });
  }

  map.fitBounds(bounds.pad(0.2), { maxZoom: 13 });
  L.control.scale({ metric: true, imperial: false }).addTo(map);
  return true;
}

export function dispose(element) {
  maps.get(element)?.remove();
  maps.delete(element);
}

// Thin lines every "nice" step of latitude and longitude, so distances read without a base map.
function graticule(L, map, bounds) {
  const span = Math.max(bounds.getNorth() - bounds.getSouth(), bounds.getEast() - bounds.getWest());
  const step = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5].find(s => span / s <= 80) ?? 10;
  const style = { color: '#c5d3d3', weight: 1, interactive: false };
  for (let lat = Math.floor(bounds.getSouth() / step) * step; lat <= bounds.getNorth(); lat += step) {
    L.polyline([[lat, bounds.getWest()], [lat, bounds.getEast()]], style).addTo(map);
  }
  for (let lng = Math.floor(bounds.getWest() / step) * step; lng <= bounds.getEast(); lng += step) {
    L.polyline([[bounds.getSouth(), lng], [bounds.getNorth(), lng]], style).addTo(map);
  }
}

function escape(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
