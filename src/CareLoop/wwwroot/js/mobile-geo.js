// Check in with the phone's position (issue 7, ADR 0021): progressive enhancement. A form marked data-geo gets the
// browser's position in its hidden fields (data-geo-lat / -lng / -acc) as soon as the page loads; the status line says
// whether one was found. Without permission, without a fix or without JavaScript the fields stay empty and the server
// accepts the check-in anyway, flagged "no location".
(function () {
    'use strict';

    function fill() {
        var forms = document.querySelectorAll('form[data-geo]');
        if (forms.length === 0) {
            return;
        }
        function status(key) {
            forms.forEach(function (form) {
                var line = form.querySelector('[data-geo-status]');
                if (line && line.dataset[key]) {
                    line.textContent = line.dataset[key];
                    line.dataset.state = key;
                }
            });
        }
        if (!navigator.geolocation) {
            status('denied');
            return;
        }
        navigator.geolocation.getCurrentPosition(function (position) {
            forms.forEach(function (form) {
                form.querySelector('[data-geo-lat]').value = position.coords.latitude.toFixed(6);
                form.querySelector('[data-geo-lng]').value = position.coords.longitude.toFixed(6);
                form.querySelector('[data-geo-acc]').value = Math.round(position.coords.accuracy || 0);
            });
            status('found');
        }, function () {
            status('denied');
        }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', fill);
    } else {
        fill();
    }
    if (window.Blazor && Blazor.addEventListener) {
        Blazor.addEventListener('enhancedload', fill);
    }
})();
