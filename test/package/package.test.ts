// The npm package as a user gets it: the build (tools/build/build.ts) goes into a staging folder
// next to a copy of package.json and README.md, `npm pack` makes the tarball, and `npm install
// --offline <tarball>` puts it into an empty folder outside the checkout. There, with no tsx and no
// source in reach, each bin runs (`npx tciemu-riscv64 --summary demo.elf`, the system emulator up to
// OpenSBI's banner) and plain JavaScript and TypeScript (`tsc --noEmit`) import the API. The
// references are this checkout's sources run the same way (the TypeScript CLI through tsx, the
// embedding API in-process), so the package must behave exactly like the code it was built from.
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runElf } from "../../src/embed/index.ts";
import { listBins } from "../../tools/build/bins.ts";
import { build } from "../../tools/build/build.ts";
import { opensbiFirmware, repoRoot } from "../../tools/debian/paths.ts";

const ROOT = repoRoot();
const DEMO = join(ROOT, "testdata/riscv/demo.elf");
const RV64I = join(ROOT, "testdata/riscv/ext/rv64i.elf");
const TSX = join(ROOT, "node_modules/tsx/dist/esm/index.mjs");
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const NPM_TIMEOUT = 120_000;

let tmp = "";
let tarball = "";
let consumer = "";
let packed: { path: string; size: number }[] = [];

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { ...opts, encoding: "utf8", maxBuffer: 64 << 20, timeout: NPM_TIMEOUT });
  if (r.error) throw r.error;
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} failed (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** `tciemu: N guest instructions, ...` from --summary. */
const summaryInsns = (stderr: string) => Number(/tciemu: ([\d,]+) guest instructions/.exec(stderr)?.[1].replace(/,/g, "") ?? NaN);

/** An environment without the checkout in it: no NODE_OPTIONS/loader, no npm_* from `npm test`. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const k of ["PATH", "HOME", "TMPDIR", "LANG"]) if (process.env[k] !== undefined) env[k] = process.env[k];
  return env;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "tciemu-pkg-"));
  const stage = join(tmp, "stage");
  await build(ROOT, ["lib", "types", "web"], join(stage, "dist"), () => {});
  for (const f of ["package.json", "README.md"]) copyFileSync(join(ROOT, f), join(stage, f));
  // The scripts (prepare: the build) already ran above, into the staging folder.
  const pack = JSON.parse(
    ok(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", tmp], { cwd: stage, env: cleanEnv() }), "npm pack"),
  ) as { filename: string; files: { path: string; size: number }[] }[];
  tarball = join(tmp, pack[0].filename);
  packed = pack[0].files;
  consumer = join(tmp, "consumer");
  ok(run("mkdir", ["-p", consumer], { cwd: tmp }), "mkdir");
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  ok(
    run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], { cwd: consumer, env: cleanEnv() }),
    "npm install <tarball>",
  );
  copyFileSync(DEMO, join(consumer, "demo.elf"));
  copyFileSync(RV64I, join(consumer, "rv64i.elf"));
}, 180_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("npm package", () => {
  it("packs compiled JavaScript, declarations and the web worker; no TypeScript sources, no tools", () => {
    const paths = packed.map((f) => f.path);
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(pkg.private).toBeUndefined();
    expect(pkg.name).toBe("tciemu");
    for (const p of [
      "package.json",
      "README.md",
      "dist/lib/index.js",
      "dist/types/embed/index.d.ts",
      "dist/types/web/protocol.d.ts",
      "dist/web/worker.js",
    ])
      expect(paths).toContain(p);
    for (const b of listBins(ROOT)) expect(paths).toContain(b.output);
    expect(paths.filter((p) => /\.ts$/.test(p) && !p.endsWith(".d.ts"))).toEqual([]);
    expect(paths.filter((p) => /^(src|tools|test|testdata)\//.test(p) || p.endsWith(".map"))).toEqual([]);
    const size = packed.reduce((n, f) => n + f.size, 0);
    console.log(`npm pack: ${paths.length} files, ${(size / 1024).toFixed(0)} KiB unpacked`);
    // The consumer folder holds nothing but the package: no tsx, no TypeScript, no checkout.
    expect(existsSync(join(consumer, "node_modules/tsx"))).toBe(false);
    expect(existsSync(join(consumer, "node_modules/typescript"))).toBe(false);
  });

  it("npx tciemu-riscv64 --summary demo.elf: the same output and instruction count as the TypeScript CLI", () => {
    const env = cleanEnv();
    const installed = run("npx", ["--no-install", "tciemu-riscv64", "--summary", "demo.elf"], { cwd: consumer, env });
    const source = run(process.execPath, ["--import", TSX, join(ROOT, "src/cli/riscv64-user.ts"), "--summary", "demo.elf"], {
      cwd: consumer,
      env,
    });
    expect(installed.status).toBe(0);
    expect(source.status).toBe(0);
    expect(installed.stdout).toBe(source.stdout);
    expect(installed.stdout.trimEnd().split("\n").at(-1)).toBe("demo: all self-checks passed");
    expect(summaryInsns(installed.stderr)).toBe(summaryInsns(source.stderr));
    expect(summaryInsns(installed.stderr)).toBeGreaterThan(1e7);
  });

  it("every bin starts (-version) and reports what its source reports", () => {
    for (const b of listBins(ROOT)) {
      const installed = run("npx", ["--no-install", b.name, "-version"], { cwd: consumer, env: cleanEnv() });
      const source = run(process.execPath, ["--import", TSX, join(ROOT, b.source), "-version"], { cwd: consumer, env: cleanEnv() });
      expect(installed.status, `${b.name} -version: ${installed.stderr}`).toBe(0);
      expect(installed.stdout).toBe(source.stdout);
      expect(installed.stdout).toContain(b.name);
    }
  });

  it("npx tciemu-system-riscv64 boots Debian's OpenSBI to its banner, like the TypeScript CLI", async () => {
    const fw = opensbiFirmware("fw_dynamic", "bin");
    expect(fw, "Debian's OpenSBI is missing: run 'bash tools/debian/fetch.sh system'").toBeDefined();
    const args = ["-M", "virt", "-m", "128M", "-nographic", "-bios", fw!];
    const banner = (cmd: string, argv: string[]) =>
      new Promise<{ out: string; code: number | null }>((resolve, reject) => {
        const p = spawn(cmd, argv, { cwd: consumer, env: cleanEnv(), stdio: ["pipe", "pipe", "pipe"] });
        let out = "";
        let sent = false;
        const timer = setTimeout(() => {
          p.kill("SIGKILL");
          reject(new Error(`${cmd} ${argv.join(" ")}: no OpenSBI banner in 60 s; output:\n${out}`));
        }, 60_000);
        p.stdout.on("data", (d: Buffer) => {
          out += d.toString("latin1");
          // The logo's last line: the firmware has printed its banner; leave through Ctrl-A x.
          if (!sent && /\|_\|\s*\n/.test(out)) {
            sent = true;
            p.stdin.write("\x01x");
          }
        });
        p.stderr.on("data", (d: Buffer) => (out += d.toString("latin1")));
        p.on("exit", (code) => {
          clearTimeout(timer);
          resolve({ out: out.slice(0, out.search(/\|_\|\s*\n/) + 4), code });
        });
      });
    const installed = await banner("npx", ["--no-install", "tciemu-system-riscv64", ...args]);
    const source = await banner(process.execPath, ["--import", TSX, join(ROOT, "src/cli/system-riscv64.ts"), ...args]);
    expect(installed.out).toContain("OpenSBI v");
    expect(installed.out).toBe(source.out);
    expect(installed.code).toBe(source.code);
  }, 150_000);

  it("plain JavaScript imports the embedding API (import 'tciemu') and gets what the sources give", () => {
    const script = [
      `import { readFileSync } from "node:fs";`,
      `import { createGuest, MemFs } from "tciemu";`,
      `const fs = new MemFs();`,
      `let out = "";`,
      `const g = createGuest({ fs, deterministic: true, onStdout: (b) => (out += new TextDecoder().decode(b)) });`,
      `g.loadElf(new Uint8Array(readFileSync("rv64i.elf")), ["rv64i", "one", "two"]);`,
      `let r;`,
      `do r = g.run(1_000_000); while (r.reason === "budget");`,
      `const worker = import.meta.resolve("tciemu/worker");`,
      `const bin = import.meta.resolve("tciemu/bin/tciemu-riscv64");`,
      `console.log(JSON.stringify({ reason: r.reason, exitCode: r.exitCode, insns: g.insns, out, worker, bin }));`,
    ].join("\n");
    writeFileSync(join(consumer, "main.mjs"), script);
    const got = JSON.parse(ok(run(process.execPath, ["main.mjs"], { cwd: consumer, env: cleanEnv() }), "node main.mjs"));
    const want = runElf(new Uint8Array(readFileSync(RV64I)), ["rv64i", "one", "two"], { deterministic: true });
    expect(got).toMatchObject({ reason: "exit", exitCode: 0, insns: want.insns, out: new TextDecoder().decode(want.stdout) });
    expect(got.out.length).toBeGreaterThan(0);
    expect(got.worker).toMatch(/\/node_modules\/tciemu\/dist\/web\/worker\.js$/);
    expect(got.bin).toMatch(/\/node_modules\/tciemu\/dist\/lib\/tciemu-riscv64\.cjs$/);
  });

  it("TypeScript type-checks a program against the package's declarations (tsc --noEmit), and rejects misuse", () => {
    const tsconfig = {
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noEmit: true,
        lib: ["ES2022"],
        types: [],
      },
      files: ["main.ts"],
    };
    writeFileSync(join(consumer, "tsconfig.json"), JSON.stringify(tsconfig));
    const good = [
      `import { createGuest, MemFs, type Guest, type RunOutcome, type StopReason } from "tciemu";`,
      `import type { ToWorker, FromWorker } from "tciemu/worker";`,
      `declare const elf: Uint8Array;`,
      `const fs = new MemFs();`,
      `fs.writeFile("/in.txt", "hi\\n");`,
      `const g: Guest = createGuest({ fs, deterministic: true, onStdout: (b: Uint8Array) => void b.length });`,
      `const { entry } = g.loadElf(elf, ["prog"]);`,
      `g.addBreakpoint(entry + 4n);`,
      `const r: RunOutcome = g.run(1000);`,
      `const why: StopReason = r.reason;`,
      `const a0: bigint = g.getReg("a0");`,
      `const msg: ToWorker = { type: "start", elf: new ArrayBuffer(0), argv: ["demo"] };`,
      `const back = (m: FromWorker) => (m.type === "exit" ? m.exitCode : 0);`,
      `export { why, a0, msg, back };`,
    ].join("\n");
    writeFileSync(join(consumer, "main.ts"), good);
    const tsc = run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: consumer, env: cleanEnv() });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
    // Control: the declarations are real types, not `any`: misuse is an error.
    writeFileSync(
      join(consumer, "main.ts"),
      `import { createGuest } from "tciemu";\nconst n: number = createGuest().run("many");\nexport { n };\n`,
    );
    const bad = run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: consumer, env: cleanEnv() });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/main\.ts\(2,\d+\): error TS\d+/);
  });
});
