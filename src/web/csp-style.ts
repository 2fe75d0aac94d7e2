// xterm.js 6's DOM renderer puts its theme and dimension rules into <style> elements it creates and
// fills with textContent. Under `style-src 'self'` (no 'unsafe-inline') the browser refuses those
// (a CSP violation each time), and the terminal renders without them. The build
// (tools/web/build.ts) rewrites xterm's three `document.createElement("style")` calls to call
// cspStyleElement() instead: it returns a real, inert element (a <template>, so appendChild and
// remove() work) whose textContent goes into a constructed stylesheet adopted by the document.
// Constructed stylesheets are CSSOM, which CSP does not restrict; this is the approach of xterm.js
// PR #4611. Nothing is evaluated and no inline style is created.
export function cspStyleElement(doc: Document): HTMLElement {
  const el = doc.createElement("template");
  const sheet = new CSSStyleSheet();
  let text = "";
  let adopted = false;
  const adopt = () => {
    if (!adopted) {
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      adopted = true;
    }
  };
  Object.defineProperty(el, "textContent", {
    configurable: true,
    get: () => text,
    set: (v: string | null) => {
      text = v ?? "";
      sheet.replaceSync(text);
      adopt();
    },
  });
  const remove = el.remove.bind(el);
  el.remove = () => {
    remove();
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    adopted = false;
  };
  return el;
}
