// The engineer's phone app (/m), progressive enhancement on top of static pages (ADR 0020):
// - installs the service worker (offline shell, installable as a PWA);
// - shows each job's distance from where the engineer is now;
// - while the list is open and online, checks for new assignments and shows a toast.
(function () {
  'use strict';

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/mobile-sw.js', { scope: '/m' }).catch(function () { /* the app works without it */ });
  }

  // Haversine distance in km (the server uses the same formula for dispatch).
  function km(lat1, lng1, lat2, lng2) {
    var rad = Math.PI / 180, dLat = (lat2 - lat1) * rad, dLng = (lng2 - lng1) * rad;
    var a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 6371 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  }

  function showDistances() {
    var cards = document.querySelectorAll('[data-job-id][data-lat][data-lng]');
    if (cards.length === 0 || !('geolocation' in navigator)) return;
    navigator.geolocation.getCurrentPosition(function (here) {
      cards.forEach(function (card) {
        var lat = parseFloat(card.getAttribute('data-lat')), lng = parseFloat(card.getAttribute('data-lng'));
        var slot = card.querySelector('[data-distance]');
        if (isNaN(lat) || isNaN(lng) || !slot) return;
        var d = km(here.coords.latitude, here.coords.longitude, lat, lng);
        slot.textContent = d < 1 ? Math.round(d * 1000) + ' m' : d.toFixed(1) + ' km';
      });
    }, function () { /* no permission: no distances */ }, { maximumAge: 120000, timeout: 10000 });
  }

  function toast(text, href) {
    var box = document.createElement('a');
    box.className = 'm-toast';
    box.setAttribute('role', 'status');
    box.setAttribute('data-testid', 'new-job-toast');
    box.href = href;
    box.textContent = text;
    document.body.appendChild(box);
    setTimeout(function () { box.remove(); }, 15000);
  }

  // New assignments: the ids the page was rendered with are known; any other id in today/upcoming is new.
  function watchAssignments() {
    var list = document.querySelector('[data-watch-jobs]');
    if (!list) return;
    var known = new Set(Array.prototype.map.call(document.querySelectorAll('[data-job-id]'), function (a) { return a.getAttribute('data-job-id'); }));
    var template = list.getAttribute('data-new-job-text') || '{0}';
    var every = parseInt(list.getAttribute('data-watch-jobs'), 10) || 60000;
    function check() {
      if (!navigator.onLine || document.hidden) return;
      fetch('/m/jobs.json', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (jobs) {
          if (!jobs) return;
          jobs.forEach(function (job) {
            if (known.has(job.id)) return;
            known.add(job.id);
            toast(template.replace('{0}', job.number), '/m/jobs/' + job.id);
          });
        })
        .catch(function () { /* offline or timed out: next time */ });
    }
    setInterval(check, every);
    document.addEventListener('visibilitychange', function () { if (!document.hidden) check(); });
    window.addEventListener('online', check);
  }

  showDistances();
  watchAssignments();
})();
