// The pages' widgets: every <div data-nnd-widget="NAME"></div> of a page becomes the widget NAME
// (playground.js, digit.js), all of them sharing one Python: the page's Pyodide, in a Web Worker.
//
// conf.py adds this file, and the widgets' files after it, to the pages that hold a widget; its
// <script> tag carries data-wheel (the file name of nnd's wheel in _static/wheels/) and data-build
// (the fingerprint of Pyodide, the wheel and the runner, the key of the worker's saved start).
//
// Python: on a tutorial page with runnable cells, the widgets use the cells' Python
// (window.nndPython, from runner.js), so a page starts one worker, not two. Elsewhere this file
// starts the same worker (_static/runner/worker.js, whose header describes the messages) as soon
// as the page holds a widget: the widgets are what the reader came for.
//
// A widget file calls nndWidgets.register(name, init) (and may use nndWidgets.el and
// nndWidgets.picture, below); init(root, api) is called once for each root of that name, where api is
//   await api.ready()                      Python has started (rejects if it cannot start)
//   await api.call(fn, args, kwargs, key)  the value of the Python function fn (a dotted name under
//                                          nnd) as JSON; null when a newer call with the same key
//                                          replaced it while it waited; rejects with the Python
//                                          error's "Type: message"
// Opened as a file (file://), the widgets say how to serve the site instead.
(() => {
  "use strict";
  const script = document.currentScript;
  const base = new URL(".", script.src);
  const wheel = script.dataset.wheel || "";
  const build = script.dataset.build || "";
  const inits = new Map();
  const mounted = new WeakSet();
  let own = null;

  class Cancelled extends Error {}

  // -- a Python of our own, when the page has no runnable cells ------------------------------------
  function makePython() {
    const config = {
      type: "init",
      pyodide: new URL("../pyodide/", base).href,
      wheel: new URL(`../wheels/${wheel}`, base).href,
      cells: new URL("../runner/cells.py", base).href,
      build,
    };
    const pending = new Map();
    const timings = { bootStarted: null, ready: null, snapshot: null };
    let worker = null;
    let booting = null;
    let nextId = 0;

    function boot() {
      if (booting) return booting;
      const started = performance.now();
      timings.bootStarted = started;
      worker = new Worker(new URL("../runner/worker.js", base).href, { type: "module" });
      booting = new Promise((resolve, reject) => {
        worker.onmessage = (event) => {
          const message = event.data;
          if (message.type === "ready") {
            timings.ready = performance.now() - started;
            timings.snapshot = message.snapshot;
            resolve();
          } else if (message.type === "failed") {
            reject(new Error(message.error.split("\n")[0]));
          } else if (message.type === "return") {
            const waiting = pending.get(message.id);
            pending.delete(message.id);
            if (!waiting) return;
            if (message.cancelled) waiting.reject(new Cancelled("superseded"));
            else waiting.resolve(message);
          }
        };
        worker.onerror = (event) => {
          event.preventDefault();
          const error = new Error(event.message || "the worker could not start");
          reject(error);
          for (const waiting of pending.values()) waiting.reject(error);
          pending.clear();
        };
      });
      worker.postMessage(config);
      return booting;
    }

    return {
      timings,
      Cancelled,
      ready: () => boot(),
      async call(fn, args = [], options = {}) {
        await boot();
        const answer = await new Promise((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject });
          worker.postMessage({ type: "call", id, fn, args, kwargs: options.kwargs || {}, key: options.key ?? null });
        });
        if (answer.error) throw new Error(answer.error);
        return answer.value;
      },
    };
  }

  function python() {
    if (window.nndPython) return window.nndPython; // the runnable cells' Python (runner.js)
    if (!own) {
      own = makePython();
      window.nndPython = own;
    }
    return own;
  }

  const offline = location.protocol === "file:" || typeof Worker === "undefined";
  const OFFLINE =
    "This widget runs Python in your browser, which needs the site served over HTTP, for example " +
    "with python -m http.server --directory docs/_build/html, then http://127.0.0.1:8000/.";

  const api = {
    ready() {
      if (offline) return Promise.reject(new Error(OFFLINE));
      return python().ready();
    },
    async call(fn, args = [], kwargs = {}, key = null) {
      if (offline) throw new Error(OFFLINE);
      const py = python();
      try {
        return await py.call(fn, args, { kwargs, key });
      } catch (error) {
        if (error instanceof py.Cancelled || (error && error.message === "superseded")) return null;
        throw error;
      }
    },
  };

  function fail(root, error) {
    root.dataset.failed = "1";
    const text = `Python could not start: ${String((error && error.message) || error).split("\n")[0]}`;
    let status = root.querySelector("[data-nnd-readout='status']");
    if (!status) {
      status = document.createElement("p");
      status.dataset.nndReadout = "status";
      root.append(status);
    }
    status.textContent = offline ? OFFLINE : text;
  }

  function mount(name) {
    const init = inits.get(name);
    for (const root of document.querySelectorAll(`[data-nnd-widget="${name}"]`)) {
      if (mounted.has(root)) continue;
      mounted.add(root);
      Promise.resolve()
        .then(() => init(root, api))
        .catch((error) => fail(root, error));
    }
  }

  // the widgets' shared helpers: an element with attributes and children, and an SVG picture of
  // nnd.draw's put into a box (as nodes, never as markup to parse in the page)
  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k === "class") e.className = v;
      else e.setAttribute(k, v === true ? "" : v);
    }
    e.append(...children.filter((c) => c !== null && c !== undefined));
    return e;
  }

  function picture(box, svg) {
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    if (doc.querySelector("parsererror")) return;
    box.replaceChildren(document.importNode(doc.documentElement, true));
  }

  window.nndWidgets = {
    api,
    el,
    picture,
    register(name, init) {
      inits.set(name, init);
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => mount(name));
      else mount(name);
    },
  };

  // start Python at once: the widgets need it for their first picture
  if (!offline && document.querySelector("[data-nnd-widget]")) {
    const start = () => python().ready().catch(() => {});
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  }
})();
