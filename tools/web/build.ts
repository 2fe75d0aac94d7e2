// Builds the web page into a static folder (default dist/web/):
//
//   npx tsx tools/web/build.ts [outdir]
//
// esbuild bundles src/web/main.ts -> app.js (page) and src/web/worker.ts -> worker.js (module
// worker), copies index.html, app.css, favicon.svg, xterm.js's CSS and the demo guest
// (testdata/riscv/demo.elf), and writes system/index.json saying there are no Linux boot files
// (tools/web/serve.ts answers that path with what it has). xterm.js 6 is patched on the way in so
// that it runs under `style-src 'self'` (see src/web/csp-style.ts): its three <style> elements become constructed
// stylesheets and its one style-attribute write becomes a CSSOM write. The patch checks that it
// found exactly what it expects, so an xterm.js upgrade that changes them fails the build instead
// of silently producing CSP violations.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_OUT = join(ROOT, "dist/web");

const xtermCspPlugin: esbuild.Plugin = {
  name: "xterm-csp",
  setup(build) {
    build.onLoad({ filter: /@xterm[\\/]xterm[\\/]lib[\\/]xterm\.mjs$/ }, (args) => {
      let src = readFileSync(args.path, "utf8");
      let styles = 0;
      src = src.replace(/([\w$.]+)\.createElement\("style"\)/g, (_m, doc: string) => {
        styles++;
        return `__tciemuCspStyle(${doc})`;
      });
      let attrs = 0;
      src = src.replace(
        /_addStyle\((\w+),(\w+)\)\{\1\.setAttribute\("style",`\$\{\1\.getAttribute\("style"\)\|\|""\}\$\{\2\};`\)\}/g,
        (_m, el: string, css: string) => {
          attrs++;
          return `_addStyle(${el},${css}){${el}.style.cssText+=${css}+";"}`;
        },
      );
      if (styles !== 3 || attrs !== 1)
        throw new Error(
          `xterm-csp: expected 3 <style> sites and 1 style attribute write in ${args.path}, found ${styles} and ${attrs} (xterm.js changed: review src/web/csp-style.ts)`,
        );
      if (/setAttribute\("style"|\.innerHTML\s*=|insertAdjacentHTML/.test(src))
        throw new Error("xterm-csp: xterm.js writes inline styles or HTML somewhere new");
      const helper = JSON.stringify(join(ROOT, "src/web/csp-style.ts"));
      return { contents: `import { cspStyleElement as __tciemuCspStyle } from ${helper};\n${src}`, loader: "js" };
    });
  },
};

export async function buildWeb(outdir = DEFAULT_OUT, opts: { minify?: boolean } = {}): Promise<{ outdir: string; files: string[] }> {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const r = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { app: "src/web/main.ts", worker: "src/web/worker.ts" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir,
    minify: opts.minify ?? true,
    sourcemap: "linked",
    legalComments: "linked",
    metafile: true,
    logLevel: "warning",
    plugins: [xtermCspPlugin],
  });
  const copies: Array<[string, string]> = [
    ["src/web/index.html", "index.html"],
    ["src/web/app.css", "app.css"],
    ["src/web/favicon.svg", "favicon.svg"],
    ["node_modules/@xterm/xterm/css/xterm.css", "xterm.css"],
    ["testdata/riscv/demo.elf", "demo.elf"],
  ];
  for (const [from, to] of copies) copyFileSync(join(ROOT, from), join(outdir, to));
  // A static host (or the extension) has no Linux boot files: say so, so that the page's probe of
  // system/index.json finds an answer instead of a 404. tools/web/serve.ts answers this path itself.
  mkdirSync(join(outdir, "system"), { recursive: true });
  writeFileSync(
    join(outdir, "system/index.json"),
    JSON.stringify({ sysroot: false, kernel: false, initrd: false, firmware: false }) + "\n",
  );
  const files = [
    ...Object.keys(r.metafile.outputs).map((f) => resolve(ROOT, f)),
    ...copies.map(([, to]) => join(outdir, to)),
    join(outdir, "system/index.json"),
  ];
  return { outdir, files };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUT;
  const t0 = performance.now();
  const { files } = await buildWeb(out);
  console.log(`built ${files.length} files into ${out} in ${Math.round(performance.now() - t0)} ms`);
}
