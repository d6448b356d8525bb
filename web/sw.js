// sw.js is Spanmark's service worker: it precaches every file of the build
// on install and serves them cache-first, so after one visit the app starts
// and works with the network off.
//
// The build replaces the next line with the build version and the list of
// files (tools/internal/site/build.go, buildPlaceholder). A new deploy thus
// changes this file, the browser installs the new worker beside the running
// one, and boot.js offers a reload; the worker takes over only when the page
// asks it to (skip-waiting).
const build = {version: "dev", assets: []};

const cacheName = "spanmark-" + build.version;
const cachePrefix = "spanmark-";

// scope is the folder the site was deployed to, with a trailing slash.
const scope = new URL(self.registration.scope);

// build.later lists the files the page loads only when a person turns on a
// feature (the analysis worker, wasm/worker). They are precached after the
// others, so that the feature works offline too; since boot.js registers
// this worker once the app runs, they never slow the first load.
self.addEventListener("install", (event) => {
  // no-cache: revalidate index.html instead of trusting the HTTP cache,
  // which could hold the previous deploy's page.
  const requests = (urls) => (urls || []).map((url) => new Request(url, { cache: "no-cache" }));
  event.waitUntil(
    caches
      .open(cacheName)
      .then((cache) =>
        cache
          .addAll(requests(build.assets))
          .then(() => pageAtScope(cache))
          .then(() => cache.addAll(requests(build.later))),
      ),
  );
  addStaticRoutes(event);
});

// pageAtScope stores the page under the scope's own URL too, the address
// people visit, so that the browser's static routes (below) find it.
async function pageAtScope(cache) {
  const page = await cache.match(new URL("index.html", scope).href, { ignoreVary: true });
  if (page) {
    await cache.put(scope.href, page);
  }
}

// addStaticRoutes lets the browser answer from this build's cache without
// starting this worker's script: starting it costs a later visit about as
// much as the network it saves (Chromium's static routing; other browsers
// keep using the fetch handler below). A navigation with a query goes to
// the fetch handler, which ignores the query; anything not in the cache
// goes to the network.
function addStaticRoutes(event) {
  if (typeof event.addRoutes !== "function" || typeof URLPattern !== "function" || build.assets.length === 0) {
    return;
  }
  const source = { cacheName };
  // The deploy folder's path taken literally, whatever its characters.
  const folder = scope.pathname.replace(/[\\:*?+(){}]/g, "\\$&");
  const pattern = (init) => new URLPattern({ ...init, baseURL: scope.href });
  const routes = [
    ...[folder, folder + "index.html"].map((pathname) => ({
      condition: { requestMode: "navigate", urlPattern: pattern({ pathname, search: "" }) },
      source,
    })),
    { condition: { requestMode: "navigate" }, source: "fetch-event" },
    { condition: { requestMethod: "GET", urlPattern: pattern({ pathname: folder + "*" }) }, source },
  ];
  // Without routes the fetch handler serves the same files, a little later.
  event.waitUntil(
    Promise.resolve()
      .then(() => event.addRoutes(routes))
      .catch((err) => console.warn("spanmark: no static routes:", err)),
  );
}

// On activation the worker drops the caches of earlier builds and takes
// control of open pages, the first visit's included, so that boot.js sees
// the next update (controllerchange) and the page works offline at once.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith(cachePrefix) && k !== cacheName).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") {
    self.skipWaiting();
  }
});

// isPage reports whether a navigation asks for the app's page itself.
function isPage(url) {
  return url.pathname === scope.pathname || url.pathname === scope.pathname + "index.html";
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") {
    return;
  }
  const url = new URL(req.url);
  if (url.origin !== scope.origin) {
    return;
  }
  event.respondWith(respond(req, url));
});

async function respond(req, url) {
  const cache = await caches.open(cacheName);
  const key = req.mode === "navigate" && isPage(url) ? new URL("index.html", scope).href : req;
  // ignoreVary: the server varies on Accept-Encoding, which a cached
  // response's request never shows to the Cache API.
  const hit = await cache.match(key, { ignoreVary: true, ignoreSearch: req.mode === "navigate" });
  return hit || fetch(req);
}
