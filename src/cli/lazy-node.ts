// Node modules a CLI needs only for some runs (sockets, a debugger's worker), loaded at first use.
// Every `tciemu-*` start would otherwise load node:dgram, node:dns, node:worker_threads and node:crypto
// with their dependencies: 30 of the 82 internal modules a `busybox true` loaded (node:crypto alone
// costs ~6 ms to load). node:tty too: it loads node:net and Node's streams, ~4 ms, and only a guest
// that asks whether a descriptor is a terminal needs it.
// Node caches what require returns, so each call after the first is a lookup.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const nodeNet = (): typeof import("node:net") => require("node:net");
export const nodeDgram = (): typeof import("node:dgram") => require("node:dgram");
export const nodeDns = (): typeof import("node:dns") => require("node:dns");
export const nodeWorkerThreads = (): typeof import("node:worker_threads") => require("node:worker_threads");
export const nodeCrypto = (): typeof import("node:crypto") => require("node:crypto");
export const nodeTty = (): typeof import("node:tty") => require("node:tty");
export const nodeChildProcess = (): typeof import("node:child_process") => require("node:child_process");
