// The playground: a small network learning a two-dimensional data set while the reader watches.
//
// <div data-nnd-widget="playground"></div> becomes the controls (data set, hidden layers and
// their sizes, biases, learning rate, λ, batch size, the class a click adds), the buttons
// (Play, Pause, Step, Reset, Copy link), the readouts (epoch, cost J on the training and test
// points, accuracy) and the pictures: the network's decision regions with the points, and each
// hidden unit's own map, small.
//
// Python does the work (nnd/explore/playground.py, in the page's Pyodide): it keeps this
// playground's network and data under the widget's key and answers every call with a frame, the
// maps as hex text and the costs as numbers, which this file paints on canvases. While playing,
// one call trains a few epochs and returns a frame; the number of epochs per call adapts so that
// a call takes about a tenth of a second. The settings live in the address's query
// (?data=xor&hidden=8&...), written by Python, so a copied address opens the same set-up.
//
// The contract of the docs' browser tests: buttons carry data-nnd-action, values
// data-nnd-readout.
(() => {
  "use strict";

  const MODULE = "nnd.explore.playground";
  const CLASS_COLOURS = ["#0072B2", "#D55E00", "#009E73"];
  const DATASETS = [
    ["moons", "two moons"],
    ["circles", "two circles"],
    ["xor", "XOR (four squares)"],
    ["spiral", "spiral (three classes)"],
    ["custom", "your own points"],
  ];
  const RATES = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30];
  const LAMS = [0, 0.0001, 0.001, 0.01, 0.1];
  const BATCHES = [1, 5, 10, 25, 50, 200];
  const MAX_LAYERS = 4;
  const MAX_UNITS = 8;
  const TARGET_MS = 120; // Python time aimed at per call while playing
  const MAX_EPOCHS = 50;
  // viridis at 9 points, as nnd.draw paints maps
  const VIRIDIS = [
    [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
    [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
  ]; // prettier-ignore

  const { el } = window.nndWidgets;

  function rgb(hex) {
    return [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
  }
  const CLASS_RGB = CLASS_COLOURS.map(rgb);
  const mixWhite = (c, t) => c.map((v) => Math.round(255 + (v - 255) * t));

  function viridis(t) {
    const x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
    const i = Math.min(Math.floor(x), VIRIDIS.length - 2);
    const f = x - i;
    return VIRIDIS[i].map((p, k) => Math.round(p + (VIRIDIS[i + 1][k] - p) * f));
  }

  function decode(hex) {
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
    return out;
  }

  // A small canvas holding an n × n map, one pixel a value; drawn scaled up (and smoothed).
  function mapImage(n, colour, ...maps) {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = n;
    const ctx = canvas.getContext("2d");
    const image = ctx.createImageData(n, n);
    for (let i = 0; i < n * n; i++) {
      const [r, g, b] = colour(maps.map((m) => m[i] / 255));
      image.data.set([r, g, b, 255], 4 * i);
    }
    ctx.putImageData(image, 0, 0);
    return canvas;
  }

  function regionColour(values) {
    if (values.length === 1) {
      const v = values[0]; // yHat: class 0 below one half, class 1 above
      return v < 0.5 ? mixWhite(CLASS_RGB[0], (0.5 - v) * 1.3) : mixWhite(CLASS_RGB[1], (v - 0.5) * 1.3);
    }
    let best = 0;
    for (let k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
    return mixWhite(CLASS_RGB[best], 0.15 + 0.5 * values[best]);
  }

  function fitCanvas(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const size = Math.max(1, Math.round(canvas.clientWidth * ratio));
    if (canvas.width !== size || canvas.height !== size) canvas.width = canvas.height = size;
    return size;
  }

  function format(v, digits = 4) {
    return v === null || v === undefined ? "–" : Number(v).toFixed(digits);
  }

  async function init(root, api) {
    const key = root.dataset.nndKey || `playground-${Array.from(document.querySelectorAll('[data-nnd-widget="playground"]')).indexOf(root) + 1}`;
    const id = (name) => `${key}-${name}`;
    root.classList.add("nnd-playground");
    root.replaceChildren();

    // -- controls ---------------------------------------------------------------------------
    const dataSelect = el("select", { id: id("data"), "data-nnd-setting": "data" },
      ...DATASETS.map(([v, label]) => el("option", { value: v, text: label }))); // prettier-ignore
    const rateSelect = el("select", { id: id("rate"), "data-nnd-setting": "rate" },
      ...RATES.map((v) => el("option", { value: String(v), text: String(v) }))); // prettier-ignore
    const lamSelect = el("select", { id: id("lam"), "data-nnd-setting": "lam" },
      ...LAMS.map((v) => el("option", { value: String(v), text: String(v) }))); // prettier-ignore
    const batchSelect = el("select", { id: id("batch"), "data-nnd-setting": "batch" },
      ...BATCHES.map((v) => el("option", { value: String(v), text: String(v) }))); // prettier-ignore
    const biasBox = el("input", { type: "checkbox", id: id("bias"), "data-nnd-setting": "bias" });
    const layersBox = el("div", { class: "nnd-pg-layers", "data-nnd-setting": "hidden" });
    const addLayer = el("button", { type: "button", "data-nnd-action": "add-layer", text: "+ layer", title: "Add a hidden layer" });
    const removeLayer = el("button", { type: "button", "data-nnd-action": "remove-layer", text: "− layer", title: "Remove the last hidden layer" });
    const classBox = el("div", { class: "nnd-pg-classes", role: "radiogroup", "aria-label": "Class a click adds" });

    const play = el("button", { type: "button", class: "nnd-pg-play", "data-nnd-action": "play", text: "▶ Play" });
    const pause = el("button", { type: "button", class: "nnd-pg-play", "data-nnd-action": "pause", text: "❚❚ Pause", hidden: true });
    const stepButton = el("button", { type: "button", "data-nnd-action": "step", text: "Step", title: "Train one epoch" });
    const resetButton = el("button", { type: "button", "data-nnd-action": "reset", text: "Reset", title: "Start again from the first weights" });
    const linkButton = el("button", { type: "button", "data-nnd-action": "copy-link", text: "Copy link", title: "Copy an address that opens this set-up" });

    const epochOut = el("output", { "data-nnd-readout": "epoch", text: "0" });
    const costOut = el("output", { "data-nnd-readout": "J", text: "–" });
    const accuracyOut = el("output", { "data-nnd-readout": "accuracy", text: "–" });
    const status = el("p", { class: "nnd-pg-status", "data-nnd-readout": "status", "aria-live": "polite", text: "Python is starting…" });

    const main = el("canvas", { class: "nnd-pg-map", "data-nnd-readout": "regions", role: "img", "aria-label": "Decision regions of the network, with the data points; click to add a point" });
    const units = el("div", { class: "nnd-pg-units", "data-nnd-readout": "hidden-units" });

    const field = (label, control, forId = true) =>
      el("div", { class: "nnd-pg-field" }, el(forId ? "label" : "span", forId ? { for: control.id, text: label } : { text: label }), control);

    root.append(
      el("div", { class: "nnd-pg-controls" },
        field("Data", dataSelect),
        el("div", { class: "nnd-pg-field nnd-pg-hidden" }, el("span", { text: "Hidden layers" }), layersBox,
          el("span", { class: "nnd-pg-layer-buttons" }, addLayer, removeLayer)),
        el("div", { class: "nnd-pg-field" }, el("label", { for: biasBox.id, text: "Biases" }), biasBox),
        field("Learning rate η", rateSelect),
        field("λ", lamSelect),
        field("Batch size", batchSelect),
        el("div", { class: "nnd-pg-field" }, el("span", { text: "A click adds" }), classBox)),
      el("div", { class: "nnd-pg-buttons" }, play, pause, stepButton, resetButton, linkButton),
      el("p", { class: "nnd-pg-readouts" },
        el("span", {}, "epoch ", epochOut), el("span", {}, "cost J ", costOut), el("span", {}, "accuracy ", accuracyOut)),
      el("div", { class: "nnd-pg-pictures" },
        el("figure", { class: "nnd-pg-main" }, main,
          el("figcaption", { text: "What the network predicts over the plane of its two inputs (x₁ across, x₂ up). Filled dots: training points; rings: test points. Click to add a point." })),
        el("figure", { class: "nnd-pg-units-figure" }, units,
          el("figcaption", { text: "Each hidden unit's activity over the same plane (dark: 0, yellow: 1), one row per layer." }))),
      status
    ); // prettier-ignore

    // -- state ----------------------------------------------------------------------------------
    let settings = null; // the last settings Python accepted
    let frame = null;
    let playing = false;
    let epochsPerCall = 2;
    let chain = Promise.resolve();
    let addClass = 0;
    const timings = { firstFrame: null, calls: [] };
    root.nndTimings = timings;

    // One Python call at a time, in order.
    function python(fn, args, kwargs) {
      const run = chain.then(() => api.call(`${MODULE}.${fn}`, args, kwargs || {}, `${key}:${fn}`));
      chain = run.catch(() => {});
      return run;
    }

    function readSettings() {
      const hidden = Array.from(layersBox.querySelectorAll("input")).map((i) => Math.max(1, Math.min(MAX_UNITS, parseInt(i.value, 10) || 1)));
      return {
        data: dataSelect.value,
        hidden,
        bias: biasBox.checked,
        rate: Number(rateSelect.value),
        lam: Number(lamSelect.value),
        batch: Number(batchSelect.value),
        seed: settings ? settings.seed : 0,
        points: settings && settings.data === dataSelect.value ? settings.points : [],
      };
    }

    function ensureOption(select, value) {
      const text = String(value);
      if (!Array.from(select.options).some((o) => o.value === text)) select.append(el("option", { value: text, text }));
      select.value = text;
    }

    function showSettings(s) {
      dataSelect.value = s.data;
      ensureOption(rateSelect, s.rate);
      ensureOption(lamSelect, s.lam);
      ensureOption(batchSelect, s.batch);
      biasBox.checked = s.bias;
      layersBox.replaceChildren(
        ...s.hidden.map((n, i) =>
          el("input", { type: "number", min: "1", max: String(MAX_UNITS), value: String(n), inputmode: "numeric", "aria-label": `Units in hidden layer ${i + 1}`, title: `Units in hidden layer ${i + 1} (1 to ${MAX_UNITS})` })
        )
      ); // prettier-ignore
      if (!s.hidden.length) layersBox.append(el("span", { class: "nnd-pg-none", text: "none" }));
      addLayer.disabled = s.hidden.length >= MAX_LAYERS;
      removeLayer.disabled = s.hidden.length === 0;
      const classes = s.data === "spiral" ? 3 : 2;
      if (addClass >= classes) addClass = 0;
      classBox.replaceChildren(
        ...Array.from({ length: classes }, (_, c) => {
          const input = el("input", { type: "radio", name: id("class"), value: String(c), id: id(`class-${c}`), checked: c === addClass, "data-nnd-setting": "class" });
          input.addEventListener("change", () => (addClass = c));
          const swatch = el("span", { class: "nnd-pg-swatch", style: `background:${CLASS_COLOURS[c]}` });
          return el("label", { for: input.id, class: "nnd-pg-class" }, input, swatch, `class ${c}`);
        })
      ); // prettier-ignore
    }

    function writeAddress(query) {
      const params = new URLSearchParams(location.search);
      for (const [k, v] of new URLSearchParams(query)) params.set(k, v);
      if (!new URLSearchParams(query).has("points")) params.delete("points");
      const address = `${location.pathname}?${params.toString().replace(/%2C/g, ",").replace(/%3B/g, ";")}${location.hash}`;
      history.replaceState(history.state, "", address);
    }

    // -- painting ------------------------------------------------------------------------------
    function paint() {
      if (!frame) return;
      const n = frame.resolution;
      const outputs = frame.outputs.map(decode);
      const size = fitCanvas(main);
      const ctx = main.getContext("2d");
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(mapImage(n, regionColour, ...outputs), 0, 0, size, size);
      const r = Math.max(3, size / 90);
      const ratio = window.devicePixelRatio || 1;
      const dot = ([x1, x2, c], hollow) => {
        ctx.beginPath();
        ctx.arc(x1 * size, (1 - x2) * size, r, 0, 2 * Math.PI);
        if (hollow) {
          ctx.lineWidth = 1.6 * ratio;
          ctx.strokeStyle = CLASS_COLOURS[c];
          ctx.stroke();
        } else {
          ctx.fillStyle = CLASS_COLOURS[c];
          ctx.fill();
          ctx.lineWidth = 1 * ratio;
          ctx.strokeStyle = "#ffffff";
          ctx.stroke();
        }
      };
      for (const p of frame.test) dot(p, true);
      for (const p of frame.points) dot(p, false);
      main.dataset.epoch = String(frame.epoch);
      main.dataset.points = String(frame.points.length);

      // the hidden units, small: one row per layer
      const rows = frame.hidden.map((layer, l) => {
        const tiles = layer.map((hex, u) => {
          const canvas = mapImage(n, ([v]) => viridis(v), decode(hex));
          canvas.className = "nnd-pg-unit";
          canvas.setAttribute("role", "img");
          canvas.setAttribute("aria-label", `Layer ${l + 2}, unit ${u + 1}: its activity over the plane`);
          canvas.title = `a${l + 2}, unit ${u + 1}`;
          return canvas;
        });
        return el("div", { class: "nnd-pg-unit-row" }, el("span", { class: "nnd-pg-unit-label", text: `a${l + 2}` }),
          el("div", { class: "nnd-pg-unit-tiles" }, ...tiles)); // prettier-ignore
      });
      if (!rows.length) rows.push(el("p", { class: "nnd-pg-none", text: "No hidden layer: the network draws one straight boundary." }));
      units.replaceChildren(...rows);
    }

    function show(next) {
      if (!next) return; // superseded
      frame = next;
      settings = next.settings;
      showSettings(settings);
      writeAddress(next.query);
      epochOut.textContent = String(next.epoch);
      epochOut.dataset.value = String(next.epoch);
      costOut.textContent = next.J === null ? "– (no points yet)" : `${format(next.J)} training · ${format(next.testJ)} test`;
      costOut.dataset.value = next.J === null ? "" : String(next.J);
      costOut.dataset.test = next.testJ === null ? "" : String(next.testJ);
      accuracyOut.textContent =
        next.accuracy === null ? "–" : `${(100 * next.accuracy).toFixed(1)} %` + (next.test_accuracy === null ? "" : ` · ${(100 * next.test_accuracy).toFixed(1)} % test`);
      root.dataset.epoch = String(next.epoch);
      paint();
      if (next.diverged) {
        setPlaying(false);
        status.textContent = "The weights ran off towards infinity, so the last step was undone: lower the learning rate.";
      }
    }

    function fail(error) {
      setPlaying(false);
      status.textContent = String(error && error.message ? error.message : error);
    }

    async function call(fn, args, kwargs) {
      const started = performance.now();
      const next = await python(fn, args, kwargs);
      const ms = performance.now() - started; // the event to Python's answer
      show(next);
      // the event to the new picture painted: what the reader waits for
      if (next) timings.calls.push({ fn, ms: performance.now() - started, python: ms, epochs: fn === "step" ? args[1] : 0 });
      if (timings.calls.length > 200) timings.calls.shift();
      return { next, ms };
    }

    async function apply(changes = {}) {
      const wanted = { ...readSettings(), ...changes };
      try {
        await call("start", [key, wanted]);
        if (!playing) status.textContent = readyText();
      } catch (error) {
        fail(error);
      }
    }

    function readyText() {
      return frame && frame.points.length === 0 ? "Click on the picture to add points, then press Play." : "Press Play to train, or Step for one epoch.";
    }

    // -- playing ---------------------------------------------------------------------------------
    function setPlaying(value) {
      playing = value;
      play.hidden = value;
      pause.hidden = !value;
      root.dataset.playing = value ? "1" : "0";
    }

    async function loop() {
      while (playing) {
        try {
          const { ms } = await call("step", [key, epochsPerCall]);
          // aim at TARGET_MS of Python per call: more epochs when quick, fewer when slow
          epochsPerCall = Math.max(1, Math.min(MAX_EPOCHS, Math.round((epochsPerCall * TARGET_MS) / Math.max(ms, 1))));
        } catch (error) {
          fail(error);
          return;
        }
        await new Promise((resolve) => requestAnimationFrame(() => resolve()));
      }
    }

    play.addEventListener("click", () => {
      if (playing) return;
      if (frame && frame.points.length === 0) {
        status.textContent = "There are no points to learn from yet: click on the picture to add some.";
        return;
      }
      setPlaying(true);
      status.textContent = "Training: a few epochs of minibatch gradient descent between pictures.";
      loop();
      pause.focus();
    });
    pause.addEventListener("click", () => {
      setPlaying(false);
      status.textContent = "Paused. Play goes on from here; Step trains one epoch.";
      play.focus();
    });
    stepButton.addEventListener("click", async () => {
      if (playing) setPlaying(false);
      try {
        await call("step", [key, 1]);
      } catch (error) {
        fail(error);
      }
    });
    resetButton.addEventListener("click", async () => {
      try {
        await call("reset", [key]);
        status.textContent = readyText();
      } catch (error) {
        fail(error);
      }
    });
    linkButton.addEventListener("click", async () => {
      let ok = false;
      try {
        await navigator.clipboard.writeText(location.href);
        ok = true;
      } catch (error) {
        ok = false;
      }
      status.textContent = ok ? "The address of this set-up is copied." : `The address of this set-up: ${location.href}`;
    });

    for (const control of [dataSelect, rateSelect, lamSelect, batchSelect, biasBox]) {
      control.addEventListener("change", () => apply(control === dataSelect ? { points: [] } : {}));
    }
    layersBox.addEventListener("change", () => apply());
    addLayer.addEventListener("click", () => apply({ hidden: [...readSettings().hidden, 4].slice(0, MAX_LAYERS) }));
    removeLayer.addEventListener("click", () => apply({ hidden: readSettings().hidden.slice(0, -1) }));

    main.addEventListener("click", async (event) => {
      if (!frame) return;
      const box = main.getBoundingClientRect();
      const x1 = Math.round((1000 * (event.clientX - box.left)) / box.width) / 1000;
      const x2 = Math.round(1000 * (1 - (event.clientY - box.top) / box.height)) / 1000;
      if (x1 < 0 || x1 > 1 || x2 < 0 || x2 > 1) return;
      try {
        await call("add_point", [key, x1, x2, addClass]);
        if (!playing) status.textContent = `Added a point of class ${addClass} at (${x1.toFixed(2)}, ${x2.toFixed(2)}).`;
      } catch (error) {
        fail(error);
      }
    });
    let resizing = null;
    window.addEventListener("resize", () => {
      cancelAnimationFrame(resizing);
      resizing = requestAnimationFrame(paint);
    });

    // -- start -----------------------------------------------------------------------------------
    setPlaying(false);
    showSettings({ data: "xor", hidden: [8], bias: true, rate: 3, lam: 0, batch: 10, seed: 0, points: [] });
    await api.ready();
    status.textContent = "Drawing the first picture…";
    const readyAt = performance.now();
    try {
      await call("start", [key, location.search]);
    } catch (error) {
      // an address with settings nnd refuses: say why, and start from the defaults
      await call("start", [key, null]).catch(fail);
      status.textContent = `The address's settings could not be used (${error.message}); these are the defaults.`;
      timings.firstFrame = performance.now() - readyAt;
      root.dataset.ready = "1";
      return;
    }
    timings.firstFrame = performance.now() - readyAt;
    status.textContent = readyText();
    root.dataset.ready = "1";
  }

  window.nndWidgets.register("playground", init);
})();
