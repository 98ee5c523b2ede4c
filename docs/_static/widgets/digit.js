// Draw a digit: the reader draws on a pad, with a mouse, a pen or a finger, and a network trained
// in the page reads it.
//
// <div data-nnd-widget="digit"></div> becomes the pad, the drawing as the network sees it (8 × 8
// pixels, reduced as the shipped UCI digits were), ten bars (the network's ten outputs), the
// prediction (data-nnd-readout="prediction") and a Clear button (data-nnd-action="clear").
// Each stroke is kept as a list of points; when a stroke ends, all of them go to Python
// (nnd.explore.digit.read), which scales the drawing into a 32 × 32 bitmap, counts the ink of
// each 4 × 4 block and runs the network. The network (64-16-10, with biases) is trained once,
// in the page's Python, on the 1,442 training digits when the pad comes into view
// (nnd.explore.digit.train), and kept there under the widget's key: every pad of the page uses it.
// A "Read it" button (data-nnd-action="read") reads the drawing again; it is also read after
// every stroke.
(() => {
  "use strict";

  const MODULE = "nnd.explore.digit";

  const { el } = window.nndWidgets;

  async function init(root, api) {
    const all = Array.from(document.querySelectorAll('[data-nnd-widget="digit"]'));
    const key = root.dataset.nndKey || "digit"; // one trained network serves every pad of the site
    const label = `digit-${all.indexOf(root) + 1}`;
    root.classList.add("nnd-digit");
    root.replaceChildren();

    const pad = el("canvas", { class: "nnd-digit-pad", "data-nnd-readout": "pad", role: "img", "aria-label": "Drawing pad: draw one digit, 0 to 9" });
    const seen = el("canvas", { class: "nnd-digit-seen", width: "8", height: "8", "data-nnd-readout": "pixels", role: "img", "aria-label": "The drawing as the network sees it: 8 by 8 pixels" });
    const bars = el("div", { class: "nnd-digit-bars", "data-nnd-readout": "outputs", role: "list" });
    const barFills = [];
    for (let d = 0; d < 10; d++) {
      const fill = el("span", { class: "nnd-digit-fill" });
      const value = el("span", { class: "nnd-digit-value", text: "" });
      barFills.push({ fill, value });
      bars.append(el("div", { class: "nnd-digit-bar", role: "listitem", "data-digit": String(d) }, el("span", { class: "nnd-digit-label", text: String(d) }), el("span", { class: "nnd-digit-track" }, fill), value));
    }
    const prediction = el("p", { class: "nnd-digit-prediction", "data-nnd-readout": "prediction", "aria-live": "polite", text: "Draw a digit on the pad." });
    const clear = el("button", { type: "button", "data-nnd-action": "clear", text: "Clear" });
    const read = el("button", { type: "button", "data-nnd-action": "read", text: "Read it", title: "Read the drawing again (it is read after every stroke)" });
    const status = el("p", { class: "nnd-digit-status", "data-nnd-readout": "status", "aria-live": "polite", text: "Python is starting…" });

    root.append(
      el("div", { class: "nnd-digit-row" },
        el("figure", { class: "nnd-digit-pad-figure" }, pad, el("figcaption", { text: "Draw here (mouse, pen or finger)." })),
        el("div", { class: "nnd-digit-side" },
          el("figure", { class: "nnd-digit-seen-figure" }, seen, el("figcaption", { text: "What the network reads: 8 × 8" })),
          prediction,
          el("div", { class: "nnd-digit-buttons" }, clear, read))),
      el("figure", { class: "nnd-digit-bars-figure" }, bars, el("figcaption", { text: "The ten output units: the largest is the prediction." })),
      status
    ); // prettier-ignore

    // -- drawing ----------------------------------------------------------------------------------
    let strokes = [];
    let current = null;
    const timings = { train: null, reads: [] };
    root.nndTimings = timings;

    function fit() {
      const ratio = window.devicePixelRatio || 1;
      const size = Math.max(1, Math.round(pad.clientWidth * ratio));
      if (pad.width !== size) {
        pad.width = pad.height = size;
        redraw();
      }
    }

    function redraw() {
      const ctx = pad.getContext("2d");
      const scale = pad.width / pad.clientWidth || 1;
      ctx.clearRect(0, 0, pad.width, pad.height);
      ctx.lineCap = ctx.lineJoin = "round";
      ctx.lineWidth = Math.max(8, pad.clientWidth / 14) * scale;
      ctx.strokeStyle = getComputedStyle(pad).color || "#111";
      for (const line of strokes) {
        ctx.beginPath();
        ctx.moveTo(line[0][0] * scale, line[0][1] * scale);
        for (const [x, y] of line.length > 1 ? line.slice(1) : line) ctx.lineTo(x * scale, y * scale);
        ctx.stroke();
      }
    }

    const where = (event) => {
      const box = pad.getBoundingClientRect();
      return [Math.round((event.clientX - box.left) * 10) / 10, Math.round((event.clientY - box.top) * 10) / 10];
    };
    pad.addEventListener("pointerdown", (event) => {
      if (event.button !== undefined && event.button > 0) return;
      event.preventDefault();
      try {
        pad.setPointerCapture(event.pointerId); // the stroke goes on if the pointer leaves the pad
      } catch (error) {
        // a pointer the browser no longer tracks: draw without capture
      }
      current = [where(event)];
      strokes.push(current);
      redraw();
    });
    pad.addEventListener("pointermove", (event) => {
      if (!current) return;
      event.preventDefault();
      const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
      for (const e of events.length ? events : [event]) current.push(where(e));
      redraw();
    });
    const end = (event) => {
      if (!current) return;
      current = null;
      if (pad.hasPointerCapture && pad.hasPointerCapture(event.pointerId)) pad.releasePointerCapture(event.pointerId);
      readDrawing();
    };
    pad.addEventListener("pointerup", end);
    pad.addEventListener("pointercancel", end);

    clear.addEventListener("click", () => {
      strokes = [];
      redraw();
      showAnswer(null);
      prediction.textContent = "Draw a digit on the pad.";
      delete prediction.dataset.value;
    });
    read.addEventListener("click", () => readDrawing());
    window.addEventListener("resize", fit);

    // -- reading -----------------------------------------------------------------------------------
    function showAnswer(answer) {
      const ctx = seen.getContext("2d");
      const image = ctx.createImageData(8, 8);
      for (let i = 0; i < 64; i++) {
        const v = answer ? answer.pixels[i] : 0;
        const shade = Math.round(255 * (1 - v));
        image.data.set([shade, shade, shade, 255], 4 * i);
      }
      ctx.putImageData(image, 0, 0);
      barFills.forEach(({ fill, value }, d) => {
        const v = answer ? answer.outputs[d] : 0;
        fill.style.width = `${(100 * v).toFixed(1)}%`;
        fill.classList.toggle("nnd-digit-best", Boolean(answer) && answer.prediction === d);
        value.textContent = answer ? v.toFixed(2) : "";
      });
    }

    async function readDrawing() {
      const points = strokes.reduce((n, line) => n + line.length, 0);
      if (!points) return;
      prediction.textContent = "Reading…";
      const started = performance.now();
      try {
        const payload = strokes.map((line) => line.slice(0, 2000));
        const answer = await api.call(`${MODULE}.read`, [key], { strokes: payload }, `${label}:read`);
        if (!answer) return; // superseded by a newer stroke
        timings.reads.push({ ms: performance.now() - started, python: answer.ms });
        showAnswer(answer);
        if (answer.prediction === null) {
          prediction.textContent = "Draw a digit on the pad.";
          delete prediction.dataset.value;
        } else {
          const sure = answer.outputs[answer.prediction];
          prediction.textContent = `The network reads a ${answer.prediction} (output ${sure.toFixed(2)}).`;
          prediction.dataset.value = String(answer.prediction);
        }
      } catch (error) {
        prediction.textContent = "";
        status.textContent = String(error.message || error);
      }
    }

    // Training takes a few seconds of the page's Python, which the widgets share: it starts when
    // the pad comes into view (or is touched), so that widgets higher on the page answer first.
    let training = null;
    function trainOnce() {
      if (!training) training = trainNetwork();
      return training;
    }
    async function trainNetwork() {
      try {
        await api.ready();
      } catch (error) {
        return; // the widgets' loader says why Python could not start
      }
      status.textContent = "Training a network (64-16-10) on the 1,442 training digits, in this page's Python: a few seconds…";
      const started = performance.now();
      try {
        const info = await api.call(`${MODULE}.train`, [key], {}, `${label}:train`);
        timings.train = performance.now() - started;
        if (info) {
          status.textContent =
            `The network is ready: ${info.layers.join("-")}, trained for ${info.epochs} epochs, ` +
            `reads ${(100 * info.accuracy).toFixed(1)} % of the 355 test digits right.`;
        }
        root.dataset.ready = "1";
      } catch (error) {
        status.textContent = `The network could not be trained: ${error.message || error}`;
      }
    }

    fit();
    showAnswer(null);
    pad.addEventListener("pointerdown", trainOnce);
    if ("IntersectionObserver" in window) {
      const observer = new IntersectionObserver(
        (entries) => {
          if (!entries.some((e) => e.isIntersecting)) return;
          observer.disconnect();
          trainOnce();
        },
        { rootMargin: "200px 0px" }
      );
      observer.observe(root);
    } else {
      trainOnce();
    }
    await api.ready();
    if (!training) status.textContent = "The network is trained when you reach this pad.";
  }

  window.nndWidgets.register("digit", init);
})();
