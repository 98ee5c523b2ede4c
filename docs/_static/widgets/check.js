// An exercise with a Check button: the learner writes one function, Python says what is right.
//
// <div data-nnd-widget="check" data-exercise="NAME"></div> becomes the task, an editor holding the
// start of the function (data-nnd-readout="code"), Check and Start again buttons
// (data-nnd-action="check" | "reset") and the verdict (data-nnd-readout="verdict"): what is right,
// what is not, and the likely mistake by name. NAME is one of nnd.explore.exercises.EXERCISES;
// the checking is nnd.explore.exercises.check, run in the page's Python. The root's data-ok is
// "1" or "0" once a check has run.
(() => {
  "use strict";

  const { el } = window.nndWidgets;

  async function init(root, api) {
    const name = root.dataset.exercise || "";
    const index = Array.from(document.querySelectorAll('[data-nnd-widget="check"]')).indexOf(root);
    const key = `check-${index}`;
    root.classList.add("nnd-check");
    root.replaceChildren();

    const task = el("p", { class: "nnd-ck-task", text: "Python is starting…" });
    const code = el("textarea", {
      class: "nnd-ck-code", "data-nnd-readout": "code", spellcheck: "false", autocapitalize: "off",
      autocomplete: "off", wrap: "off", "aria-label": "your code", rows: "6",
    });
    const check = el("button", { type: "button", "data-nnd-action": "check", text: "Check" });
    const reset = el("button", { type: "button", "data-nnd-action": "reset", text: "Start again" });
    const verdict = el("pre", { class: "nnd-ck-verdict", "data-nnd-readout": "verdict", "aria-live": "polite" });
    root.append(task, code, el("div", { class: "nnd-ck-bar" }, check, reset), verdict);
    code.disabled = check.disabled = reset.disabled = true;

    let first;
    try {
      await api.ready();
      first = await api.call("nnd.explore.exercises.starter", [name], {}, `${key}-starter`);
    } catch (error) {
      task.textContent = `Python could not start here: ${error.message || error}`;
      return;
    }
    task.replaceChildren(el("strong", { text: "Check yourself: " }), first.task);
    const fit = () => {
      code.rows = Math.max(4, code.value.split("\n").length + 1);
    };
    code.value = first.starter;
    fit();
    code.addEventListener("input", fit);
    code.disabled = check.disabled = reset.disabled = false;

    check.addEventListener("click", async () => {
      const t0 = performance.now();
      check.disabled = true;
      verdict.textContent = "Checking…";
      let report;
      try {
        report = await api.call("nnd.explore.exercises.check", [name, code.value], {}, key);
      } catch (error) {
        report = { ok: false, verdict: `Python said: ${error.message || error}` };
      }
      check.disabled = false;
      if (report === null) return;
      verdict.textContent = report.verdict;
      verdict.classList.toggle("nnd-ck-right", report.ok);
      verdict.classList.toggle("nnd-ck-wrong", !report.ok);
      root.dataset.ok = report.ok ? "1" : "0";
      root.dataset.ms = String(Math.round(performance.now() - t0));
    });
    reset.addEventListener("click", () => {
      code.value = first.starter;
      fit();
      verdict.textContent = "";
      delete root.dataset.ok;
    });
    root.dataset.ready = "1";
  }

  window.nndWidgets.register("check", init);
})();
