// Service worker of the engineer's phone app (scope /m): the app installs as a PWA and opens on a weak or absent
// network. Pages are network-first (always the latest jobs when online) with the last copy as the offline fallback;
// styles, scripts and libraries are cache-first (their URLs are fingerprinted by the build). Posts and the API are
// never cached: the offline outbox (mobile-outbox.js) keeps what the engineer entered.
'use strict';
var CACHE = 'careloop-m-v1';
var OFFLINE = '/m/offline';

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll([OFFLINE, '/favicon.svg']); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf('careloop-m-') === 0 && k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.indexOf('/api/') === 0) return;

  if (request.mode === 'navigate') {
    if (!(url.pathname === '/m' || url.pathname.indexOf('/m/') === 0)) return;
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(request).then(function (hit) { return hit || caches.match(OFFLINE); });
    }));
    return;
  }

  if (/\.(css|js|svg|png|woff2?)$/.test(url.pathname)) {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      });
    }));
  }
});
