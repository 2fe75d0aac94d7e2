// Networking in system mode with Debian's kernel and its virtio_net driver: the guest (our
// initramfs in test mode, busybox tools) gets an address with udhcpc, pings the gateway, resolves
// a name through the NAT's DNS, queries a UDP server on the host through the UDP relay, fetches a page with wget from an HTTP server this test starts on
// the host, serves a file with busybox httpd that the host fetches through hostfwd, receives with
// `nc -l` through hostfwd, and moves TRANSFER_MB both ways with matching hashes: into the guest
// with wget from the host's HTTP server, out of it with busybox httpd (sendfile) through hostfwd.
//
// The reference is qemu-system-riscv64 -netdev user (bookworm's, slirp) booting the same kernel
// and initramfs in the same test: the outputs of udhcpc, ip, resolv.conf and ping (times removed),
// wget and httpd must be the same. DNS differs by design (slirp forwards to the host's name server,
// tciemu asks the host resolver, /etc/hosts included), so it is compared with Node's dns.lookup.
//
// Size: TCIEMU_NET_TRANSFER_MB (default 8); `npm run test:net-50mb` runs the full 50 MB.
import { createHash } from "node:crypto";
import { createSocket } from "node:dgram";
import { lookup } from "node:dns/promises";
import { createServer as createHttpServer, get as httpGet } from "node:http";
import { connect, createServer, type AddressInfo } from "node:net";
import { hostname } from "node:os";
import { afterAll, describe, expect, test } from "vitest";
import { userNetConfig } from "../../src/net/user-net-config.ts";
import { defaultModulesDir } from "../../tools/system/make-initramfs.ts";
import { systemBusybox } from "../../tools/debian/paths.ts";
import { buildInitramfs, NET_MODULES } from "../../tools/system/initramfs.ts";
import type { GuestShell } from "../../tools/system/guest-shell.ts";
import { startQemuGuest } from "../../tools/system/qemu-guest.ts";
import { startTciemuGuest, type TciemuGuest } from "../../tools/system/tciemu-guest.ts";

const TRANSFER_MB = Number(process.env.TCIEMU_NET_TRANSFER_MB ?? 8);
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A port that was free a moment ago (hostfwd needs a fixed one at startup). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const p = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return p;
}

/** Deterministic pseudo-random bytes (xorshift32), so a failing size/seed can be rerun. */
function pattern(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  const w = new Uint32Array(b.buffer, 0, n >>> 2);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < w.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    w[i] = x >>> 0;
  }
  return b;
}

const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");

function httpFetch(url: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    httpGet(url, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (d: Buffer) => parts.push(d));
      res.on("end", () => resolve(new Uint8Array(Buffer.concat(parts))));
      res.on("error", reject);
    }).on("error", (e) => reject(new Error(`GET ${url}: ${e.message}`)));
  });
}

interface Setup {
  initrd: Uint8Array;
  page: Uint8Array;
  httpPort: number;
  /** A UDP DNS responder on the host (reached by the guest through the NAT's UDP relay). */
  dnsPort: number;
}

/** Answers every A query with 192.0.2.77 (a hand-built response, independent of src/net). */
function dnsResponder(msg: Buffer): Buffer | null {
  if (msg.length < 12) return null;
  let p = 12;
  while (p < msg.length && msg[p] !== 0) p += msg[p] + 1;
  const qEnd = p + 5;
  if (qEnd > msg.length) return null;
  const header = Buffer.from([msg[0], msg[1], 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
  const answer = Buffer.from([0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 77]);
  const isA = msg[p + 1] === 0 && msg[p + 2] === 1;
  return Buffer.concat([
    isA ? header : Buffer.from([msg[0], msg[1], 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0]),
    msg.subarray(12, qEnd),
    isA ? answer : Buffer.alloc(0),
  ]);
}

/** The part of the session both emulators run; returns the normalised outputs to compare. */
async function commonSession(g: GuestShell, s: Setup, fwdPort: number): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const run = async (name: string, cmd: string, timeoutMs?: number) => {
    const r = await g.run(cmd, timeoutMs);
    out[name] = `${r.text}rc=${r.rc}`;
    return r;
  };
  const dhcp = await run("udhcpc", "udhcpc -i eth0 -q -n -t 5 -T 3 2>&1 | grep -v 'broadcasting discover'");
  expect(dhcp.rc).toBe(0);
  // NO-CARRIER can still show for a moment after the link comes up (the kernel's linkwatch delay):
  // whether it does depends on how fast the guest gets here, so it is left out
  await run("address", "ip -4 addr show dev eth0 | sed 's/NO-CARRIER,//'; ip route; cat /etc/resolv.conf");
  await run("ping-gateway", "ping -c 1 -W 5 10.0.2.2 | sed 's/time=[0-9.]* ms/time=T ms/; s|= [0-9./]* ms|= T ms|'");
  await run("ping-dns", "ping -c 1 -W 5 10.0.2.3 | sed 's/time=[0-9.]* ms/time=T ms/; s|= [0-9./]* ms|= T ms|'");
  await run("wget", `wget -q -O - http://10.0.2.2:${s.httpPort}/page | md5sum`);
  // UDP through the NAT's relay to a host socket (the gateway is the host's loopback)
  await run("udp", `nslookup relay.test 10.0.2.2:${s.dnsPort} | grep -A1 '^Name:'`);
  expect(out.udp).toContain("192.0.2.77");
  expect(out.wget).toContain(md5(s.page));
  // serve from the guest: the host fetches through hostfwd
  await run("httpd", "mkdir -p /www && echo 'served by the guest' > /www/index.html && httpd -p 8080 -h /www && echo started");
  const served = new TextDecoder().decode(await httpFetch(`http://127.0.0.1:${fwdPort}/index.html`));
  out.hostfwd = served;
  expect(served).toBe("served by the guest\n");
  return out;
}

describe("networking with Debian's kernel (virtio-net + user-mode NAT)", () => {
  test(
    `DHCP, ping, DNS, wget, hostfwd, ${TRANSFER_MB} MB both ways; same outputs as qemu-system-riscv64 -netdev user`,
    { timeout: 3_600_000 },
    async () => {
      const busybox = systemBusybox();
      const modulesDir = defaultModulesDir();
      expect(busybox !== undefined && modulesDir !== undefined, "run 'bash tools/debian/fetch.sh system'").toBe(true);
      const initrd = buildInitramfs({ busybox: busybox!, modules: NET_MODULES, modulesDir }).gz;
      const page = pattern(300_000, 7);
      const routes = new Map<string, Uint8Array>([["/page", page]]);
      const http = createHttpServer((req, res) => {
        const body = routes.get(req.url ?? "");
        res.statusCode = body === undefined ? 404 : 200;
        res.end(body ?? "no\n");
      });
      await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
      cleanups.push(() => void http.close());
      const dns = createSocket("udp4");
      dns.on("message", (m, r) => {
        const a = dnsResponder(m);
        if (a) dns.send(a, r.port, r.address);
      });
      await new Promise<void>((r) => dns.bind(0, "127.0.0.1", r));
      cleanups.push(() => void dns.close());
      const setup: Setup = { initrd, page, httpPort: (http.address() as AddressInfo).port, dnsPort: dns.address().port };

      // the reference first (fast: QEMU's JIT)
      const qPort = await freePort();
      const q = await startQemuGuest({ initrd, memMiB: 512, netdev: `hostfwd=tcp:127.0.0.1:${qPort}-:8080` });
      cleanups.push(() => q.close());
      const ref = await commonSession(q, setup, qPort);
      await q.close();

      // tciemu
      const tPort = await freePort();
      const xPort = await freePort();
      const yPort = await freePort();
      const t0 = performance.now();
      const g: TciemuGuest = await startTciemuGuest({
        initrd,
        memMiB: 512,
        nets: [
          userNetConfig([
            ["hostfwd", `tcp:127.0.0.1:${tPort}-:8080`],
            ["hostfwd", `tcp:127.0.0.1:${xPort}-:5000`],
            ["hostfwd", `tcp:127.0.0.1:${yPort}-:8081`],
          ]),
        ],
      });
      cleanups.push(() => g.close());
      const bootSecs = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      const ours = await commonSession(g, setup, tPort);
      expect(ours).toEqual(ref);

      // DNS: the host resolver's answer, loopback shown as the gateway
      const name = hostname();
      const want = await lookup(name, { family: 4 }).then(
        (a) => (a.address.startsWith("127.") ? "10.0.2.2" : a.address),
        () => null,
      );
      const ns = await g.run(`nslookup ${name} 10.0.2.3`);
      if (want === null) expect(ns.text).toContain("NXDOMAIN");
      else expect(ns.text).toMatch(new RegExp(`Name:\\s+${name}\\s+Address:\\s+${want.replace(/\./g, "\\.")}`));
      const sessionSecs = (performance.now() - t1) / 1000;

      // nc -l in the guest reached through hostfwd (1 MiB; busybox nc reads 1 KiB per call, which
      // makes it too slow a sink to measure TCP with)
      const small = pattern(1 << 20, 99);
      const recv = g.run("nc -l -p 5000 </dev/null > /tmp/small; md5sum /tmp/small");
      await new Promise((r) => setTimeout(r, 2000)); // nc is listening
      await new Promise<void>((resolve, reject) => {
        const s = connect(xPort, "127.0.0.1", () => s.end(small));
        s.on("close", () => resolve());
        s.on("error", (e) => reject(new Error(`sending to the guest through port ${xPort}: ${e.message}`)));
        s.resume();
      });
      expect((await recv).text).toContain(`${md5(small)}  /tmp/small`);

      // TRANSFER_MB into the guest: wget from the host's HTTP server
      const data = pattern(TRANSFER_MB << 20, 1234);
      const sum = md5(data);
      routes.set("/data", data);
      const tIn = performance.now();
      const fetched = await g.run(`wget -q -O /tmp/f http://10.0.2.2:${setup.httpPort}/data`);
      const inSecs = (performance.now() - tIn) / 1000;
      expect(fetched.rc).toBe(0);
      expect((await g.run("md5sum /tmp/f")).text).toContain(`${sum}  /tmp/f`);

      // and out again: the host fetches it from busybox httpd in the guest (sendfile) through hostfwd
      expect((await g.run("httpd -p 8081 -h /tmp && echo started")).rc).toBe(0);
      const tOut = performance.now();
      const back = await httpFetch(`http://127.0.0.1:${yPort}/f`);
      const outSecs = (performance.now() - tOut) / 1000;
      expect(back.length).toBe(data.length);
      expect(md5(back)).toBe(sum);

      // nothing is left behind once the connections have closed (TIME-WAIT is 2 s)
      const nat = g.netdevs[0];
      for (let i = 0; i < 100 && nat.net.stats().tcp > 0; i++) await new Promise((r) => setTimeout(r, 100));
      const st = nat.net.stats();
      expect([st.tcp, st.dnsPending, st.queuedBytes]).toEqual([0, 0, 0]);
      expect(st.udp).toBeLessThanOrEqual(1); // nslookup's UDP session lives until it is idle for 240 s
      expect(nat.sockets.open).toBe(3 + st.udp); // the forwarding listeners
      await g.close();
      expect(nat.sockets.open).toBe(0);
      const mbs = (secs: number) => ((TRANSFER_MB * 1.048576) / secs).toFixed(2);
      console.log(
        `tciemu networking: boot ${bootSecs.toFixed(1)} s, session ${sessionSecs.toFixed(1)} s; ${TRANSFER_MB} MB into the guest ${inSecs.toFixed(1)} s (${mbs(inSecs)} MB/s), out ${outSecs.toFixed(1)} s (${mbs(outSecs)} MB/s); NIC ${JSON.stringify(g.board.nics[0].counters)}`,
      );
    },
  );
});
