// Debian trixie's unmodified riscv64 kernel mounts a host directory over virtio-9p on tciemu's virt
// board (`mount -t 9p -o trans=virtio,version=9p2000.L`, modules 9p/9pnet/9pnet_virtio/netfs from
// Debian's package in our initramfs) and moves files both ways:
//   1. a host tree (sizes around page and msize boundaries, UTF-8 names, a symlink, hard links)
//      is copied into the guest's tmpfs; the guest's sha256sum of every file must equal the host's;
//   2. that copy goes back into the share; the host compares it byte for byte with the original;
//   3. a tree the guest generates (random data, a symlink) is copied out; the host's sha256 of every
//      file must equal the guest's;
//   4. everyday operations through the mount (mv, rm -r, chmod, ln, truncate, df) show on the host;
//   5. the guest writes a file larger than 100 MB (101 blocks: a header line and a 1 MiB random
//      block from the host); the host checks its size and sha256 against the same construction.
// Virtual time (-icount shift=0) keeps the run deterministic. The kernel log must stay clean.
// Wall time on a quiet 2-core machine is printed per phase (see the report in src/hw/README.md).
import { createHash } from "node:crypto";
import {
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { HostDirFs } from "../../src/cli/host-dir-fs.ts";
import { VirtBoard } from "../../src/hw/virt.ts";
import { SeededRandom } from "../../src/hw/virtio-rng.ts";
import { opensbiFirmware, systemBusybox, systemKernel } from "../../tools/debian/paths.ts";
import { NINEP_MODULES, TEST_PROMPT, TEST_RC_PREFIX, buildInitramfs } from "../../tools/system/initramfs.ts";
import { defaultModulesDir } from "../../tools/system/make-initramfs.ts";

/** Blocks of the big file (each: a 15-byte header line + 1 MiB), so it is > 100 MiB. Env override for quick runs. */
const BIG_BLOCKS = Number(process.env["TCIEMU_9P_BIG_BLOCKS"] ?? 101);

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`${what} missing: run 'bash tools/debian/fetch.sh system'`);
  return v;
}

const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");
const share = mkdtempSync(join(tmpdir(), "tciemu-9p-boot-"));
afterAll(() => rmSync(share, { recursive: true, force: true }));

function random(rng: SeededRandom, n: number): Uint8Array {
  const b = new Uint8Array(n);
  rng.fill(b);
  return b;
}

/** Relative path -> sha256 of every regular file below `dir` (the host's reference). */
function hostHashes(dir: string, rel = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) for (const [k, v] of hostHashes(dir, p)) out.set(k, v);
    else if (e.isFile()) out.set(p, sha256(readFileSync(join(dir, p))));
  }
  return out;
}

/** `sha256sum` output (HASH  ./path lines) as a map. */
function parseSums(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]{64}) {2}\.\/(.*)$/.exec(line.replace(/\r$/, ""));
    if (m) out.set(m[2], m[1]);
  }
  return out;
}

test("Debian's kernel mounts a virtio-9p share; trees move both ways; a > 100 MB file written by the guest", { timeout: 1_200_000 }, () => {
  const kernel = need(systemKernel(), "Debian kernel");
  const bios = need(opensbiFirmware("fw_dynamic", "bin"), "OpenSBI");
  const busybox = need(systemBusybox(), "busybox-static");
  const modulesDir = need(defaultModulesDir(), "Debian kernel modules");
  const t0 = performance.now();
  const phases: string[] = [];
  let tPhase = t0;
  const phase = (name: string, insns: number) => {
    const now = performance.now();
    phases.push(`${name}: ${((now - tPhase) / 1000).toFixed(1)} s, ${(insns / 1e6).toFixed(0)} M insns`);
    if (process.env["TCIEMU_9P_VERBOSE"]) process.stderr.write(phases[phases.length - 1] + "\n");
    tPhase = now;
  };

  // ---- the host's tree
  const rng = new SeededRandom(0x9f5eed);
  const src = join(share, "from-host");
  mkdirSync(join(src, "a/b/c"), { recursive: true });
  mkdirSync(join(src, "empty"));
  const sizes = [0, 1, 4095, 4096, 4097, 65539, 131049, 131072, 300001, 524_301];
  sizes.forEach((n, i) => writeFileSync(join(src, i % 2 ? "a/b" : "a", `f${i}-${n}.bin`), random(rng, n)));
  writeFileSync(join(src, "a/b/c/deep.txt"), "deep\n");
  writeFileSync(join(src, "Grüße und ñ.txt"), "utf-8 name\n");
  writeFileSync(join(src, "name with spaces"), "spaces\n");
  symlinkSync("a/b/c/deep.txt", join(src, "link-to-deep"));
  writeFileSync(join(src, "hard1"), random(rng, 5000));
  linkSync(join(src, "hard1"), join(src, "hard2"));
  const seed = random(rng, 1 << 20);
  writeFileSync(join(share, "seed.bin"), seed);
  const srcHashes = hostHashes(src);

  // ---- boot
  const initrd = buildInitramfs({ busybox, modules: NINEP_MODULES, modulesDir }).gz;
  let out = "";
  const dec = new TextDecoder();
  const board = new VirtBoard({
    ramBytes: 256 << 20,
    bios: new Uint8Array(readFileSync(bios)),
    kernel: new Uint8Array(readFileSync(kernel)),
    initrd,
    append: "console=ttyS0 tciemu.test=1",
    shares: [{ tag: "hostshare", fs: new HostDirFs(share) }],
    serialOut: (b) => (out += dec.decode(b, { stream: true })),
    icountShift: 0,
  });
  const m = board.machine;
  const waitFor = (pattern: string, from: number, maxInsns = 6e9): number => {
    const end = m.insns + maxInsns;
    for (;;) {
      const i = out.indexOf(pattern, from);
      if (i >= 0) return i + pattern.length;
      if (m.insns > end) throw new Error(`timed out waiting for ${JSON.stringify(pattern)}; console tail:\n${out.slice(-3000)}`);
      if (m.run(4_000_000) === "exit")
        throw new Error(`machine stopped waiting for ${JSON.stringify(pattern)}; console tail:\n${out.slice(-3000)}`);
    }
  };
  let pos = waitFor(TEST_PROMPT, 0);
  phase("boot to the test shell (with the 9p modules)", m.insns);
  const run = (cmd: string): string => {
    const i0 = m.insns;
    board.input(new TextEncoder().encode(cmd + "\n"));
    const start = pos;
    const rcAt = waitFor(TEST_RC_PREFIX, start);
    const nl = out.indexOf("\n", rcAt);
    const rc = Number(out.slice(rcAt, nl >= 0 ? nl : undefined));
    const text = out.slice(start, rcAt - TEST_RC_PREFIX.length).replace(/\r/g, "");
    pos = waitFor(TEST_PROMPT, rcAt);
    if (rc !== 0) throw new Error(`'${cmd}' failed with status ${rc}:\n${text}`);
    phase(cmd.length > 60 ? cmd.slice(0, 57) + "..." : cmd, m.insns - i0);
    return text;
  };

  run("mkdir -p /mnt && mount -t 9p -o trans=virtio,version=9p2000.L hostshare /mnt");
  expect(run("grep 9p /proc/mounts")).toMatch(/^hostshare \/mnt 9p .*trans=virtio/m);

  // 1. host -> guest
  run("cp -R /mnt/from-host /tmp/in");
  const inSums = parseSums(run("(cd /tmp/in && find . -type f -exec sha256sum {} +)"));
  expect(inSums).toEqual(srcHashes);
  expect(run("readlink /tmp/in/link-to-deep").trim()).toBe("a/b/c/deep.txt");
  const links = run("stat -c '%h %i' /mnt/from-host/hard1 /mnt/from-host/hard2").trim().split("\n");
  expect(links[0]).toBe(links[1]);
  expect(links[0].split(" ")[0]).toBe("2");
  // Linux's v9fs_qid2ino: the guest's inode number is the qid path (the host's inode) + 2
  expect(Number(links[0].split(" ")[1])).toBe(Number(lstatSync(join(src, "hard1")).ino) + 2);

  // 2. guest -> host: the copy goes back, compared on the host
  run("cp -R /tmp/in /mnt/back");
  expect(hostHashes(join(share, "back"))).toEqual(srcHashes);
  expect(readlinkSync(join(share, "back/link-to-deep"))).toBe("a/b/c/deep.txt");
  expect(lstatSync(join(share, "back/empty")).isDirectory()).toBe(true);

  // 3. a tree made in the guest
  run(
    "mkdir -p /tmp/gen/x/y && dd if=/dev/urandom of=/tmp/gen/r1 bs=1k count=77 2>/dev/null && " +
      "dd if=/dev/urandom of=/tmp/gen/x/r2 bs=1k count=300 2>/dev/null && echo text > /tmp/gen/x/y/t && " +
      "ln -s ../r1 /tmp/gen/x/sl && cp /bin/busybox /tmp/gen/bb",
  );
  // (bb is compared with the host's busybox directly: hashing 2 MB in the guest costs 1.7e8 instructions)
  const genSums = parseSums(run("(cd /tmp/gen && find . -type f ! -name bb -exec sha256sum {} +)"));
  expect(genSums.size).toBe(3);
  run("cp -R /tmp/gen /mnt/to-host");
  const outHashes = hostHashes(join(share, "to-host"));
  outHashes.delete("bb");
  expect(outHashes).toEqual(genSums);
  expect(readlinkSync(join(share, "to-host/x/sl"))).toBe("../r1");
  expect(sha256(readFileSync(join(share, "to-host/bb")))).toBe(sha256(readFileSync(busybox)));

  // 4. everyday operations
  run(
    "(cd /mnt && mv to-host/x/y/t to-host/moved && rm -r to-host/x && chmod 600 to-host/moved && " +
      "ln to-host/moved to-host/moved2 && ln -s moved to-host/sym && truncate -s 3 to-host/r1 && mkdir -m 700 to-host/d)",
  );
  expect(readdirSync(join(share, "to-host")).sort()).toEqual(["bb", "d", "moved", "moved2", "r1", "sym"]);
  expect(lstatSync(join(share, "to-host/moved")).mode & 0o777).toBe(0o600);
  expect(lstatSync(join(share, "to-host/d")).mode & 0o777).toBe(0o700);
  expect(lstatSync(join(share, "to-host/moved")).ino).toBe(lstatSync(join(share, "to-host/moved2")).ino);
  expect(lstatSync(join(share, "to-host/r1")).size).toBe(3);
  expect(run("df /mnt")).toMatch(/hostshare/);

  // 5. a file larger than 100 MB written by the guest
  run(
    "cp /mnt/seed.bin /tmp/seed && i=0; while [ $i -lt " +
      BIG_BLOCKS +
      " ]; do printf 'block %08d\\n' $i; dd if=/tmp/seed bs=1M 2>/dev/null; i=$((i+1)); done > /mnt/big.bin",
  );
  const expected = createHash("sha256");
  for (let i = 0; i < BIG_BLOCKS; i++) expected.update(`block ${String(i).padStart(8, "0")}\n`).update(seed);
  const bigSize = BIG_BLOCKS * (15 + (1 << 20));
  expect(run("stat -c %s /mnt/big.bin").trim()).toBe(String(bigSize));
  expect(lstatSync(join(share, "big.bin")).size).toBe(bigSize);
  expect(
    createHash("sha256")
      .update(readFileSync(join(share, "big.bin")))
      .digest("hex"),
  ).toBe(expected.digest("hex"));

  run("umount /mnt");
  board.input(new TextEncoder().encode("poweroff -f\n"));
  for (let i = 0; i < 500 && !board.exit; i++) m.run(2_000_000);
  expect(board.exit?.kind).toBe("poweroff");
  const bad = out.split("\n").filter((l) => /\bOops\b|\bBUG:|WARNING:|Call Trace|Kernel panic|segfault/.test(l));
  expect(bad).toEqual([]);
  console.log(
    `9p boot test: ${(m.insns / 1e6).toFixed(0)} M instructions, ${((performance.now() - t0) / 1000).toFixed(1)} s wall\n  ` +
      phases.join("\n  "),
  );
});
