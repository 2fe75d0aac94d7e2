// The page as an unpacked Chrome Manifest V3 extension (dist/extension/): the files of dist/web
// (tools/web/build.ts) plus manifest.json and a service worker (src/web/extension-background.ts)
// whose toolbar button opens index.html. The manifest declares no content_security_policy, so the
// page and its worker run under MV3's default extension-page policy, `script-src 'self';
// object-src 'self'`: no eval, no Function, no WebAssembly (no 'wasm-unsafe-eval'). It asks for no
// permission. Load it at chrome://extensions ("Load unpacked") or with
// `chromium --load-extension=dist/extension`.
//
//   npx tsx tools/build/extension.ts [outdir]          (default dist/extension; npm run build does it)
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { buildWeb } from "../web/build.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_EXTENSION_OUT = join(ROOT, "dist/extension");

export function extensionManifest(): Record<string, unknown> {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string; description: string };
  return {
    manifest_version: 3,
    name: "tciemu",
    version: pkg.version,
    description: "RISC-V Linux programs and a whole Linux system, emulated without generating code: TCG ops -> bytecode -> interpreter",
    action: { default_title: "Open tciemu" },
    background: { service_worker: "background.js", type: "module" },
  };
}

export async function buildExtension(outdir = DEFAULT_EXTENSION_OUT): Promise<{ outdir: string; files: string[] }> {
  const web = await buildWeb(outdir);
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { background: "src/web/extension-background.ts" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    outdir,
    logLevel: "warning",
  });
  writeFileSync(join(outdir, "manifest.json"), JSON.stringify(extensionManifest(), null, 2) + "\n");
  return { outdir, files: [...web.files, join(outdir, "background.js"), join(outdir, "manifest.json")] };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_EXTENSION_OUT;
  const { files } = await buildExtension(out);
  console.log(`built ${files.length} files into ${out}`);
}
