// Runnable cells for the tutorial pages (docs/_ext/runcells.py writes the cells into the page).
//
// Served over HTTP, every printed example becomes an editable cell: Run (or Shift+Enter),
// Stop, Reset (back to the page's code) and Copy, its code highlighted as Python. The cells of
// a page share one Python (Pyodide, from this site's _static/pyodide/, in a Web Worker: see
// worker.js for its message protocol) and one namespace, and run in order: Run on a cell first
// runs the cells above it that have not run yet. A cell's output is cleared when it starts and
// appears as it is printed. A last cell on each page, "Your own code", runs on its own.
//
// Python starts in the background once the page is idle (not on Save-Data connections), so it
// is usually ready by the time a reader presses Run; the worker keeps a snapshot of the started
// interpreter, so the next pages start from it in about a second.
//
// The keyboard in an editor: Tab indents and Shift+Tab dedents, as in a code editor; Escape
// then Tab (or Shift+Tab) moves the focus out, so the editor never traps it (the pattern of
// CodeMirror and of GitHub's editors). The page says so under the title and beside each editor.
//
// Opened as a file (file://), the page stays as printed and says how to serve it.
//
// For the pages' widgets, window.nndPython is the same Python:
//   await nndPython.ready();                                  // starts Python if need be
//   const svg = await nndPython.call("nnd.some.function", [arg1, arg2], {kwargs: {...}, key: "w1"});
// A call with a key replaces an older call with that key still waiting (the older one rejects
// with nndPython.Cancelled, which a widget ignores); see worker.js.
(() => {
  "use strict";
  const script = document.currentScript;

  class Stopped extends Error {}
  class Cancelled extends Error {}

  // -- Python in a worker, shared by the cells and the widgets of the page -------------------

  function makePython(config, onState) {
    let worker = null;
    let booting = null;
    let nextId = 0;
    const pending = new Map(); // id -> {resolve, reject, onOutput}
    const timings = { bootStarted: null, ready: null, pyodide: null, nnd: null, snapshot: null };

    function boot() {
      if (booting) return booting;
      const started = performance.now();
      timings.bootStarted = started;
      onState("starting");
      const current = (worker = new Worker(config.worker, { type: "module" }));
      booting = new Promise((resolve, reject) => {
        current.onmessage = (event) => {
          const message = event.data;
          if (message.type === "ready") {
            timings.pyodide = message.ms.pyodide;
            timings.nnd = message.ms.nnd;
            timings.snapshot = message.snapshot;
            timings.ready = performance.now() - started;
            onState("ready");
            resolve();
          } else if (message.type === "failed") {
            reject(new Error(message.error));
          } else if (message.type === "output") {
            const waiting = pending.get(message.id);
            if (waiting && waiting.onOutput) waiting.onOutput(message.item);
          } else if (message.type === "result" || message.type === "return") {
            const waiting = pending.get(message.id);
            pending.delete(message.id);
            if (!waiting) return;
            if (message.cancelled) waiting.reject(new Cancelled("superseded"));
            else waiting.resolve(message);
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
      booting.catch(() => {
        if (worker === current) stop("failed");
      });
      current.postMessage({ type: "init", pyodide: config.pyodide, wheel: config.wheel, cells: config.cells, build: config.build });
      return booting;
    }

    function send(message, onOutput) {
      return boot().then(
        () =>
          new Promise((resolve, reject) => {
            const id = nextId++;
            pending.set(id, { resolve, reject, onOutput });
            worker.postMessage({ ...message, id });
          })
      );
    }

    function stop(why = "stopped") {
      if (worker) worker.terminate();
      worker = null;
      booting = null;
      for (const waiting of pending.values()) waiting.reject(new Stopped("stopped"));
      pending.clear();
      onState(why);
    }

    return {
      timings,
      Cancelled,
      boot,
      stop,
      get started() {
        return booting !== null;
      },
      ready: () => boot(),
      run: (source, name, onOutput) => send({ type: "run", source, name }, onOutput),
      async call(fn, args = [], options = {}) {
        const answer = await send({ type: "call", fn, args, kwargs: options.kwargs || {}, key: options.key ?? null });
        if (answer.error) throw new Error(answer.error);
        return answer.value;
      },
    };
  }

  // -- a tiny Python highlighter (Pygments' class names, so the theme's colours apply) ---------

  const KEYWORDS = new Set(
    ("and as assert async await break class continue def del elif else except finally for from " +
      "global if import in is lambda nonlocal not or pass raise return try while with yield match case").split(" ")
  );
  const CONSTANTS = new Set(["True", "False", "None"]);
  const WORD_OPERATORS = new Set(["and", "or", "not", "in", "is"]);
  const BUILTINS = new Set(
    ("abs all any bool dict divmod enumerate float format getattr hasattr int isinstance len list map " +
      "max min next open print range repr reversed round set setattr sorted str sum tuple type zip " +
      "Exception ValueError TypeError ImportError KeyError IndexError ZeroDivisionError").split(" ")
  );
  const TOKEN = new RegExp(
    [
      String.raw`(?<comment>#[^\n]*)`,
      String.raw`(?<string>\b(?:[rRbBfFuU]{1,2})?(?:'''[\s\S]*?(?:'''|$(?![\s\S]))|"""[\s\S]*?(?:"""|$(?![\s\S]))|'(?:\\.|[^'\\\n])*'?|"(?:\\.|[^"\\\n])*"?))`,
      String.raw`(?<number>\b(?:0[xX][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?j?)\b)`,
      String.raw`(?<decorator>^[ \t]*@[\w.]+)`,
      String.raw`(?<word>[A-Za-z_]\w*)`,
      String.raw`(?<operator>[-+*/%@&|^~<>=!]=?|\*\*|//|->|:=)`,
    ].join("|"),
    "gm"
  );

  function escapeHtml(text) {
    return text.replace(/[&<>]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]);
  }

  function highlight(code) {
    let out = "";
    let last = 0;
    let previous = "";
    for (const match of code.matchAll(TOKEN)) {
      out += escapeHtml(code.slice(last, match.index));
      last = match.index + match[0].length;
      const g = match.groups;
      let cls = "";
      if (g.comment) cls = "c1";
      else if (g.string) cls = /^[a-zA-Z]*("""|''')/.test(g.string) && previous === "" ? "sd" : "s2";
      else if (g.number) cls = /[.eE]/.test(g.number) && !/^0[xX]/.test(g.number) ? "mf" : "mi";
      else if (g.decorator) cls = "nd";
      else if (g.word) {
        const w = g.word;
        if (previous === "def") cls = "nf";
        else if (previous === "class") cls = "nc";
        else if (CONSTANTS.has(w)) cls = "kc";
        else if (WORD_OPERATORS.has(w)) cls = "ow";
        else if (w === "import" || w === "from") cls = "kn";
        else if (KEYWORDS.has(w)) cls = "k";
        else if (BUILTINS.has(w)) cls = "nb";
        else if (w === "self") cls = "bp";
      } else if (g.operator) cls = "o";
      previous = g.word || (g.comment ? previous : "-");
      out += cls ? `<span class="${cls}">${escapeHtml(match[0])}</span>` : escapeHtml(match[0]);
    }
    return out + escapeHtml(code.slice(last)) + "\n"; // a last newline keeps an empty last line's height
  }

  // -- the page -------------------------------------------------------------------------------

  function start() {
    const note = document.querySelector(".nnd-runner-note");
    const groups = Array.from(document.querySelectorAll(".nnd-cell-group"));
    if (!note || groups.length === 0) return;
    if (location.protocol === "file:" || typeof Worker === "undefined") {
      note.classList.add("nnd-offline");
      return; // the note already says how to serve the site
    }
    const base = new URL(".", script.src);
    const config = {
      pyodide: new URL(note.dataset.pyodide, location.href).href,
      wheel: new URL(note.dataset.wheel, location.href).href,
      build: note.dataset.build || "",
      cells: new URL("cells.py", base).href,
      worker: new URL("worker.js", base).href,
    };
    const status = note.querySelector(".nnd-runner-status");
    status.textContent =
      "Run the examples in your browser: edit a cell, then press Run (or Shift+Enter). The cells " +
      "share their variables and run in order: Run on a cell first runs the ones above it. In an " +
      "editor, Tab indents; press Esc, then Tab, to move on. Python (Pyodide) starts in the " +
      "background as the page opens; here nnd runs on its python backend.";
    const state = document.createElement("p");
    state.className = "nnd-runner-state";
    state.setAttribute("aria-live", "polite");
    state.textContent = "Python: not started.";
    note.append(state);

    const timings = { firstClick: null, firstOutput: null };
    const python = makePython(config, (what) => {
      const t = python ? python.timings : {};
      if (what === "starting") state.textContent = "Python: starting in the background…";
      else if (what === "ready") {
        const how = t.snapshot === "used" ? ", from this site's saved start" : "";
        state.textContent = `Python: ready (started in ${(t.ready / 1000).toFixed(1)} s${how}).`;
      } else if (what === "stopped") state.textContent = "Python: stopped. The next Run starts it again, with fresh variables.";
    });
    Object.defineProperties(timings, {
      ready: { get: () => python.timings.ready, enumerable: true },
      pyodide: { get: () => python.timings.pyodide, enumerable: true },
      nnd: { get: () => python.timings.nnd, enumerable: true },
      snapshot: { get: () => python.timings.snapshot, enumerable: true },
      bootStarted: { get: () => python.timings.bootStarted, enumerable: true },
    });

    const cells = [];
    for (const group of groups) {
      group.classList.add("nnd-live");
      for (const element of group.querySelectorAll(".nnd-cell")) cells.push(makeCell(element, cells.length));
    }
    let busy = false;
    let nextToRun = 0;
    window.nndRunner = { cells, timings, python, stop, run: (i) => runUpTo(i) };
    window.nndPython = python;

    // Start Python before the first Run: when the page is idle, or as soon as a reader turns to a cell.
    const saveData = navigator.connection && navigator.connection.saveData;
    const early = () => {
      if (!python.started && !busy) python.boot().catch(() => {});
    };
    if (!saveData) {
      const idle = () => (window.requestIdleCallback ? requestIdleCallback(early, { timeout: 3000 }) : setTimeout(early, 1000));
      if (document.readyState === "complete") idle();
      else window.addEventListener("load", idle, { once: true });
    }
    for (const cell of cells) {
      cell.element.addEventListener("focusin", early, { once: true });
      cell.element.addEventListener("pointerdown", early, { once: true });
    }

    function makeCell(element, index) {
      const editor = element.querySelector(".nnd-source");
      const expected = element.querySelector(".nnd-expected").textContent;
      const scratch = element.closest(".nnd-scratch") !== null;
      const original = editor.value.replace(/\n$/, "");
      const keysId = `nnd-keys-${index}`;

      const box = document.createElement("div");
      box.className = "nnd-editor-box";
      const shown = document.createElement("pre");
      shown.className = "nnd-highlight highlight"; // "highlight": the theme's Pygments colours
      shown.setAttribute("aria-hidden", "true");
      const code = document.createElement("code");
      shown.append(code);
      editor.replaceWith(box);
      box.append(shown, editor);
      editor.hidden = false;
      editor.classList.add("nnd-editor");
      editor.spellcheck = false;
      editor.wrap = "off";
      editor.rows = 1;
      editor.setAttribute("autocapitalize", "off");
      editor.setAttribute("autocomplete", "off");
      editor.setAttribute("aria-describedby", keysId);
      editor.setAttribute("aria-label", scratch ? "Your own Python code" : `Python code, cell ${index + 1}`);
      editor.value = original;

      const keys = document.createElement("p");
      keys.className = "nnd-keys";
      keys.id = keysId;
      const keysText = "Shift+Enter runs · Tab indents · Esc then Tab leaves the editor";
      keys.textContent = keysText;

      const bar = document.createElement("div");
      bar.className = "nnd-toolbar";
      const run = button("Run", "nnd-run", () => (scratch ? runAlone(index) : runUpTo(index)));
      run.title = scratch ? "Run this code (in the page's Python)" : "Run this cell (and the cells above it that have not run yet)";
      const halt = button("Stop", "nnd-stop", () => stop());
      halt.hidden = true;
      halt.title = "Stop Python; the next Run starts it again with fresh variables";
      const reset = button("Reset", "nnd-reset", () => {
        editor.value = original;
        refresh();
        editor.focus();
      });
      reset.title = "Put back the code of the page";
      const copy = button("Copy", "nnd-copy", async () => {
        const ok = await copyText(editor);
        copy.textContent = ok ? "Copied" : "Select and copy";
        setTimeout(() => (copy.textContent = "Copy"), 1500);
      });
      copy.title = "Copy this code";
      const label = document.createElement("span");
      label.className = "nnd-cell-state";
      label.setAttribute("aria-live", "polite");
      bar.append(run, halt, reset, copy, label);

      const output = document.createElement("div");
      output.className = "nnd-output";
      if (expected.trim()) {
        const printed = document.createElement("pre");
        printed.className = "nnd-printed";
        printed.title = "What this cell printed when the site was built";
        printed.textContent = expected.replace(/\n$/, "");
        output.append(printed);
      }
      box.after(keys);
      keys.after(bar);
      bar.after(output);
      element.dataset.state = "idle";

      function refresh() {
        code.innerHTML = highlight(editor.value);
        editor.style.height = "auto";
        editor.style.height = `${editor.scrollHeight + editor.offsetHeight - editor.clientHeight}px`;
        reset.disabled = editor.value === original;
        follow();
      }
      function follow() {
        shown.style.transform = `translate(${-editor.scrollLeft}px, ${-editor.scrollTop}px)`;
        // a fading edge says that a long line goes on beyond it
        box.classList.toggle("nnd-more-left", editor.scrollLeft > 0);
        box.classList.toggle("nnd-more-right", editor.scrollLeft + editor.clientWidth < editor.scrollWidth - 1);
      }
      editor.addEventListener("input", refresh);
      editor.addEventListener("scroll", follow);
      window.addEventListener("resize", refresh);

      let leaving = false; // Escape pressed: the next Tab moves the focus out
      editor.addEventListener("blur", () => {
        leaving = false;
        keys.textContent = keysText;
      });
      editor.addEventListener("keydown", (event) => {
        if (event.key === "Escape") {
          leaving = true;
          keys.textContent = "Tab or Shift+Tab now leaves the editor";
          return;
        }
        if (event.key === "Tab") {
          if (leaving || event.ctrlKey || event.altKey || event.metaKey) return; // the browser moves the focus
          event.preventDefault();
          indent(editor, event.shiftKey ? -1 : 1);
          refresh();
          return;
        }
        if (event.key !== "Shift" && leaving) {
          leaving = false;
          keys.textContent = keysText;
        }
        if (event.key === "Enter" && (event.shiftKey || event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          run.click();
        } else if (event.key === "Enter" && !event.altKey) {
          event.preventDefault();
          newline(editor);
          refresh();
        }
      });
      refresh();
      return { element, editor, run, halt, reset, copy, label, output, index, scratch, refresh };
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

    function stop() {
      python.stop();
      nextToRun = 0;
      for (const cell of cells) {
        const s = cell.element.dataset.state;
        if (s === "running" || s === "queued") setCellState(cell, "idle", "stopped");
      }
      setBusy(false);
    }

    async function runUpTo(index) {
      const first = Math.min(nextToRun, index);
      const order = [];
      for (let i = first; i <= index; i++) if (!cells[i].scratch) order.push(i);
      if (!order.includes(index)) order.push(index);
      return runCells(order);
    }

    const runAlone = (index) => runCells([index]);

    async function runCells(order) {
      if (busy) return;
      setBusy(true);
      if (timings.firstClick === null) timings.firstClick = performance.now();
      for (const i of order) setCellState(cells[i], "queued", i === order[order.length - 1] ? "" : "waiting");
      const last = cells[order[order.length - 1]];
      clearOutput(last); // the clicked cell's old output goes at once
      try {
        if (!python.timings.ready) setCellState(last, "queued", "starting Python…");
        await python.boot();
        for (const i of order) {
          const cell = cells[i];
          setCellState(cell, "running", "running…");
          clearOutput(cell);
          const sink = outputSink(cell);
          const result = await python.run(cell.editor.value, cell.scratch ? "<your code>" : `<cell ${i + 1}>`, sink.write);
          sink.end(result.error);
          cell.element.dataset.ms = String(Math.round(result.ms));
          setCellState(cell, result.error ? "error" : "done", formatMs(result.ms));
          if (!cell.scratch) nextToRun = Math.max(nextToRun, i + 1);
        }
      } catch (error) {
        if (!(error instanceof Stopped)) {
          const why = String(error.message || error).split("\n")[0];
          for (const cell of cells) {
            if (["queued", "running"].includes(cell.element.dataset.state)) setCellState(cell, "idle", "");
          }
          stop();
          setCellState(last, "error", "Python could not start");
          state.textContent = "Python could not start: " + why;
        }
      } finally {
        setBusy(false);
      }
    }

    function formatMs(ms) {
      return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
    }

    function clearOutput(cell) {
      cell.output.replaceChildren();
      delete cell.element.dataset.text;
    }

    // Output as it comes: printed text joins the last block of text; a shown value gets its own.
    function outputSink(cell) {
      const out = cell.output;
      let text = "";
      let pre = null;
      const firstOutput = () => {
        if (timings.firstOutput === null) timings.firstOutput = performance.now() - timings.firstClick;
      };
      const write = (chunk, className) => {
        if (!pre || pre.className !== className) {
          pre = document.createElement("pre");
          pre.className = className;
          out.append(pre);
        }
        pre.textContent += chunk;
      };
      return {
        write(item) {
          firstOutput();
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
          cell.element.dataset.partial = text;
        },
        end(error) {
          firstOutput();
          if (error) {
            text += error;
            write(error, "nnd-error");
          }
          for (const p of out.querySelectorAll("pre")) p.textContent = p.textContent.replace(/\n$/, "");
          delete cell.element.dataset.partial;
          cell.element.dataset.text = text;
        },
      };
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

  // -- editing helpers ------------------------------------------------------------------------

  async function copyText(editor) {
    try {
      await navigator.clipboard.writeText(editor.value);
      return true;
    } catch (error) {
      // no clipboard API (a page not served from a secure origin): copy the selection instead
      const { selectionStart, selectionEnd } = editor;
      editor.select();
      let ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      editor.setSelectionRange(selectionStart, selectionEnd);
      return ok;
    }
  }

  // Replace [start, end) with text the way typing does, so that the browser's undo still works.
  function insert(editor, text, start, end, select = false) {
    editor.focus();
    editor.setSelectionRange(start, end);
    let typed = false;
    try {
      typed = document.execCommand("insertText", false, text);
    } catch (error) {
      typed = false;
    }
    if (!typed) {
      editor.setRangeText(text, start, end, "end");
      editor.dispatchEvent(new Event("input"));
    }
    if (select) editor.setSelectionRange(start, start + text.length);
  }

  // Tab: four spaces at the cursor, or before every selected line; Shift+Tab: up to four fewer.
  function indent(editor, direction) {
    const { value, selectionStart: start, selectionEnd: end } = editor;
    const lineStart = value.lastIndexOf("\n", start - 1) + 1;
    if (direction > 0 && start === end) {
      insert(editor, "    ", start, end);
      return;
    }
    const blockEnd = end > start && value[end - 1] === "\n" ? end - 1 : end;
    const lineEnd = value.indexOf("\n", blockEnd) === -1 ? value.length : value.indexOf("\n", blockEnd);
    const lines = value.slice(lineStart, start === end ? lineEnd : blockEnd).split("\n");
    let removedFirst = 0;
    const changed = lines.map((line, i) => {
      if (direction > 0) return "    " + line;
      const n = line.match(/^ {0,4}/)[0].length;
      if (i === 0) removedFirst = n;
      return line.slice(n);
    });
    if (start === end) {
      insert(editor, changed.join("\n"), lineStart, lineEnd);
      const cursor = Math.max(lineStart, start - removedFirst);
      editor.setSelectionRange(cursor, cursor);
    } else {
      insert(editor, changed.join("\n"), lineStart, blockEnd, true);
    }
  }

  // Enter keeps the line's indentation, and adds a level after a colon.
  function newline(editor) {
    const { value, selectionStart: start, selectionEnd: end } = editor;
    const lineStart = value.lastIndexOf("\n", start - 1) + 1;
    const line = value.slice(lineStart, start);
    let pad = line.match(/^[ \t]*/)[0];
    if (/:\s*(#.*)?$/.test(line)) pad += "    ";
    insert(editor, "\n" + pad, start, end);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
