// A minimal WebSocket client for tests (RFC 6455: handshake, masked binary frames out, frames in)
// as a WispLink, so Node 20 (no WebSocket client without a flag) can talk to the Wisp relay.
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import type { WispLink } from "../../src/net/wisp-sockets.ts";

export /** A minimal WebSocket client (masked binary frames) as a WispLink; `origin` for the Origin header. */
function wsConnect(port: number, opts: { origin?: string; path?: string } = {}): Promise<WispLink & { raw: Socket }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1");
    const key = randomBytes(16).toString("base64");
    s.write(
      `GET ${opts.path ?? "/wisp/"} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${opts.origin ? `Origin: ${opts.origin}\r\n` : ""}\r\n`,
    );
    let buf = Buffer.alloc(0);
    let open = false;
    // Packets that arrive before the user sets onPacket (the relay's first CONTINUE comes with
    // the handshake's answer) wait for it.
    const early: Uint8Array[] = [];
    let handler: ((p: Uint8Array) => void) | null = null;
    const link: WispLink & { raw: Socket } = {
      raw: s,
      get onPacket() {
        return handler;
      },
      set onPacket(h) {
        handler = h;
        while (h && early.length) h(early.shift()!);
      },
      onClose: null,
      send(p: Uint8Array) {
        const mask = randomBytes(4);
        const n = p.length;
        const head = n < 126 ? Buffer.from([0x82, 0x80 | n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
        if (n >= 126) {
          head[0] = 0x82;
          if (n < 65536) {
            head[1] = 0x80 | 126;
            head.writeUInt16BE(n, 2);
          } else {
            head[1] = 0x80 | 127;
            head.writeBigUInt64BE(BigInt(n), 2);
          }
        }
        const body = Buffer.from(p);
        for (let i = 0; i < n; i++) body[i] ^= mask[i & 3];
        s.write(Buffer.concat([head, mask, body]));
      },
      close() {
        s.destroy();
      },
    };
    s.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (!open) {
        const end = buf.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buf.subarray(0, end).toString();
        buf = buf.subarray(end + 4);
        if (!head.startsWith("HTTP/1.1 101")) return reject(new Error(head.split("\r\n")[0]));
        open = true;
        resolve(link);
      }
      for (;;) {
        if (buf.length < 2) return;
        let len = buf[1] & 0x7f;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        if (buf.length < off + len) return;
        const payload = buf.subarray(off, off + len);
        buf = buf.subarray(off + len);
        if (handler) handler(new Uint8Array(payload));
        else early.push(new Uint8Array(payload));
      }
    });
    s.on("close", () => link.onClose?.());
    s.on("error", reject);
  });
}
