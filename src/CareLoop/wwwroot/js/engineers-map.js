// The engineers map (docs/adr/0019-browser-libraries-from-npm.md): the stations, the engineers' homes (coloured by
// station), their service radius and their last check-in, on a tile layer when one is configured, else a graticule.
import { createMap, finish, dispose as disposeMap, stationMarker, escape } from './leaflet-base.js';

/** Renders (or re-renders) the map into element; false when Leaflet could not be loaded. */
export async function render(element, data) {
  const created = await createMap(element, data);
  if (!created) {
    return false;
  }

  const { L, map } = created;
  const bounds = L.latLngBounds([]);
  for (const p of [...data.engineers.flatMap(e => [[e.lat, e.lng], [e.lastLat, e.lastLng]]), ...data.stations.map(s => [s.lat, s.lng])]) {
    if (p[0] != null) bounds.extend(p);
  }
  for (const e of data.engineers.filter(e => e.lat != null && e.radiusKm)) {
    bounds.extend(L.latLng(e.lat, e.lng).toBounds(e.radiusKm * 2000));
  }

  finish(L, map, bounds, data, 0.2, 13);
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
    if (s.lat != null) stationMarker(L, map, s, s.color);
  }

  return true;
}

export function dispose(element) {
  disposeMap(element);
}
