// The customer's signature on the engineer's phone (issue 7): a canvas[data-signature] inside a form becomes a
// signature pad (signature_pad from npm, ADR 0019, loaded only on a page that has one). Each stroke puts the drawing
// as a PNG data URL into the form's input[data-signature-png], so the form posts it like any other field (and the
// offline outbox keeps it). A page with [data-refresh-while-pending] (a payment QR waiting for the customer) reloads
// itself every few seconds until the payment is in, unless the engineer is typing.
(function () {
    'use strict';
    if (window.careLoopSignature) {
        return;
    }

    function withLibrary(src, then) {
        if (window.SignaturePad) {
            then();
            return;
        }
        var script = document.createElement('script');
        script.src = src;
        script.onload = then;
        document.head.appendChild(script);
    }

    function setUp(canvas) {
        if (canvas.dataset.ready) {
            return;
        }
        canvas.dataset.ready = '1';
        var ratio = Math.max(window.devicePixelRatio || 1, 1);
        canvas.width = canvas.offsetWidth * ratio;
        canvas.height = canvas.offsetHeight * ratio;
        canvas.getContext('2d').scale(ratio, ratio);
        // An opaque background: the server keeps evidence as JPEG, where a transparent one would turn black.
        var pad = new window.SignaturePad(canvas, { backgroundColor: 'rgb(255,255,255)', penColor: 'rgb(13,27,62)' });
        var form = canvas.closest('form');
        var png = form.querySelector('input[data-signature-png]');
        var save = form.querySelector('button[type=submit]');
        function sync() {
            png.value = pad.isEmpty() ? '' : pad.toDataURL('image/png');
            save.disabled = pad.isEmpty();
        }
        pad.addEventListener('endStroke', sync);
        var clear = form.querySelector('[data-signature-clear]');
        if (clear) {
            clear.addEventListener('click', function () { pad.clear(); sync(); });
        }
        sync();
    }

    function init() {
        document.querySelectorAll('canvas[data-signature]').forEach(function (canvas) {
            withLibrary(canvas.dataset.lib, function () { setUp(canvas); });
        });
        var waiting = document.querySelector('[data-refresh-while-pending]');
        if (waiting && !waiting.dataset.timer) {
            waiting.dataset.timer = '1';
            setInterval(function () {
                var typing = document.activeElement && /INPUT|TEXTAREA/.test(document.activeElement.tagName);
                if (!typing && navigator.onLine && document.body.contains(waiting)) {
                    location.reload();
                }
            }, (parseInt(waiting.dataset.refreshWhilePending, 10) || 5) * 1000);
        }
    }

    window.careLoopSignature = { init: init };
    // The outbox replaces the body with the server's answer; enhanced navigation swaps pages: set up what is new.
    new MutationObserver(init).observe(document.documentElement, { childList: true });
    document.addEventListener('DOMContentLoaded', init);
    if (window.Blazor && Blazor.addEventListener) {
        Blazor.addEventListener('enhancedload', init);
    } else {
        document.addEventListener('DOMContentLoaded', function () {
            if (window.Blazor && Blazor.addEventListener) {
                Blazor.addEventListener('enhancedload', init);
            }
        });
    }
    init();
})();
