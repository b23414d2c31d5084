// The engineer's work screen (issue 7, ADR 0022), progressive enhancement of /m/jobs/{id}/work:
// - the fault picker narrows each level to the children of the level above;
// - photos from the camera are downscaled on the phone (longest side 1600 px, JPEG 0.8, smaller still while over the
//   server's limit), queued in IndexedDB with their idempotency key, and uploaded in the background with visible
//   progress and retries: closing the page or losing the network loses nothing, and a resend adds no second photo;
// - the unit's barcode is read with the camera or from a photo (ZXing, loaded on first use); unreadable: manual entry.
// Without this script every section is a plain form post.
(function () {
    'use strict';
    if (window.careLoopWork) {
        return;
    }

    var maxSide = 1600;
    var quality = 0.8;
    var retryMs = [2000, 5000, 15000, 30000, 60000];

    function newKey() {
        if (window.crypto && crypto.randomUUID) {
            return crypto.randomUUID().replace(/-/g, '');
        }
        return Date.now().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    }

    function format(template, value) {
        return (template || '{0}').replace('{0}', value);
    }

    // ---- Fault picker: symptom → component → cause -------------------------------------------------------------
    function narrow(form, level) {
        var parent = form.querySelector('select[data-level="' + level + '"]');
        var child = form.querySelector('select[data-level="' + (level + 1) + '"]');
        if (!parent || !child) {
            return;
        }
        child.querySelectorAll('option[data-parent]').forEach(function (option) {
            var hide = !parent.value || option.dataset.parent !== parent.value;
            option.hidden = hide;
            option.disabled = hide;
        });
        if (child.selectedOptions.length && child.selectedOptions[0].disabled) {
            child.value = '';
        }
        narrow(form, level + 1);
    }

    function initFaults() {
        document.querySelectorAll('form[data-fault-picker]').forEach(function (form) {
            narrow(form, 1);
        });
    }

    document.addEventListener('change', function (event) {
        var select = event.target;
        if (select instanceof HTMLSelectElement && select.dataset.level && select.form && select.form.hasAttribute('data-fault-picker')) {
            narrow(select.form, Number(select.dataset.level));
        }
    });

    // ---- Photo queue (IndexedDB) ---------------------------------------------------------------------------------
    var dbPromise = null;

    function db() {
        if (!dbPromise) {
            dbPromise = new Promise(function (resolve, reject) {
                var open = indexedDB.open('careloop.photos', 1);
                open.onupgradeneeded = function () { open.result.createObjectStore('queue', { keyPath: 'key' }); };
                open.onsuccess = function () { resolve(open.result); };
                open.onerror = function () { reject(open.error); };
            });
        }
        return dbPromise;
    }

    function store(mode, act) {
        return db().then(function (database) {
            return new Promise(function (resolve, reject) {
                var tx = database.transaction('queue', mode);
                var request = act(tx.objectStore('queue'));
                tx.oncomplete = function () { resolve(request ? request.result : undefined); };
                tx.onerror = function () { reject(tx.error); };
            });
        });
    }

    var queue = {
        put: function (item) { return store('readwrite', function (s) { return s.put(item); }); },
        remove: function (key) { return store('readwrite', function (s) { return s.delete(key); }); },
        all: function () { return store('readonly', function (s) { return s.getAll(); }); }
    };

    function decode(file) {
        if (window.createImageBitmap) {
            return createImageBitmap(file, { imageOrientation: 'from-image' }).catch(function () { return createImageBitmap(file); });
        }
        return new Promise(function (resolve, reject) {
            var image = new Image();
            image.onload = function () { resolve(image); };
            image.onerror = reject;
            image.src = URL.createObjectURL(file);
        });
    }

    function draw(image, side, q) {
        var scale = Math.min(1, side / Math.max(image.width, image.height));
        var canvas = document.createElement('canvas');
        canvas.width = Math.max(1, Math.round(image.width * scale));
        canvas.height = Math.max(1, Math.round(image.height * scale));
        canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
        return new Promise(function (resolve) { canvas.toBlob(resolve, 'image/jpeg', q); });
    }

    // Longest side 1600 px at JPEG 0.8; while still over the server's limit, smaller and lower until it fits.
    async function downscale(file, maxBytes) {
        var image;
        try {
            image = await decode(file);
        } catch (e) {
            return file; // not an image this browser can read: the server says what is wrong with it
        }
        var side = maxSide;
        var q = quality;
        var blob = await draw(image, side, q);
        while (blob && blob.size > maxBytes && side > 320) {
            side = Math.round(side * 0.75);
            q = Math.max(0.5, q - 0.1);
            blob = await draw(image, side, q);
        }
        return blob || file;
    }

    function photoForm() {
        return document.querySelector('form[data-photo-form]');
    }

    function row(item) {
        var list = document.querySelector('[data-photo-list]');
        if (!list) {
            return null;
        }
        var li = list.querySelector('[data-photo-key="' + item.key + '"]');
        if (!li) {
            li = document.createElement('li');
            li.className = 'm-photo m-photo-pending';
            li.dataset.photoKey = item.key;
            li.dataset.testid = 'photo-item';
            li.setAttribute('data-testid', 'photo-item');
            var img = document.createElement('img');
            img.alt = '';
            img.width = 96;
            img.height = 96;
            img.src = URL.createObjectURL(item.blob);
            var progress = document.createElement('progress');
            progress.max = 100;
            progress.value = 0;
            var status = document.createElement('span');
            status.className = 'm-photo-status';
            li.append(img, progress, status);
            list.append(li);
        }
        return li;
    }

    function show(item, state, percent, message) {
        var li = row(item);
        var form = photoForm();
        if (!li || !form) {
            return;
        }
        li.dataset.state = state;
        li.querySelector('progress').value = percent;
        var texts = {
            queued: form.dataset.textQueued,
            uploading: format(form.dataset.textUploading, percent),
            done: form.dataset.textDone,
            retry: form.dataset.textRetry,
            failed: format(form.dataset.textFailed, message || '')
        };
        li.querySelector('.m-photo-status').textContent = texts[state];
    }

    function counted() {
        var badge = document.querySelector('[data-photo-count]');
        if (!badge) {
            return;
        }
        var count = Number(badge.dataset.photoCount) + 1;
        var min = Number(badge.dataset.photoMin);
        badge.dataset.photoCount = count;
        badge.textContent = count + ' / ' + min;
        badge.className = count >= min ? 'm-badge m-badge-ok' : 'm-badge m-badge-warn';
    }

    function send(item, progress) {
        return new Promise(function (resolve, reject) {
            var xhr = new XMLHttpRequest();
            xhr.open('POST', item.url);
            xhr.timeout = 120000;
            var body = new FormData();
            item.fields.forEach(function (field) { body.append(field[0], field[1]); });
            body.append('photo', item.blob, item.name);
            xhr.upload.onprogress = function (e) {
                if (e.lengthComputable) {
                    progress(Math.min(99, Math.round(e.loaded * 100 / e.total)));
                }
            };
            xhr.onload = function () { resolve(xhr); };
            xhr.onerror = xhr.ontimeout = xhr.onabort = function () { reject(new Error('network')); };
            xhr.send(body);
        });
    }

    function refusal(xhr) {
        var page = new DOMParser().parseFromString(xhr.responseText || '', 'text/html');
        var error = page.querySelector('[data-testid="photo-error"]');
        return error ? error.textContent.trim() : String(xhr.status);
    }

    var pumping = false;
    var failures = 0;

    // Uploads the queue one photo at a time (a weak uplink is not shared by several); network trouble: later, again.
    async function pump() {
        if (pumping || !navigator.onLine || !window.indexedDB) {
            return;
        }
        pumping = true;
        try {
            var items = await queue.all();
            for (var i = 0; i < items.length; i++) {
                var item = items[i];
                var here = item.page === location.pathname;
                if (here) {
                    show(item, 'uploading', 0);
                }
                var xhr;
                try {
                    xhr = await send(item, function (percent) { if (here) { show(item, 'uploading', percent); } });
                } catch (e) {
                    if (here) {
                        show(item, 'retry', 0);
                    }
                    throw e;
                }
                if (xhr.status === 200 && /[?&]done=photo/.test(xhr.responseURL)) {
                    await queue.remove(item.key);
                    if (here) {
                        show(item, 'done', 100);
                        counted();
                    }
                } else if (xhr.status === 422 || xhr.status === 404 || xhr.status === 403 || xhr.status === 400) {
                    await queue.remove(item.key); // refused for good: saying why is all that is left to do
                    if (here) {
                        show(item, 'failed', 0, refusal(xhr));
                    }
                } else {
                    if (here) {
                        show(item, 'retry', 0);
                    }
                    throw new Error('status ' + xhr.status); // signed out, server trouble: keep it and try again later
                }
            }
            failures = 0;
        } catch (e) {
            setTimeout(pump, retryMs[Math.min(failures++, retryMs.length - 1)]);
        } finally {
            pumping = false;
        }
    }

    async function enqueue(form, files) {
        var maxBytes = Number(form.dataset.maxBytes) || 15 * 1024 * 1024;
        var fields = [];
        new FormData(form).forEach(function (value, name) {
            if (typeof value === 'string' && name !== 'Photo.Key') {
                fields.push([name, value]);
            }
        });
        for (var i = 0; i < files.length; i++) {
            var blob = await downscale(files[i], maxBytes);
            var key = newKey();
            var name = (files[i].name || 'photo').replace(/\.[^.]*$/, '') + '.jpg';
            var item = { key: key, page: location.pathname, url: location.pathname, fields: fields.concat([['Photo.Key', key]]), blob: blob, name: name, at: Date.now() };
            await queue.put(item);
            show(item, 'queued', 0);
        }
        pump();
    }

    document.addEventListener('change', function (event) {
        var input = event.target;
        if (input instanceof HTMLInputElement && input.type === 'file' && input.name === 'photo' && input.form && input.form.hasAttribute('data-photo-form')) {
            var files = Array.prototype.slice.call(input.files || []);
            input.value = '';
            if (window.indexedDB && files.length) {
                enqueue(input.form, files);
            }
        }
    });

    // ---- Barcode: camera or photo, via ZXing loaded on first use -----------------------------------------------
    var zxing = null;
    var scanning = null;

    function loadZxing() {
        if (window.ZXing) {
            return Promise.resolve(window.ZXing);
        }
        if (!zxing) {
            var form = document.querySelector('form[data-barcode-form]');
            zxing = new Promise(function (resolve, reject) {
                var script = document.createElement('script');
                script.src = (form && form.dataset.zxing) || '/lib/zxing/index.min.js';
                script.onload = function () { resolve(window.ZXing); };
                script.onerror = function (e) { zxing = null; reject(e); };
                document.head.append(script);
            });
        }
        return zxing;
    }

    function barcodeForm() {
        return document.querySelector('form[data-barcode-form]');
    }

    function say(text) {
        var status = document.querySelector('[data-scan-status]');
        if (status) {
            status.hidden = !text;
            status.textContent = text || '';
        }
    }

    function accept(text) {
        var form = barcodeForm();
        if (!form) {
            return;
        }
        say('');
        form.querySelector('[data-scan-value]').value = text.trim();
        var manual = form.querySelector('[data-manual-flag]');
        if (manual) {
            manual.checked = false;
        }
        form.requestSubmit(form.querySelector('button[type="submit"]'));
    }

    function unreadable() {
        var form = barcodeForm();
        if (!form) {
            return;
        }
        say(form.dataset.textUnreadable);
        var details = form.querySelector('[data-manual]');
        if (details) {
            details.open = true;
        }
        var manual = form.querySelector('[data-manual-flag]');
        if (manual) {
            manual.checked = true;
        }
        form.querySelector('[data-scan-value]').focus();
    }

    async function readFile(file) {
        var url = URL.createObjectURL(file);
        try {
            var lib = await loadZxing();
            var result = await new lib.BrowserMultiFormatReader().decodeFromImageUrl(url);
            accept(result.getText());
        } catch (e) {
            unreadable();
        } finally {
            URL.revokeObjectURL(url);
        }
    }

    function stopCamera() {
        if (scanning) {
            scanning.reset();
            scanning = null;
        }
        var view = document.querySelector('[data-scan-view]');
        if (view) {
            view.hidden = true;
        }
    }

    async function startCamera() {
        var view = document.querySelector('[data-scan-view]');
        try {
            var lib = await loadZxing();
            stopCamera();
            scanning = new lib.BrowserMultiFormatReader();
            view.hidden = false;
            await scanning.decodeFromVideoDevice(undefined, view.querySelector('video'), function (result) {
                if (result) {
                    stopCamera();
                    accept(result.getText());
                }
            });
        } catch (e) {
            stopCamera(); // no camera, or permission refused
            unreadable();
        }
    }

    document.addEventListener('change', function (event) {
        var input = event.target;
        if (input instanceof HTMLInputElement && input.hasAttribute('data-scan-file') && input.files && input.files.length) {
            var file = input.files[0];
            input.value = '';
            readFile(file);
        }
    });

    document.addEventListener('click', function (event) {
        var target = event.target instanceof Element ? event.target.closest('[data-scan-camera], [data-scan-stop]') : null;
        if (!target) {
            return;
        }
        event.preventDefault();
        if (target.hasAttribute('data-scan-camera')) {
            startCamera();
        } else {
            stopCamera();
        }
    });

    // ---- Wiring ----------------------------------------------------------------------------------------------------
    function init() {
        initFaults();
        document.querySelectorAll('[data-scan-actions]').forEach(function (el) { el.hidden = false; });
        document.querySelectorAll('[data-photo-send]').forEach(function (el) { el.hidden = true; });
        if (window.indexedDB) {
            queue.all().then(function (items) {
                items.filter(function (i) { return i.page === location.pathname; }).forEach(function (i) { show(i, 'queued', 0); });
                pump();
            }).catch(function () { });
        }
    }

    window.careLoopWork = { loadZxing: loadZxing, pump: pump, pending: function () { return queue.all().then(function (i) { return i.length; }); } };
    window.addEventListener('online', pump);
    // The outbox replaces the page's body with the server's answer when a save is refused: wire the new body too.
    new MutationObserver(function (changes) {
        if (changes.some(function (c) { return Array.prototype.some.call(c.addedNodes, function (n) { return n.nodeName === 'BODY'; }); })) {
            init();
        }
    }).observe(document.documentElement, { childList: true });
    if (window.Blazor && Blazor.addEventListener) {
        Blazor.addEventListener('enhancedload', init);
    } else {
        document.addEventListener('DOMContentLoaded', function () {
            if (window.Blazor && Blazor.addEventListener) {
                Blazor.addEventListener('enhancedload', init);
            }
        });
    }
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', init);
    } else {
        init();
    }
})();
