// Weights you move by hand: the series' 2-3-1 network, one slider per weight.
//
// <div data-nnd-widget="sliders"></div> becomes nine range inputs (data-nnd-weight="W1[0, 0]", ...,
// each from -5 to 5), the cost (data-nnd-readout="J"), yHat beside y (data-nnd-readout="yHat"), the
// first example's forward pass with the numbers plugged in (data-nnd-readout="sums"), the network
// with that example's activations and Part 3's cost curve for the weight in hand, both drawn by
// nnd.draw. Every value comes from Python (nnd.explore.sliders.frame) as a slider moves; a move
// made while Python is still busy replaces the one waiting. Reset returns to the starting weights,
// those of nnd.Network(seed=...) with data-seed on the root (0 by default). The root's
// data-weights holds the weights the numbers shown were computed with.
(() => {
  "use strict";

  const START = "nnd.explore.sliders.start";
  const FRAME = "nnd.explore.sliders.frame";

  const { el, picture } = window.nndWidgets;

  const fixed = (v, n) => v.toFixed(n).replace("-", "−");

  async function init(root, api) {
    const seed = Number.parseInt(root.dataset.seed || "0", 10) || 0;
    const key = `sliders-${Array.from(document.querySelectorAll('[data-nnd-widget="sliders"]')).indexOf(root)}`;
    root.classList.add("nnd-sliders");
    root.replaceChildren();

    const status = el("p", { class: "nnd-sl-status", "aria-live": "polite", text: "Python is starting…" });
    const grid = el("div", { class: "nnd-sl-grid" });
    const reset = el("button", { type: "button", "data-nnd-action": "reset", text: "Reset the weights" });
    const J = el("span", { class: "nnd-sl-J", "data-nnd-readout": "J", text: "…" });
    const yHat = el("table", { class: "nnd-sl-yhat", "data-nnd-readout": "yHat" });
    const sums = el("pre", { class: "nnd-sl-sums", "data-nnd-readout": "sums" });
    const network = el("div", { class: "nnd-sl-picture", "data-nnd-readout": "network" });
    const sweep = el("div", { class: "nnd-sl-picture", "data-nnd-readout": "sweep" });
    root.append(
      grid,
      el("div", { class: "nnd-sl-bar" }, reset, el("span", { class: "nnd-sl-cost" }, "cost J = ", J)),
      yHat, sums, el("div", { class: "nnd-sl-pictures" }, network, sweep), status,
    );
    reset.disabled = true;

    let weights = [];
    let first = null;
    const inputs = [];
    const shown = [];

    function show(f, t0) {
      weights = f.weights;
      root.dataset.weights = JSON.stringify(f.weights);
      J.textContent = f.J.toFixed(4);
      yHat.replaceChildren(
        el("tr", {}, el("th", { text: "" }), ...f.y.map((_, i) => el("th", { text: `example ${i + 1}` }))),
        el("tr", {}, el("th", { text: "y" }), ...f.y.map((v) => el("td", { text: v.toFixed(3) }))),
        el("tr", {}, el("th", { text: "ŷ" }), ...f.yHat.map((v) => el("td", { text: v.toFixed(3) }))),
      );
      sums.textContent = f.sums.join("\n");
      picture(network, f.network);
      picture(sweep, f.sweep);
      status.textContent = "";
      root.dataset.ms = String(Math.round(performance.now() - t0));
      root.dataset.moving = f.names[f.moving];
    }

    function setSliders(values) {
      values.forEach((v, i) => {
        inputs[i].value = String(v);
        shown[i].textContent = fixed(v, 2);
      });
    }

    async function move(i) {
      const t0 = performance.now();
      const next = weights.slice();
      next[i] = Number(inputs[i].value);
      shown[i].textContent = fixed(next[i], 2);
      let f;
      try {
        f = await api.call(FRAME, [next, i], {}, key);
      } catch (error) {
        status.textContent = `Python said: ${error.message || error}`;
        return;
      }
      if (f !== null) show(f, t0);
    }

    try {
      await api.ready();
      first = await api.call(START, [], { seed }, key);
    } catch (error) {
      status.textContent = `Python could not start here: ${error.message || error}`;
      return;
    }
    first.names.forEach((name, i) => {
      const id = `${key}-w${i}`;
      const input = el("input", {
        type: "range", id, min: "-5", max: "5", step: "0.01",
        "data-nnd-weight": name, "aria-label": `weight ${name}`,
      });
      const value = el("output", { for: id, class: "nnd-sl-value" });
      input.addEventListener("input", () => move(i));
      inputs.push(input);
      shown.push(value);
      grid.append(el("label", { class: "nnd-sl-row", for: id }, el("code", { text: name }), input, value));
    });
    setSliders(first.weights);
    show(first, performance.now());
    reset.disabled = false;
    reset.addEventListener("click", async () => {
      const t0 = performance.now();
      setSliders(first.weights);
      const f = await api.call(FRAME, [first.weights, 0], {}, key); // replaces a move still waiting
      if (f !== null) show(f, t0);
    });
    root.dataset.ready = "1";
  }

  window.nndWidgets.register("sliders", init);
})();
