// The day-route plan on a map (docs/adr/0017, 0019): each engineer's route as a coloured polyline from the start
// through numbered stops and back, unplanned jobs as grey rings. Offline it draws the same light graticule as the
// engineers map; a tile layer is added only when Network:MapTiles is configured.

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

/** Renders (or re-renders) the plan into element; false when Leaflet could not be loaded. */
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
  for (const r of data.routes) {
    bounds.extend(r.start);
    for (const s of r.stops) bounds.extend([s.lat, s.lng]);
  }
  for (const u of data.unassigned) bounds.extend([u.lat, u.lng]);
  if (data.station) bounds.extend([data.station.lat, data.station.lng]);
  if (!bounds.isValid()) bounds.extend([31.3, 120.6]);
  if (!data.tiles) graticule(L, map, bounds.pad(6));

  for (const r of data.routes) {
    const path = [r.start, ...r.stops.map(s => [s.lat, s.lng])];
    if (r.stops.length > 0) {
      L.polyline([...path, r.start], { color: r.color, weight: 4, opacity: 0.85, lineJoin: 'round', className: 'c-route-line' })
        .bindTooltip(escape(r.name), { sticky: true, className: 'c-map-label' }).addTo(map);
    }
    L.circleMarker(r.start, { radius: 7, color: '#fff', weight: 2, fillColor: r.color, fillOpacity: 1 })
      .bindTooltip(`<b>${escape(r.name)}</b>`, { className: 'c-map-label' }).addTo(map);
    for (const s of r.stops) {
      const icon = L.divIcon({ className: 'c-stop-icon', html: `<span class="c-stop" style="background:${r.color}">${s.n}</span>`, iconSize: [24, 24], iconAnchor: [12, 12] });
      L.marker([s.lat, s.lng], { icon, keyboard: false }).addTo(map)
        .bindTooltip(`<b>${escape(s.label)}</b><br>${escape(r.name)}<br>${escape(s.detail)}`, { className: 'c-map-label' });
    }
  }

  for (const u of data.unassigned) {
    L.circleMarker([u.lat, u.lng], { radius: 8, color: '#78909c', weight: 2, dashArray: '3 2', fillColor: '#fff', fillOpacity: 1, className: 'c-stop-missed' })
      .bindTooltip(escape(u.label), { className: 'c-map-label' }).addTo(map);
  }

  if (data.station) {
    const icon = L.divIcon({ className: 'c-map-station-icon', html: '<span class="c-map-station" style="background:#37474f"></span>', iconSize: [18, 18], iconAnchor: [9, 9] });
    L.marker([data.station.lat, data.station.lng], { icon, keyboard: false, title: data.station.name }).addTo(map)
      .bindTooltip(escape(data.station.name), { permanent: true, direction: 'right', offset: [8, 0], className: 'c-map-label' });
  }

  map.fitBounds(bounds.pad(0.15), { maxZoom: 14 });
  L.control.scale({ metric: true, imperial: false }).addTo(map);
  return true;
}

export function dispose(element) {
  maps.get(element)?.remove();
  maps.delete(element);
}

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

function escape(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
