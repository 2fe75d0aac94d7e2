// Network bench: TCP into and out of the booted guest (Debian's kernel, our initramfs, busybox nc),
// tciemu (virtio-net + the TypeScript NAT, in this process) next to qemu-system-riscv64 -netdev user
// (slirp) on the same kernel and initramfs, in the same run.
//
//   into the guest: busybox wget -O /dev/null from an HTTP server on the host (through the gateway)
//   out of the guest: the host fetches a tmpfs file made beforehand from busybox httpd (sendfile)
//   through hostfwd
// (busybox nc reads and writes 1 KiB per call: it measures the guest's syscalls, not TCP)
//
// Times are host wall clock around the transfer. Standalone:
//   npx tsx tools/bench/net.ts [--mb N]
import { createServer as createHttpServer, get as httpGet } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { defaultModulesDir } from "../system/make-initramfs.ts";
import { systemBusybox } from "../debian/paths.ts";
import { buildInitramfs, NET_MODULES } from "../system/initramfs.ts";
import type { GuestShell } from "../system/guest-shell.ts";
import { startQemuGuest } from "../system/qemu-guest.ts";
import { startTciemuGuest } from "../system/tciemu-guest.ts";
import { userNetConfig } from "../../src/net/user-net-config.ts";

export interface NetBenchRow {
  emulator: string;
  /** MB/s (10^6 bytes per second), or null when it failed. */
  into: number | null;
  out: number | null;
  error?: string;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const p = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return p;
}

/** Runs both directions on a booted guest whose port 8081 is forwarded from host port `fwd`. */
async function measure(g: GuestShell, fwd: number, mb: number): Promise<{ into: number; out: number }> {
  const bytes = mb << 20;
  const dhcp = await g.run("udhcpc -i eth0 -q -n -t 5 -T 3 >/dev/null 2>&1");
  if (dhcp.rc !== 0) throw new Error("udhcpc failed");
  // into the guest: wget from a host HTTP server
  const body = new Uint8Array(bytes);
  const server = createHttpServer((_req, res) => res.end(body));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const t0 = performance.now();
  const w = await g.run(`wget -q -O /dev/null http://10.0.2.2:${(server.address() as AddressInfo).port}/data`);
  const into = bytes / 1e6 / ((performance.now() - t0) / 1000);
  server.close();
  if (w.rc !== 0) throw new Error(`wget failed: ${w.text}`);
  // out of the guest
  await g.run(`dd if=/dev/zero of=/tmp/f bs=1M count=${mb} 2>/dev/null && httpd -p 8081 -h /tmp`);
  const t1 = performance.now();
  const got = await new Promise<number>((resolve, reject) =>
    httpGet(`http://127.0.0.1:${fwd}/f`, (res) => {
      let n = 0;
      res.on("data", (d: Buffer) => (n += d.length));
      res.on("end", () => resolve(n));
      res.on("error", reject);
    }).on("error", reject),
  );
  if (got !== bytes) throw new Error(`guest sent ${got} of ${bytes} bytes`);
  const out = bytes / 1e6 / ((performance.now() - t1) / 1000);
  return { into, out };
}

export async function runNetBench(opts: { mb: number; log: (s: string) => void }): Promise<NetBenchRow[]> {
  const busybox = systemBusybox();
  const modulesDir = defaultModulesDir();
  if (!busybox || !modulesDir) throw new Error("missing: run 'bash tools/debian/fetch.sh system'");
  const initrd = buildInitramfs({ busybox, modules: NET_MODULES, modulesDir }).gz;
  const rows: NetBenchRow[] = [];
  const one = async (emulator: string, start: (fwd: number) => Promise<GuestShell>) => {
    const fwd = await freePort();
    let g: GuestShell | null = null;
    try {
      opts.log(`${emulator}: booting`);
      g = await start(fwd);
      const m = await measure(g, fwd, opts.mb);
      rows.push({ emulator, ...m });
      opts.log(`${emulator}: into ${m.into.toFixed(2)} MB/s, out ${m.out.toFixed(2)} MB/s`);
    } catch (e) {
      rows.push({ emulator, into: null, out: null, error: (e as Error).message.split("\n")[0] });
      opts.log(`${emulator}: ${(e as Error).message.split("\n")[0]}`);
    } finally {
      await g?.close();
    }
  };
  // host port `fwd` -> the guest's httpd on 8081
  await one("tciemu (Node)", (fwd) =>
    startTciemuGuest({ initrd, memMiB: 512, nets: [userNetConfig([["hostfwd", `tcp:127.0.0.1:${fwd}-:8081`]])] }),
  );
  await one("qemu-system-riscv64 (JIT, slirp)", (fwd) =>
    startQemuGuest({ initrd, memMiB: 512, netdev: `hostfwd=tcp:127.0.0.1:${fwd}-:8081` }),
  );
  return rows;
}

export function formatNetTable(rows: NetBenchRow[], mb: number): string {
  const f = (v: number | null) => (v === null ? "n/a" : v.toFixed(2));
  const lines = [`| emulator (${mb} MiB each way) | into the guest MB/s | out of the guest MB/s |`, "|---|---:|---:|"];
  for (const r of rows) lines.push(`| ${r.emulator} | ${f(r.into)} | ${f(r.out)} |${r.error ? ` ${r.error}` : ""}`);
  const [t, q] = rows;
  if (t?.into && q?.into && t.out && q.out)
    lines.push(`\ntciemu/QEMU: into ${(t.into / q.into).toFixed(2)}x, out ${(t.out / q.out).toFixed(2)}x`);
  return lines.join("\n");
}

if (process.argv[1] !== undefined && /tools\/bench\/net\.ts$/.test(process.argv[1])) {
  const i = process.argv.indexOf("--mb");
  const mb = i >= 0 ? Number(process.argv[i + 1]) : 32;
  const rows = await runNetBench({ mb, log: (s) => process.stdout.write(`  ${s}\n`) });
  process.stdout.write(formatNetTable(rows, mb) + "\n");
}
