// The backprop stepper: one forward and backward pass of the series' 2-3-1 network, a step at a time.
//
// <div data-nnd-widget="stepper"></div> becomes Back, Step and Reset buttons
// (data-nnd-action="back" | "step" | "reset"), the name of the step shown (data-nnd-readout="step"),
// its equation, the line of nnd/backprop.py that computes it (data-nnd-readout="line") and its
// value with its shape (data-nnd-readout="value", "shape"). Every step is computed by Python
// (nnd.explore.stepper.step) from the same starting weights, so Back and Reset show the same
// numbers again. data-seed on the root chooses the weights (nnd.Network(seed=...)), 0 by default.
(() => {
  "use strict";

  const FN = "nnd.explore.stepper.step";

  const { el } = window.nndWidgets;

  function number(v) {
    return Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(2);
  }

  function matrix(value) {
    if (typeof value === "number") return el("p", { class: "nnd-st-scalar", text: number(value) });
    const table = el("table", { class: "nnd-st-matrix" });
    for (const row of value) table.append(el("tr", {}, ...row.map((v) => el("td", { text: number(v) }))));
    return table;
  }

  async function init(root, api) {
    const seed = Number.parseInt(root.dataset.seed || "0", 10) || 0;
    const key = `stepper-${Array.from(document.querySelectorAll('[data-nnd-widget="stepper"]')).indexOf(root)}`;
    root.classList.add("nnd-stepper");
    root.replaceChildren();

    const back = el("button", { type: "button", "data-nnd-action": "back", text: "◀ Back" });
    const next = el("button", { type: "button", "data-nnd-action": "step", text: "Step ▶" });
    const reset = el("button", { type: "button", "data-nnd-action": "reset", text: "Reset" });
    const name = el("span", { class: "nnd-st-name", "data-nnd-readout": "step", "aria-live": "polite", text: "" });
    const counter = el("span", { class: "nnd-st-counter", text: "" });
    const equation = el("div", { class: "nnd-st-equation" });
    const line = el("pre", { class: "nnd-st-line", "data-nnd-readout": "line" });
    const shape = el("p", { class: "nnd-st-shape", "data-nnd-readout": "shape" });
    const value = el("div", { class: "nnd-st-value", "data-nnd-readout": "value" });
    const status = el("p", { class: "nnd-st-status", "aria-live": "polite", text: "Python is starting…" });
    root.append(
      el("div", { class: "nnd-st-bar" }, back, next, reset, el("span", { class: "nnd-st-title" }, name, counter)),
      equation, line, shape, value, status,
    );
    for (const b of [back, next, reset]) b.disabled = true;

    let index = 0;
    let count = 9;

    async function show(i) {
      const t0 = performance.now();
      let s;
      try {
        s = await api.call(FN, [i], { seed }, key);
      } catch (error) {
        status.textContent = `Python said: ${error.message || error}`;
        return;
      }
      if (s === null) return; // a newer click replaced this one
      index = s.index;
      count = s.count;
      name.textContent = s.name;
      counter.textContent = ` (step ${s.index + 1} of ${s.count})`;
      equation.textContent = `\\[${s.equation}\\]`;
      const when = s.line.when ? `   # here ${s.line.when}` : "";
      line.textContent = `nnd/backprop.py, line ${s.line.number}:\n    ${s.line.text}${when}`;
      shape.textContent = s.shape.length ? `${s.name}: shape (${s.shape.join(", ")})` : `${s.name}: a number`;
      value.replaceChildren(matrix(s.value));
      back.disabled = index === 0;
      next.disabled = index === count - 1;
      reset.disabled = false;
      status.textContent = "";
      root.dataset.ms = String(Math.round(performance.now() - t0));
      root.dataset.index = String(index);
      if (window.MathJax && window.MathJax.typesetPromise) {
        try {
          await window.MathJax.typesetPromise([equation]);
        } catch (_) {
          /* the TeX stays readable as text */
        }
      }
    }

    back.addEventListener("click", () => index > 0 && show(index - 1));
    next.addEventListener("click", () => index < count - 1 && show(index + 1));
    reset.addEventListener("click", () => show(0));

    try {
      await api.ready();
    } catch (error) {
      status.textContent = `Python could not start here: ${error.message || error}`;
      return;
    }
    await show(0);
    root.dataset.ready = "1";
  }

  window.nndWidgets.register("stepper", init);
})();
