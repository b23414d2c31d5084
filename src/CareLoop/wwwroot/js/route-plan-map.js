// The day-route plan on a map (docs/adr/0017, 0019): each engineer's route as a coloured polyline from the start
// through numbered stops and back, unplanned jobs as grey rings, on a tile layer when configured, else a graticule.
import { createMap, finish, dispose as disposeMap, stationMarker, escape } from './leaflet-base.js';

/** Renders (or re-renders) the plan into element; false when Leaflet could not be loaded. */
export async function render(element, data) {
  const created = await createMap(element, data);
  if (!created) {
    return false;
  }

  const { L, map } = created;
  const bounds = L.latLngBounds([]);
  for (const r of data.routes) {
    bounds.extend(r.start);
    for (const s of r.stops) bounds.extend([s.lat, s.lng]);
  }
  for (const u of data.unassigned) bounds.extend([u.lat, u.lng]);
  if (data.station) bounds.extend([data.station.lat, data.station.lng]);
  finish(L, map, bounds, data, 0.15, 14);

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
    stationMarker(L, map, data.station, '#37474f');
  }

  return true;
}

export function dispose(element) {
  disposeMap(element);
}
