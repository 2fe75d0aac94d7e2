// The Wisp protocol, version 1 (TCP and UDP streams multiplexed over one WebSocket, as the
// browser-emulator world uses it; spec: MercuryWorkshop's wisp-protocol, protocol.md). Every
// WebSocket binary message is one packet: type (u8), stream id (u32 LE), payload.
//   CONNECT  (client → server) stream type (u8: 1 TCP, 2 UDP), port (u16 LE), host name (UTF-8)
//   DATA     bytes of the stream (for UDP: one datagram)
//   CONTINUE (server → client) buffer remaining (u32 LE): how many more DATA packets the client may
//            send on a TCP stream; on stream 0 right after the WebSocket opens: the initial credit
//   CLOSE    reason (u8), either way; the stream is gone after it
// Core-safe: typed arrays only. Parsing never throws: malformed packets are null.

export const WISP_CONNECT = 0x01,
  WISP_DATA = 0x02,
  WISP_CONTINUE = 0x03,
  WISP_CLOSE = 0x04;

export const WISP_TCP = 0x01,
  WISP_UDP = 0x02;

/** Close reasons (who may send them: 0x0_ both, 0x4_ server, 0x8_ client). */
export const WispClose = {
  unknown: 0x01,
  voluntary: 0x02,
  networkError: 0x03,
  invalidInfo: 0x41,
  unreachable: 0x42,
  connectTimeout: 0x43,
  refused: 0x44,
  tcpTimeout: 0x47,
  blocked: 0x48,
  throttled: 0x49,
  clientError: 0x81,
} as const;

export type WispPacket =
  | { type: typeof WISP_CONNECT; stream: number; streamType: number; port: number; host: string }
  | { type: typeof WISP_DATA; stream: number; data: Uint8Array }
  | { type: typeof WISP_CONTINUE; stream: number; remaining: number }
  | { type: typeof WISP_CLOSE; stream: number; reason: number };

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

function header(type: number, stream: number, payload: number): { b: Uint8Array; dv: DataView } {
  const b = new Uint8Array(5 + payload);
  const dv = new DataView(b.buffer);
  dv.setUint8(0, type);
  dv.setUint32(1, stream >>> 0, true);
  return { b, dv };
}

export function encodeConnect(stream: number, streamType: number, port: number, host: string): Uint8Array {
  const name = utf8.encode(host);
  const { b, dv } = header(WISP_CONNECT, stream, 3 + name.length);
  dv.setUint8(5, streamType);
  dv.setUint16(6, port, true);
  b.set(name, 8);
  return b;
}

export function encodeData(stream: number, data: Uint8Array): Uint8Array {
  const { b } = header(WISP_DATA, stream, data.length);
  b.set(data, 5);
  return b;
}

export function encodeContinue(stream: number, remaining: number): Uint8Array {
  const { b, dv } = header(WISP_CONTINUE, stream, 4);
  dv.setUint32(5, remaining >>> 0, true);
  return b;
}

export function encodeClose(stream: number, reason: number): Uint8Array {
  const { b, dv } = header(WISP_CLOSE, stream, 1);
  dv.setUint8(5, reason);
  return b;
}

/** One packet, or null when it is malformed (short, unknown type, a host name that is not UTF-8). */
export function parseWisp(p: Uint8Array): WispPacket | null {
  if (p.length < 5) return null;
  const dv = new DataView(p.buffer, p.byteOffset, p.length);
  const type = p[0];
  const stream = dv.getUint32(1, true);
  switch (type) {
    case WISP_CONNECT: {
      if (p.length < 8) return null;
      let host: string;
      try {
        host = fromUtf8.decode(p.subarray(8));
      } catch {
        return null;
      }
      return { type, stream, streamType: p[5], port: dv.getUint16(6, true), host };
    }
    case WISP_DATA:
      return { type, stream, data: p.subarray(5) };
    case WISP_CONTINUE:
      return p.length < 9 ? null : { type, stream, remaining: dv.getUint32(5, true) };
    case WISP_CLOSE:
      return p.length < 6 ? null : { type, stream, reason: p[5] };
  }
  return null;
}
