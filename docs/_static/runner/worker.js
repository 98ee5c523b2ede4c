// The Web Worker that runs a page's Python: Pyodide, nnd's wheel and cells.py, all served by
// this site (the URLs arrive in the "init" message). It is a module worker, as Pyodide requires.
//
// PROTOCOL. Every message is a plain object with a `type`. The page sends "init" once; after
// that, "run" (a cell) and "call" (one Python function, for the pages' widgets) may be sent at
// any time: they queue, and the worker answers them one at a time, in order.
//
//   page -> worker
//     {type: "init", pyodide, wheel, cells, build}
//         pyodide: URL of _static/pyodide/; wheel: URL of nnd's wheel; cells: URL of cells.py;
//         build: a fingerprint of Pyodide, the wheel and cells.py (the snapshot's key, below).
//     {type: "run", id, source, name}
//         Run `source` in the page's namespace, as a doctest would (every expression's value is
//         shown). Answered by any number of "output" messages, as the cell prints, then "result".
//     {type: "call", id, fn, args, kwargs, key}
//         Call the Python function `fn`, a dotted name "package.module.function" under nnd
//         (nnd.*, or nnd_cells.*), with `args` (an array) and `kwargs` (an object) of JSON
//         values; the module is imported on first use. Answered by one "return".
//         `key` (optional, a string such as "sliders-1") makes the call supersede: a call still
//         waiting in the queue when a newer call with the same key arrives is dropped and
//         answered {type: "return", id, cancelled: true}. So a widget that sends a call on every
//         slider move gets an answer for the latest position, not a backlog of stale ones.
//     {type: "cancel", id}
//         Drop a run or call that is still waiting (answered as cancelled). One that has begun
//         runs to its end: Python in a worker can only be interrupted through a
//         SharedArrayBuffer, which needs cross-origin isolation (COOP/COEP headers) that a plain
//         static server does not send. To stop a long computation, the page ends the worker
//         (worker.terminate()) and starts a new one.
//
//   worker -> page
//     {type: "ready", ms: {pyodide, nnd, total}, snapshot: "used" | "made" | "none"}
//     {type: "failed", error}                        Python could not start
//     {type: "output", id, item}                     item: {kind: "text", text}, or
//                                                    {kind: "value", text, html, svg} (a shown value)
//     {type: "result", id, error, ms}                the end of a run; error: a short traceback or null
//     {type: "return", id, value, error, ms}         the end of a call: value is what the function
//                                                    returned, as JSON (an object with _repr_svg_,
//                                                    such as nnd.draw's pictures, comes as its SVG
//                                                    text; nnd's arrays as nested lists); error:
//                                                    "ExceptionType: message" or null
//     {type: "return", id, cancelled: true}          dropped before it began (superseded or cancelled)
//
// STARTING FAST. Starting Python is compute, not download (a warm HTTP cache does not help):
// seconds for the interpreter, then nnd's import. So the first start on a site makes a memory
// snapshot of Pyodide with nnd and cells.py imported (Pyodide's makeMemorySnapshot) and keeps it
// in this browser's IndexedDB under the `build` fingerprint; every later page of the site (and
// every reload) restores it instead, several times faster. A snapshot that fails to restore is
// deleted and Python starts the long way. Nothing of the reader's code is in a snapshot: it is
// taken before any cell runs. Python's files (nnd's sources, cells.py) live in Pyodide's file
// system, which a memory snapshot does not hold, so they are written again after a restore.
"use strict";

const DB = "nnd-runner";
const STORE = "snapshots";
let pyodide = null;
let cellsModule = null;
const queue = [];
let pumping = false;

// -- the snapshot store (IndexedDB: available in workers, with no need of a secure context) --

function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function storeOp(mode, work) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

const loadSnapshot = (key) => storeOp("readonly", (s) => s.get(key)).catch(() => undefined);
const deleteSnapshots = () => storeOp("readwrite", (s) => s.clear()).catch(() => undefined);
async function saveSnapshot(key, bytes) {
  try {
    await storeOp("readwrite", (s) => {
      s.clear(); // one snapshot per site: the current build's
      return s.put(bytes, key);
    });
  } catch (error) {
    // no room, or storage refused (private browsing): the next page starts the long way
  }
}

// -- starting Python ------------------------------------------------------------------------

async function installFiles(message) {
  // nnd's wheel unpacked into site-packages, and cells.py beside it, by Python's own zipfile:
  // no JavaScript object enters Python, so the state can still be snapshotted afterwards
  const get = async (url, how) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${response.status} ${url}`);
    return response[how]();
  };
  const [wheel, cells] = await Promise.all([get(message.wheel, "arrayBuffer"), get(message.cells, "text")]);
  pyodide.FS.writeFile("/tmp/nnd.whl", new Uint8Array(wheel));
  pyodide.FS.writeFile("/tmp/nnd_cells.py", cells);
  pyodide.runPython(
    "import os, shutil, sysconfig, zipfile\n" +
      "purelib = sysconfig.get_paths()['purelib']\n" +
      "with zipfile.ZipFile('/tmp/nnd.whl') as whl:\n" +
      "    whl.extractall(purelib)\n" +
      "shutil.move('/tmp/nnd_cells.py', os.path.join(purelib, 'nnd_cells.py'))\n" +
      "os.remove('/tmp/nnd.whl')\n" +
      "del os, shutil, sysconfig, zipfile, purelib, whl\n"
  );
}

async function init(message) {
  const started = performance.now();
  const { loadPyodide } = await import(message.pyodide + "pyodide.mjs");
  const options = { indexURL: message.pyodide, fullStdLib: false };
  let snapshot = message.build ? await loadSnapshot(message.build) : undefined;
  let how = "none";
  if (snapshot) {
    try {
      pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshot });
      how = "used";
    } catch (error) {
      await deleteSnapshots();
      snapshot = undefined;
    }
  }
  if (!pyodide) pyodide = await loadPyodide({ ...options, _makeSnapshot: Boolean(message.build) });
  const pyodideMs = performance.now() - started;
  await installFiles(message);
  if (how === "used") {
    try {
      pyodide.runPython("import nnd_cells; nnd_cells.check_started()");
    } catch (error) {
      // a snapshot that does not work: forget it, and start the long way
      await deleteSnapshots();
      pyodide = null;
      return init({ ...message, build: "" });
    }
  } else {
    // import nnd and every module a page is likely to use, so that a snapshot holds them
    pyodide.runPython("import nnd_cells; nnd_cells.warm_up()");
    if (message.build) {
      try {
        const bytes = pyodide.makeMemorySnapshot();
        how = "made";
        saveSnapshot(message.build, bytes); // in the background: the reader need not wait
      } catch (error) {
        how = "none";
      }
    }
  }
  cellsModule = pyodide.pyimport("nnd_cells");
  const total = performance.now() - started;
  postMessage({ type: "ready", ms: { pyodide: pyodideMs, nnd: total - pyodideMs, total }, snapshot: how });
}

// -- runs and calls, one at a time -------------------------------------------------------------

function runJob(job) {
  const started = performance.now();
  const emit = (kind, text, html, svg) => {
    const item = kind === "text" ? { kind, text } : { kind, text, html: html ?? null, svg: svg ?? null };
    postMessage({ type: "output", id: job.id, item });
  };
  const { error } = JSON.parse(cellsModule.run_cell(job.source, job.name || "<cell>", emit));
  postMessage({ type: "result", id: job.id, error, ms: performance.now() - started });
}

function callJob(job) {
  const started = performance.now();
  const answer = JSON.parse(
    cellsModule.call(String(job.fn), JSON.stringify(job.args ?? []), JSON.stringify(job.kwargs ?? {}))
  );
  postMessage({ type: "return", id: job.id, ms: performance.now() - started, ...answer });
}

// Lets messages that arrived during a long job reach onmessage (and the queue) before the next.
const yieldToEvents = () =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

async function pump() {
  if (pumping) return;
  pumping = true;
  try {
    while (queue.length) {
      await yieldToEvents();
      const job = queue.shift();
      if (!job) break;
      if (job.type === "run") runJob(job);
      else callJob(job);
    }
  } finally {
    pumping = false;
  }
}

function cancelled(job) {
  if (job.type === "run") postMessage({ type: "result", id: job.id, error: null, ms: 0, cancelled: true });
  else postMessage({ type: "return", id: job.id, cancelled: true });
}

let started = null;

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "init") {
    if (started) return;
    started = init(message).catch((error) => {
      postMessage({ type: "failed", error: String(error && error.stack ? error.stack : error) });
      throw error;
    });
    try {
      await started;
    } catch (error) {
      return;
    }
    pump();
  } else if (message.type === "run" || message.type === "call") {
    if (message.type === "call" && message.key != null) {
      for (let i = queue.length - 1; i >= 0; i--) {
        if (queue[i].type === "call" && queue[i].key === message.key) cancelled(queue.splice(i, 1)[0]);
      }
    }
    queue.push(message);
    if (cellsModule) pump();
  } else if (message.type === "cancel") {
    const i = queue.findIndex((job) => job.id === message.id);
    if (i >= 0) cancelled(queue.splice(i, 1)[0]);
  }
};
