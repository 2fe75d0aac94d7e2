// A tiny static file server for the built page (dist/web), on 127.0.0.1. Every response, errors
// included, carries the strict Content-Security-Policy below. With `system` files (the command line
// loads them from the cache, see system-files.ts) it also serves /system/kernel,
// /system/initrd.cpio.gz and /system/fw_dynamic.bin for the page's "Boot Debian" button (404 for
// any that are missing).
//
//   npx tsx tools/web/serve.ts [root] [--port N] [--net-allow RULE]...   (npm run web: build, then serve on :8080)
//
// It also serves the Wisp relay (wisp-server.ts) at /wisp/ for the page's guest network; it opens
// only what --net-allow rules allow (src/net/net-policy.ts syntax), nothing by default.
import { createReadStream, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_OUT } from "./build.ts";
import { DENY_ALL, RulePolicy, type NetPolicy } from "../../src/net/net-policy.ts";
import { attachWisp, type WispStats } from "./wisp-server.ts";
import { ARM_SYSTEM_URLS, loadSystemFiles, SYSTEM_MANIFEST, SYSTEM_URLS, type SystemFiles } from "./system-files.ts";

export const CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
  ".elf": "application/octet-stream",
};

export interface StaticServer {
  server: Server;
  url: string;
  /** The relay's statistics, when it serves one. */
  wisp?: WispStats;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Linux boot files served under /system/. */
  system?: SystemFiles;
  /** The Wisp relay at /wisp/ (the page's guest network): what it may open. Without it: no relay. */
  wisp?: NetPolicy;
}

/** Serves `root` on 127.0.0.1:port (0: any free port). */
export function serveStatic(root: string, port = 0, opts: ServeOptions = {}): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    res.setHeader("Content-Security-Policy", CSP);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cache-Control", "no-store");
    const fail = (code: number, msg: string) => {
      res.writeHead(code, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(msg);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return fail(405, "method not allowed\n");
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      return fail(400, "bad request\n");
    }
    if (path.startsWith("/system/")) {
      const sys = opts.system ?? {};
      if (path === SYSTEM_MANIFEST) {
        // Always there (so the page's probe never logs a 404): which boot files this server has.
        const body = JSON.stringify({
          sysroot: sys.sysroot !== undefined,
          kernel: sys.kernel !== undefined,
          initrd: sys.initrd !== undefined,
          firmware: sys.firmware !== undefined,
          armKernel: sys.armKernel !== undefined,
          armInitrd: sys.armInitrd !== undefined,
        });
        res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
        return res.end(req.method === "HEAD" ? undefined : body);
      }
      const src: string | Uint8Array | undefined =
        path === SYSTEM_URLS.sysroot
          ? sys.sysroot
          : path === SYSTEM_URLS.kernel
            ? sys.kernel
            : path === SYSTEM_URLS.initrd
              ? sys.initrd
              : path === SYSTEM_URLS.firmware
                ? sys.firmware
                : path === ARM_SYSTEM_URLS.armKernel
                  ? sys.armKernel
                  : path === ARM_SYSTEM_URLS.armInitrd
                    ? sys.armInitrd
                    : undefined;
      if (src === undefined) return fail(404, "not found\n");
      if (typeof src !== "string") {
        res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": src.length });
        return res.end(req.method === "HEAD" ? undefined : src);
      }
      let size: number;
      try {
        size = statSync(src).size;
      } catch {
        return fail(404, "not found\n");
      }
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": size });
      if (req.method === "HEAD") return res.end();
      return void createReadStream(src).pipe(res);
    }
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return fail(403, "forbidden\n");
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) return fail(404, "not found\n");
      size = st.size;
    } catch {
      return fail(404, "not found\n");
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Length": size });
    if (req.method === "HEAD") return res.end();
    createReadStream(file).pipe(res);
  });
  const wisp = opts.wisp ? attachWisp(server, { policy: opts.wisp }) : undefined;
  return new Promise((ok, ko) => {
    server.once("error", ko);
    server.listen(port, "127.0.0.1", () => {
      const addr = server.address();
      const p = typeof addr === "object" && addr ? addr.port : port;
      ok({ server, url: `http://127.0.0.1:${p}/`, wisp, close: () => new Promise((c) => server.close(() => c())) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const pi = args.indexOf("--port");
  const port = pi >= 0 ? Number(args.splice(pi, 2)[1]) : Number(process.env.PORT ?? 8080);
  // --net-allow RULE (repeatable): what the Wisp relay may open for the page's guest (nothing without).
  const rules: string[] = [];
  for (let i = args.indexOf("--net-allow"); i >= 0; i = args.indexOf("--net-allow")) rules.push(...args.splice(i, 2).slice(1));
  const root = args[0] ? resolve(args[0]) : DEFAULT_OUT;
  const system = loadSystemFiles();
  const s = await serveStatic(root, port, { system, wisp: rules.length ? new RulePolicy(rules) : DENY_ALL });
  console.log(`Wisp relay at ${s.url}wisp/, allowing ${rules.length ? rules.join(" ") : "nothing (add --net-allow PROTO:HOST:PORTS)"}`);
  console.log(`serving ${root} at ${s.url} (Content-Security-Policy: ${CSP})`);
  const have = (["kernel", "initrd", "firmware"] as (keyof SystemFiles)[]).filter((k) => system[k] !== undefined);
  console.log(
    system.sysroot
      ? `Debian riscv64 userland: ${SYSTEM_URLS.sysroot} ("Debian shell (from server)" on the page)`
      : "Debian riscv64 userland: none (run 'bash tools/debian/fetch.sh userland')",
  );
  console.log(
    have.length === 3
      ? `Linux boot files: ${Object.values(SYSTEM_URLS).join(", ")} ("Boot Debian (from server)" on the page)`
      : `Linux boot files: ${have.length ? have.join(", ") : "none"} (run 'bash tools/debian/fetch.sh system' for Debian's kernel, OpenSBI and busybox)`,
  );
  console.log(
    system.armKernel && system.armInitrd
      ? `ARM boot files: ${Object.values(ARM_SYSTEM_URLS).join(", ")} ("Boot Debian" with the machine "arm virt" on the page)`
      : "ARM boot files: none (run 'bash tools/debian/fetch.sh system-arm' for Debian's armmp kernel and armhf busybox)",
  );
}
