// Search results: show page text without the TeX source of its equations. Sphinx builds
// each result's snippet from the page's HTML, where equations are still TeX (MathJax
// typesets them only in the browser); leave them out of the snippet's text.
(() => {
  "use strict";
  const patch = () => {
    if (typeof Search === "undefined" || typeof Search.htmlToText !== "function" || Search.nndPatched) return;
    const htmlToText = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll("div.math, .nnd-cell, .nnd-runner-note").forEach((el) => el.remove());
      doc.querySelectorAll("span.math").forEach((el) => el.replaceWith("…"));
      return htmlToText(doc.documentElement.outerHTML, anchor);
    };
    Search.nndPatched = true;
  };
  patch();
  document.addEventListener("DOMContentLoaded", patch);
})();
