// The Web Worker (a module worker, as Pyodide requires) that runs a page's cells: Pyodide, nnd's wheel, and cells.py.
// Everything it loads comes from this site (the URLs arrive in the "init" message).
//
// Messages in:  {type: "init", pyodide: <URL of _static/pyodide/>, wheel: <URL of nnd's wheel>,
//                cells: <URL of cells.py>}
//               {type: "run", id, source, name}
// Messages out: {type: "ready", ms: {pyodide, nnd}}  |  {type: "failed", error}
//               {type: "result", id, outputs, error, ms}
"use strict";

let pyodide = null;
let runCell = null;

async function init(message) {
  const started = performance.now();
  const { loadPyodide } = await import(message.pyodide + "pyodide.mjs");
  pyodide = await loadPyodide({ indexURL: message.pyodide, fullStdLib: false });
  const pyodideMs = performance.now() - started;
  await pyodide.loadPackage(message.wheel, { messageCallback: () => {}, errorCallback: console.warn });
  const cellsPy = await (await fetch(message.cells)).text();
  pyodide.FS.writeFile("/home/pyodide/nnd_cells.py", cellsPy);
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide'); import nnd, nnd_cells");
  runCell = pyodide.globals.get("nnd_cells").run_cell;
  postMessage({ type: "ready", ms: { pyodide: pyodideMs, nnd: performance.now() - started - pyodideMs } });
}

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "init") {
    try {
      await init(message);
    } catch (error) {
      postMessage({ type: "failed", error: String(error && error.stack ? error.stack : error) });
    }
  } else if (message.type === "run") {
    const started = performance.now();
    const result = JSON.parse(runCell(message.source, message.name));
    postMessage({ type: "result", id: message.id, ms: performance.now() - started, ...result });
  }
};
