// The gdb server's socket, in a worker thread: the emulator thread blocks (Atomics.wait) inside the
// debugger while it waits for gdb's packets, so the TCP connection is served here and bytes cross
// over through a SharedArrayBuffer ring. Plain JavaScript so that the worker needs no TypeScript
// loader (tsx's loader does not reach worker threads on Node 20). See src/cli/debug-cli.ts.
//
// ctl (Int32Array): [STATE, HEAD, TAIL, SEQ, PORT]; STATE: 0 starting, 1 listening, 2 connected,
// 3 closed, 4 error. HEAD is written here, TAIL by the emulator; SEQ changes whenever HEAD or STATE
// does (the emulator waits on it). Messages from the emulator: Uint8Array to send, "close" to end.
import { parentPort, workerData } from "node:worker_threads";
import net from "node:net";

const STATE = 0,
  HEAD = 1,
  TAIL = 2,
  SEQ = 3,
  PORT = 4;
const ctl = new Int32Array(workerData.ctl);
const ring = new Uint8Array(workerData.ring);
const size = ring.length;
let pending = [];
let sock = null;

function bump(state) {
  if (state !== undefined) Atomics.store(ctl, STATE, state);
  Atomics.add(ctl, SEQ, 1);
  Atomics.notify(ctl, SEQ);
}

function pump() {
  while (pending.length) {
    const chunk = pending[0];
    const head = Atomics.load(ctl, HEAD);
    const tail = Atomics.load(ctl, TAIL);
    const free = size - 1 - ((head - tail + size) % size);
    if (free === 0) {
      setTimeout(pump, 1);
      return;
    }
    const n = Math.min(free, chunk.length);
    for (let i = 0; i < n; i++) ring[(head + i) % size] = chunk[i];
    Atomics.store(ctl, HEAD, (head + n) % size);
    bump();
    if (n === chunk.length) pending.shift();
    else pending[0] = chunk.subarray(n);
  }
}

const server = net.createServer((s) => {
  if (sock) {
    s.destroy();
    return;
  }
  sock = s;
  server.close();
  s.setNoDelay(true);
  bump(2);
  s.on("data", (d) => {
    pending.push(new Uint8Array(d));
    pump();
  });
  s.on("close", () => bump(3));
  s.on("error", () => bump(3));
});
server.on("error", (e) => {
  parentPort.postMessage({ error: String(e && e.message ? e.message : e) });
  bump(4);
});
server.listen(workerData.port, workerData.host, () => {
  Atomics.store(ctl, PORT, server.address().port);
  bump(1);
});

parentPort.on("message", (m) => {
  if (m === "close") {
    if (sock) sock.end(() => process.exit(0));
    else process.exit(0);
    setTimeout(() => process.exit(0), 2000).unref();
    return;
  }
  if (sock && !sock.destroyed) sock.write(m);
});
