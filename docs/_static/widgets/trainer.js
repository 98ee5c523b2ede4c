// Live training: gradient descent or BFGS on the series' data, played, paused and stepped.
//
// <div data-nnd-widget="trainer"></div> becomes Play, Pause, Step and Reset buttons
// (data-nnd-action="play" | "pause" | "step" | "reset"), three choices (data-nnd-control="method",
// "lam", "data"), the iteration shown (data-nnd-readout="iteration"), the cost and the test cost
// (data-nnd-readout="J", "testJ"), how the run ended (data-nnd-readout="message") and three
// pictures drawn by nnd.draw: the cost so far, the network's weights and the predicted score over
// hours of sleep and study. Python (nnd.explore.trainer.frame) trains once per set-up with
// nnd.train, keeps every iteration, and draws the one asked for. The root's data-method, data-lam
// ("none" for Part 4's cost), data-data ("part6" or "part7") and data-seed choose the first set-up.
(() => {
  "use strict";

  const FN = "nnd.explore.trainer.frame";
  const TICK_MS = 80; // the least time between two frames while playing

  const { el, picture } = window.nndWidgets;

  function choice(name, label, options, value) {
    const select = el("select", { "data-nnd-control": name, "aria-label": label });
    for (const [v, text] of options) select.append(el("option", { value: v, text, selected: v === value }));
    return [select, el("label", { class: "nnd-tr-field" }, el("span", { text: label }), select)];
  }

  const cost = (v) => (v === null ? "—" : v >= 1e-3 ? v.toFixed(4) : v.toExponential(2));

  async function init(root, api) {
    const seed = Number.parseInt(root.dataset.seed || "0", 10) || 0;
    const key = `trainer-${Array.from(document.querySelectorAll('[data-nnd-widget="trainer"]')).indexOf(root)}`;
    root.classList.add("nnd-trainer");
    root.replaceChildren();

    const [method, methodField] = choice("method", "method", [["bfgs", "BFGS"], ["gd", "gradient descent"]],
      root.dataset.method || "bfgs");
    const [lam, lamField] = choice("lam", "λ", [["none", "none (Part 4's cost)"], ["0", "0"], ["0.0001", "0.0001"],
      ["0.001", "0.001"], ["0.01", "0.01"]], root.dataset.lam || "none");
    const [data, dataField] = choice("data", "data", [["part6", "3 students (Part 6)"],
      ["part7", "4 to train, 4 to test (Part 7)"]], root.dataset.data || "part6");
    const play = el("button", { type: "button", "data-nnd-action": "play", text: "▶ Play" });
    const pause = el("button", { type: "button", "data-nnd-action": "pause", text: "❚❚ Pause" });
    const step = el("button", { type: "button", "data-nnd-action": "step", text: "Step" });
    const reset = el("button", { type: "button", "data-nnd-action": "reset", text: "Reset" });
    const iteration = el("span", { "data-nnd-readout": "iteration", text: "" });
    const J = el("span", { class: "nnd-tr-number", "data-nnd-readout": "J", text: "…" });
    const testJ = el("span", { class: "nnd-tr-number", "data-nnd-readout": "testJ", text: "—" });
    const message = el("p", { class: "nnd-tr-message", "data-nnd-readout": "message", "aria-live": "polite" });
    const curve = el("div", { class: "nnd-tr-picture", "data-nnd-readout": "curve" });
    const network = el("div", { class: "nnd-tr-picture", "data-nnd-readout": "network" });
    const map = el("div", { class: "nnd-tr-picture", "data-nnd-readout": "map" });
    const status = el("p", { class: "nnd-tr-status", "aria-live": "polite", text: "Python is starting…" });
    root.append(
      el("div", { class: "nnd-tr-controls" }, methodField, lamField, dataField),
      el("div", { class: "nnd-tr-bar" }, play, pause, step, reset),
      el("p", { class: "nnd-tr-readouts" }, iteration, " · J = ", J, " · test J = ", testJ),
      message, el("div", { class: "nnd-tr-pictures" }, curve, map, network), status,
    );
    const buttons = [play, pause, step, reset];
    for (const b of buttons) b.disabled = true;

    let at = 0;
    let count = 1;
    let playing = false;

    const setup = () => [method.value, lam.value === "none" ? null : Number(lam.value), data.value, seed];

    function buttonsFor() {
      play.disabled = playing || at >= count - 1;
      pause.disabled = !playing;
      step.disabled = playing || at >= count - 1;
      reset.disabled = false;
    }

    async function show(k) {
      const t0 = performance.now();
      let f;
      try {
        f = await api.call(FN, [...setup(), k], {}, key);
      } catch (error) {
        status.textContent = `Python said: ${error.message || error}`;
        playing = false;
        buttonsFor();
        return false;
      }
      if (f === null) return false; // a newer request replaced this one
      at = f.iteration;
      count = f.count;
      iteration.textContent = `iteration ${f.iteration} of ${f.count - 1}`;
      J.textContent = cost(f.J);
      testJ.textContent = cost(f.testJ);
      message.textContent = at === count - 1 ? `Training ended: ${f.message}.` : "";
      picture(curve, f.curve);
      picture(map, f.map);
      picture(network, f.network);
      status.textContent = "";
      root.dataset.ms = String(Math.round(performance.now() - t0));
      root.dataset.iteration = String(at);
      root.dataset.count = String(count);
      buttonsFor();
      return true;
    }

    const stride = () => (method.value === "gd" ? 10 : 1);

    async function playLoop() {
      playing = true;
      buttonsFor();
      while (playing && at < count - 1) {
        const t0 = performance.now();
        if (!(await show(Math.min(at + stride(), count - 1)))) break;
        const rest = TICK_MS - (performance.now() - t0);
        if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
      }
      playing = false;
      buttonsFor();
    }

    play.addEventListener("click", () => playing || playLoop());
    pause.addEventListener("click", () => {
      playing = false;
      buttonsFor();
    });
    step.addEventListener("click", () => !playing && show(at + 1));
    reset.addEventListener("click", () => {
      playing = false;
      show(0);
    });
    for (const control of [method, lam, data]) {
      control.addEventListener("change", () => {
        playing = false;
        status.textContent = "Training…";
        show(0);
      });
    }

    try {
      await api.ready();
    } catch (error) {
      status.textContent = `Python could not start here: ${error.message || error}`;
      return;
    }
    await show(0);
    root.dataset.ready = "1";
  }

  window.nndWidgets.register("trainer", init);
})();
