// Runnable cells for the tutorial pages (see docs/_ext/runcells.py, which writes the cells).
//
// Served over HTTP, every printed example becomes an editable cell with a Run button.
// Python (Pyodide, from this site's _static/pyodide/) starts on the first Run, in a Web
// Worker, so the page stays responsive; Stop ends the worker and the next Run starts afresh.
// The cells of a page share one namespace and run in order: Run on a cell first runs the
// cells above it that have not run yet. Opened as a file, the page stays as printed and
// says how to serve it.
(() => {
  "use strict";
  const script = document.currentScript;

  class Stopped extends Error {}

  function start() {
    const note = document.querySelector(".nnd-runner-note");
    const groups = Array.from(document.querySelectorAll(".nnd-cell-group"));
    if (!note || groups.length === 0) return;
    if (location.protocol === "file:" || typeof Worker === "undefined") {
      note.classList.add("nnd-offline");
      return; // the note already says how to serve the site
    }
    const base = new URL(".", script.src);
    const urls = {
      pyodide: new URL(note.dataset.pyodide, location.href).href,
      wheel: new URL(note.dataset.wheel, location.href).href,
      cells: new URL("cells.py", base).href,
      worker: new URL("worker.js", base).href,
    };
    const status = note.querySelector(".nnd-runner-status");
    status.textContent =
      "Run the examples in your browser: edit a cell, press Run (or Shift+Enter). Python " +
      "starts on the first Run, in a few seconds. The cells share their variables and run in " +
      "order: Run on a cell first runs the ones above it. Here nnd runs on its python " +
      'backend: NumPy is not available in the browser, and backend="numpy" says so.';
    const state = document.createElement("p");
    state.className = "nnd-runner-state";
    state.textContent = "Python: not started.";
    note.append(state);

    const cells = [];
    for (const group of groups) {
      group.classList.add("nnd-live");
      for (const element of group.querySelectorAll(".nnd-cell")) cells.push(makeCell(element, cells.length));
    }

    let worker = null;
    let booting = null;
    let abortBoot = null;
    let busy = false;
    let nextToRun = 0;
    let nextId = 0;
    const pending = new Map();
    const timings = { firstClick: null, ready: null, firstOutput: null, pyodide: null, nnd: null };
    window.nndRunner = { cells, timings, stop, run: (i) => runUpTo(i) };

    function makeCell(element, index) {
      const editor = element.querySelector(".nnd-source");
      const expected = element.querySelector(".nnd-expected").textContent;
      editor.hidden = false;
      editor.classList.add("nnd-editor");
      editor.spellcheck = false;
      editor.setAttribute("autocapitalize", "off");
      editor.setAttribute("autocomplete", "off");
      editor.value = editor.value.replace(/\n$/, "");
      const fit = () => {
        editor.rows = Math.max(1, editor.value.split("\n").length);
      };
      fit();
      editor.addEventListener("input", fit);
      editor.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && event.shiftKey) {
          event.preventDefault();
          runUpTo(index);
        } else if (event.key === "Tab" && !event.shiftKey) {
          event.preventDefault();
          editor.setRangeText("    ", editor.selectionStart, editor.selectionEnd, "end");
          fit();
        }
      });
      const bar = document.createElement("div");
      bar.className = "nnd-toolbar";
      const run = button("Run", "nnd-run", () => runUpTo(index));
      run.title = "Run this cell (and the cells above it that have not run yet)";
      const halt = button("Stop", "nnd-stop", () => stop());
      halt.hidden = true;
      halt.title = "Stop Python; the next Run starts it again with fresh variables";
      const label = document.createElement("span");
      label.className = "nnd-cell-state";
      label.setAttribute("aria-live", "polite");
      bar.append(run, halt, label);
      const output = document.createElement("div");
      output.className = "nnd-output";
      if (expected.trim()) {
        const printed = document.createElement("pre");
        printed.className = "nnd-printed";
        printed.title = "What this cell printed when the site was built";
        printed.textContent = expected.replace(/\n$/, "");
        output.append(printed);
      }
      element.append(bar, output);
      element.dataset.state = "idle";
      return { element, editor, run, halt, label, output, index };
    }

    function button(text, className, onClick) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = className;
      b.textContent = text;
      b.addEventListener("click", onClick);
      return b;
    }

    function setCellState(cell, value, text) {
      cell.element.dataset.state = value;
      cell.label.textContent = text || "";
    }

    function setBusy(value) {
      busy = value;
      for (const cell of cells) {
        cell.run.disabled = value;
        cell.halt.hidden = !value;
      }
    }

    function boot() {
      if (booting) return booting;
      const started = performance.now();
      state.textContent = "Python: starting (Pyodide and nnd)…";
      worker = new Worker(urls.worker, { type: "module" });
      const current = worker;
      booting = new Promise((resolve, reject) => {
        abortBoot = reject;
        current.onmessage = (event) => {
          const message = event.data;
          if (message.type === "ready") {
            timings.pyodide = message.ms.pyodide;
            timings.nnd = message.ms.nnd;
            timings.ready = performance.now() - started;
            state.textContent = `Python: ready (started in ${(timings.ready / 1000).toFixed(1)} s).`;
            resolve();
          } else if (message.type === "failed") {
            reject(new Error(message.error));
          } else if (message.type === "result") {
            const waiting = pending.get(message.id);
            pending.delete(message.id);
            if (waiting) waiting.resolve(message);
          }
        };
        current.onerror = (event) => {
          event.preventDefault();
          const error = new Error(event.message || "the worker could not start");
          reject(error);
          for (const waiting of pending.values()) waiting.reject(error);
          pending.clear();
        };
      });
      worker.postMessage({ type: "init", pyodide: urls.pyodide, wheel: urls.wheel, cells: urls.cells });
      return booting;
    }

    function execute(cell) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: "run", id, source: cell.editor.value, name: `<cell ${cell.index + 1}>` });
      });
    }

    function stop() {
      if (worker) worker.terminate();
      worker = null;
      booting = null;
      if (abortBoot) abortBoot(new Stopped("stopped"));
      abortBoot = null;
      for (const waiting of pending.values()) waiting.reject(new Stopped("stopped"));
      pending.clear();
      nextToRun = 0;
      for (const cell of cells) {
        const s = cell.element.dataset.state;
        if (s === "running" || s === "queued") setCellState(cell, "idle", "stopped");
      }
      state.textContent = "Python: stopped. The next Run starts it again, with fresh variables.";
      // a Run waiting on the old worker ends with Stopped; clear busy here too
      setBusy(false);
    }

    async function runUpTo(index) {
      if (busy) return;
      setBusy(true);
      const clicked = performance.now();
      if (timings.firstClick === null) timings.firstClick = clicked;
      const first = Math.min(nextToRun, index);
      for (let i = first; i <= index; i++) setCellState(cells[i], "queued", i < index ? "waiting" : "");
      try {
        if (!worker) setCellState(cells[index], "queued", "starting Python…");
        await boot();
        for (let i = first; i <= index; i++) {
          const cell = cells[i];
          setCellState(cell, "running", "running…");
          const result = await execute(cell);
          render(cell, result);
          if (timings.firstOutput === null) timings.firstOutput = performance.now() - timings.firstClick;
          cell.element.dataset.ms = String(Math.round(result.ms));
          setCellState(cell, result.error ? "error" : "done", `${formatMs(result.ms)}`);
          nextToRun = Math.max(nextToRun, i + 1);
        }
      } catch (error) {
        if (!(error instanceof Stopped)) {
          state.textContent = "Python could not start: " + String(error.message || error).split("\n")[0];
          for (const cell of cells) {
            if (cell.element.dataset.state === "queued") setCellState(cell, "idle", "");
          }
          stop();
          state.textContent = "Python could not start: " + String(error.message || error).split("\n")[0];
        }
      } finally {
        setBusy(false);
      }
    }

    function formatMs(ms) {
      return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
    }

    function render(cell, result) {
      const out = cell.output;
      out.replaceChildren();
      let text = "";
      let pre = null;
      const write = (chunk, className) => {
        if (!pre || pre.className !== className) {
          pre = document.createElement("pre");
          pre.className = className;
          out.append(pre);
        }
        pre.textContent += chunk;
      };
      for (const item of result.outputs) {
        if (item.kind === "text") {
          text += item.text;
          write(item.text, "nnd-stdout");
        } else {
          text += item.text + "\n";
          const rich = richElement(item);
          if (rich) {
            out.append(rich);
            pre = null;
          } else {
            write(item.text + "\n", "nnd-stdout");
          }
        }
      }
      if (result.error) {
        text += result.error;
        write(result.error, "nnd-error");
      }
      for (const p of out.querySelectorAll("pre")) p.textContent = p.textContent.replace(/\n$/, "");
      cell.element.dataset.text = text;
    }

    // Rich results: SVG is shown as an image (an image never runs script); HTML is parsed
    // without running anything, and script, frames, plug-ins and event handlers are removed.
    function richElement(item) {
      if (item.svg) {
        const img = document.createElement("img");
        img.className = "nnd-rich nnd-svg";
        img.alt = item.text.slice(0, 200);
        img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(item.svg);
        return img;
      }
      if (item.html) {
        const doc = new DOMParser().parseFromString(item.html, "text/html");
        doc.querySelectorAll("script, iframe, frame, object, embed, link, meta, base, form").forEach((e) => e.remove());
        for (const el of doc.body.querySelectorAll("*")) {
          for (const attribute of Array.from(el.attributes)) {
            const name = attribute.name.toLowerCase();
            const link = ["href", "src", "xlink:href", "action", "formaction"].includes(name);
            if (name.startsWith("on") || (link && /^\s*javascript:/i.test(attribute.value))) {
              el.removeAttribute(attribute.name);
            }
          }
        }
        const box = document.createElement("div");
        box.className = "nnd-rich nnd-html";
        box.append(...Array.from(doc.body.childNodes));
        return box;
      }
      return null;
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
