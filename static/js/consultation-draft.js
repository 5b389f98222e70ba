/* Keeps consultation answers in this browser too, and puts them back after a failed submit.
   Optional: the server session holds what was sent, and the forms work without this. Set up by
   data-draft="<consultation>" with data-draft-step="<step's key>" on a step's form, "check" or
   "received". Why and how long: templates/consultations/includes/draft_notice.html */
(() => {
  if (window.pkofferDraft) return; // loaded twice (two embedded forms)
  window.pkofferDraft = true;
  const P = "pkoffer-draft:";
  const json = JSON.stringify;
  let store;
  try {
    store = localStorage;
    store.setItem(P, "");
    store.removeItem(P);
  } catch (e) {
    return; // no storage (private mode, switched off): nothing to do
  }
  const read = (key) => {
    try { return JSON.parse(store.getItem(key)) || {}; } catch (e) { return {}; }
  };
  const drafts = () => Object.keys(store).filter((key) => key.startsWith(P));
  drafts().forEach((key) => { if (!(Date.now() - read(key).t < 7 * 864e5)) store.removeItem(key); });

  const fields = (form) => [...form.elements].filter((el) => el.name && el.name !== "website"
    && !/^(hidden|submit|button|reset|file)$/.test(el.type) && !el.closest("[aria-hidden=true]"));
  const ticked = (el) => /^(radio|checkbox)$/.test(el.type);
  // {name: [values]} as the form is now, or as the server rendered it (served)
  const values = (form, served) => {
    const out = {};
    fields(form).forEach((el) => {
      const list = out[el.name] = out[el.name] || [];
      if (el.tagName === "SELECT") {
        const chosen = [...el.options].filter((o) => (served ? o.defaultSelected : o.selected));
        list.push(...(chosen.length || el.multiple ? chosen : [...el.options].slice(0, 1)).map((o) => o.value));
      } else if (!ticked(el) || (served ? el.defaultChecked : el.checked)) {
        list.push(served ? el.defaultValue : el.value);
      }
    });
    return out;
  };

  const keep = (form, key) => {
    const saved = read(key).v || {};
    const now = values(form);
    const served = values(form, true);
    // Answers the server did not render, in fields not touched yet (the script may arrive late).
    const back = Object.keys(saved).filter((name) => now[name]
      && json(now[name]) === json(served[name]) && json(now[name]) !== json(saved[name]));
    fields(form).filter((el) => back.includes(el.name)).forEach((el) => {
      const list = saved[el.name];
      if (el.tagName === "SELECT") [...el.options].forEach((o) => { o.selected = list.includes(o.value); });
      else if (ticked(el)) el.checked = list.includes(el.value);
      else el.value = list[0] || "";
    });
    const notice = form.querySelector("[data-draft-notice]");
    if (back.length && notice) notice.hidden = false;
    form.addEventListener("click", (event) => {
      if (!event.target.matches("[data-draft-clear]")) return;
      const message = form.querySelector("[data-draft-message]");
      store.removeItem(key);
      form.reset(); // back to what the server sent
      event.target.parentNode.hidden = true;
      message.textContent = message.dataset.cleared;
      message.focus();
    });
    // t: saved at; s: last sent at (a later page may then assume the server has it)
    const save = (sent) => {
      const t = Date.now();
      try {
        store.setItem(key, json({t, s: sent ? t : read(key).s, v: values(form)}));
      } catch (e) {} // storage full: the server still gets what is sent
    };
    form.addEventListener("input", () => save(false));
    form.addEventListener("change", () => save(false));
    form.addEventListener("submit", () => save(true));
  };

  // Another page of the journey reached by a link or a redirect (not Back/Forward) means steps sent
  // before reached the server: forget their drafts, unless changed since they were sent.
  const nav = performance.getEntriesByType("navigation")[0];
  const moved = !nav || nav.type !== "back_forward";
  document.querySelectorAll("[data-draft]").forEach((el) => {
    const step = el.dataset.draftStep;
    drafts().forEach((key) => {
      const [, id, s] = key.split(":");
      const draft = read(key);
      if (id === el.dataset.draft && s !== step && (step === "received" || (moved && draft.s >= draft.t))) {
        store.removeItem(key);
      }
    });
    if (el.tagName === "FORM") keep(el, P + el.dataset.draft + ":" + step);
  });
})();
