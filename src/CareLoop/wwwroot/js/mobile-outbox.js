// Never lose input on the engineer's phone (issue 7, ADR 0003: progressive enhancement).
// Forms marked data-outbox carry an idempotency key (input[data-idempotency-key]): the server renders one, and this
// script replaces it with a key made on the phone. Such a form is posted with fetch; when the post cannot reach the
// server (offline, timeout, dropped connection) it is kept in localStorage with its key and resent when the phone is
// back online: the server does each key's action once, so a resend never acts twice. Without this script the forms
// are plain posts.
(function () {
    'use strict';
    if (window.careLoopOutbox) {
        return;
    }

    var store = 'careloop.outbox.v1';
    var timeoutMs = 20000;

    function load() {
        try {
            return JSON.parse(localStorage.getItem(store) || '[]');
        } catch (e) {
            return [];
        }
    }

    function save(items) {
        localStorage.setItem(store, JSON.stringify(items));
        showPending();
    }

    function newKey() {
        if (window.crypto && crypto.randomUUID) {
            return crypto.randomUUID().replace(/-/g, '');
        }
        return Date.now().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    }

    function prepare() {
        document.querySelectorAll('form[data-outbox] input[data-idempotency-key]').forEach(function (input) {
            if (!input.dataset.clientKey) {
                input.value = newKey();
                input.dataset.clientKey = '1';
            }
        });
        showPending();
    }

    function showPending() {
        var count = load().length;
        document.querySelectorAll('[data-outbox-status]').forEach(function (el) {
            el.hidden = count === 0;
            el.textContent = (el.dataset.template || '{0}').replace('{0}', count);
        });
    }

    function post(item) {
        var controller = new AbortController();
        var timer = setTimeout(function () { controller.abort(); }, timeoutMs);
        return fetch(item.url, {
            method: 'POST',
            body: new URLSearchParams(item.fields),
            credentials: 'same-origin',
            signal: controller.signal
        }).finally(function () { clearTimeout(timer); });
    }

    // Shows the server's answer: a redirect (done) is followed; a page with errors replaces this one.
    async function show(response) {
        if (response.redirected) {
            location.assign(response.url);
            return;
        }
        var html = await response.text();
        var next = new DOMParser().parseFromString(html, 'text/html');
        document.title = next.title;
        document.body.replaceWith(document.adoptNode(next.body));
        prepare();
    }

    function keep(item) {
        var items = load();
        if (!items.some(function (i) { return i.key === item.key; })) {
            items.push(item);
        }
        save(items); // the page's status line now says how many actions wait for the network
    }

    async function flush() {
        if (!navigator.onLine) {
            return;
        }
        var items = load();
        var resent = false;
        for (var i = 0; i < items.length; i++) {
            try {
                await post(items[i]);
                items[i].sent = true; // the server answered: done, or refused for good (the key makes it count once either way)
                resent = true;
            } catch (e) {
                break; // still no way through: keep the rest for the next time
            }
        }
        save(items.filter(function (i) { return !i.sent; }));
        if (resent && document.querySelector('form[data-outbox]')) {
            location.reload(); // show the job as it is now
        }
    }

    document.addEventListener('submit', async function (event) {
        var form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-outbox')) {
            return;
        }
        event.preventDefault();
        event.stopPropagation();
        var fields = [];
        new FormData(form, event.submitter).forEach(function (value, name) {
            if (typeof value === 'string') {
                fields.push([name, value]);
            }
        });
        var keyInput = form.querySelector('input[data-idempotency-key]');
        var item = { url: form.action || location.href, fields: fields, key: keyInput ? keyInput.value : newKey(), at: Date.now() };
        form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
        if (!navigator.onLine) {
            keep(item);
            return;
        }
        try {
            await show(await post(item));
        } catch (e) {
            keep(item);
        }
    }, true);

    window.careLoopOutbox = { flush: flush, pending: function () { return load().length; } };
    window.addEventListener('online', flush);
    if (window.Blazor && Blazor.addEventListener) {
        Blazor.addEventListener('enhancedload', prepare);
    } else {
        document.addEventListener('DOMContentLoaded', function () {
            if (window.Blazor && Blazor.addEventListener) {
                Blazor.addEventListener('enhancedload', prepare);
            }
        });
    }
    prepare();
    flush();
})();
