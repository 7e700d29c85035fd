// Storyline pages: show the evidence behind a highlighted mark. Builds DOM from inert <template>s
// rendered (and escaped) by the server; never uses innerHTML, so page content cannot run.
"use strict";

(function () {
  const panel = document.getElementById("evidence-panel");
  const body = document.getElementById("evidence-body");
  if (!panel || !body) return;
  let active = [];

  function show(refs) {
    const found = refs.map((ref) => document.getElementById("ev-" + ref)).filter(Boolean);
    if (!found.length) return;
    body.replaceChildren(...found.map((tpl) => tpl.content.cloneNode(true)));
    active.forEach((el) => el.classList.remove("active"));
    active = refs.flatMap((ref) => Array.from(document.querySelectorAll("#annotated-text [data-refs]"))
      .filter((el) => el.dataset.refs.split(" ").includes(ref)));
    active.forEach((el) => el.classList.add("active"));
    panel.classList.add("open");
  }

  function refsOf(target) {
    const el = target.closest("[data-refs]");
    if (!el) return null;
    // The most specific mark first: a name or a time inside a quote before the quote itself.
    const order = { t: 0, e: 1, v: 2, q: 3 };
    return el.dataset.refs.split(" ").sort((a, b) => order[a[0]] - order[b[0]]);
  }

  // A link such as /articles/ID#q3 (from a quote list) opens with that quote's evidence shown.
  const linked = /^#([qetv]\d+)$/.exec(location.hash);
  if (linked) {
    show([linked[1]]);
    if (active.length) active[0].scrollIntoView({ block: "center" });
  }

  document.addEventListener("click", (event) => {
    if (event.target.closest(".evidence-panel .close")) {
      panel.classList.remove("open");
      return;
    }
    const refs = refsOf(event.target);
    if (refs) show(refs);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") panel.classList.remove("open");
    if (event.key !== "Enter" && event.key !== " ") return;
    const refs = refsOf(event.target);
    if (refs) {
      event.preventDefault();
      show(refs);
    }
  });
})();
