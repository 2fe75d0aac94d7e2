// struct msghdr, struct mmsghdr and control messages (cmsghdr) for sendmsg/recvmsg, laid out by
// the ABI's word size (their fields are pointers and size_t): on a 64-bit ABI msghdr is 56 bytes
// and cmsg_len a size_t with 8-byte CMSG_ALIGN, on a 32-bit one 28 bytes and 4-byte alignment.
import { struct, type Struct } from "../struct.ts";

export type MsghdrField = "msg_name" | "msg_namelen" | "msg_iov" | "msg_iovlen" | "msg_control" | "msg_controllen" | "msg_flags";

export interface MsgLayouts {
  msghdr: Struct<MsghdrField>;
  /** sizeof(struct mmsghdr): a msghdr and its msg_len (unsigned int), padded to the word. */
  mmsghdrSize: number;
  /** sizeof(struct cmsghdr) (the data follows at CMSG_ALIGN of it) and the alignment. */
  cmsgHdr: number;
  cmsgAlign: number;
  wordBytes: 4 | 8;
}

export function msgLayouts(wordBytes: 4 | 8): MsgLayouts {
  if (wordBytes === 8)
    return {
      msghdr: struct("msghdr", 56, {
        msg_name: [0, "u64"],
        msg_namelen: [8, "u32"],
        msg_iov: [16, "u64"],
        msg_iovlen: [24, "u64"],
        msg_control: [32, "u64"],
        msg_controllen: [40, "u64"],
        msg_flags: [48, "s32"],
      }),
      mmsghdrSize: 64,
      cmsgHdr: 16,
      cmsgAlign: 8,
      wordBytes,
    };
  return {
    msghdr: struct("msghdr", 28, {
      msg_name: [0, "u32"],
      msg_namelen: [4, "u32"],
      msg_iov: [8, "u32"],
      msg_iovlen: [12, "u32"],
      msg_control: [16, "u32"],
      msg_controllen: [20, "u32"],
      msg_flags: [24, "s32"],
    }),
    mmsghdrSize: 32,
    cmsgHdr: 12,
    cmsgAlign: 4,
    wordBytes,
  };
}

export interface Cmsg {
  level: number;
  type: number;
  data: Uint8Array;
}

const align = (n: number, a: number) => Math.ceil(n / a) * a;

/** Splits a control buffer into messages (CMSG_FIRSTHDR/CMSG_NXTHDR); null if one is malformed. */
export function parseCmsgs(L: MsgLayouts, buf: Uint8Array): Cmsg[] | null {
  const out: Cmsg[] = [];
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
  let off = 0;
  while (off + L.cmsgHdr <= buf.length) {
    const len = L.wordBytes === 8 ? Number(dv.getBigUint64(off, true)) : dv.getUint32(off, true);
    if (len < L.cmsgHdr || off + len > buf.length) return null;
    const level = dv.getInt32(off + L.wordBytes, true);
    const type = dv.getInt32(off + L.wordBytes + 4, true);
    out.push({ level, type, data: buf.subarray(off + align(L.cmsgHdr, L.cmsgAlign), off + len) });
    off += align(len, L.cmsgAlign);
  }
  return out;
}

/** One control message's bytes (CMSG_SPACE of its data, the last one may be cut to CMSG_LEN). */
export function buildCmsg(L: MsgLayouts, m: Cmsg): Uint8Array {
  const hdr = align(L.cmsgHdr, L.cmsgAlign);
  const len = hdr + m.data.length;
  const b = new Uint8Array(align(len, L.cmsgAlign));
  const dv = new DataView(b.buffer);
  if (L.wordBytes === 8) dv.setBigUint64(0, BigInt(len), true);
  else dv.setUint32(0, len, true);
  dv.setInt32(L.wordBytes, m.level, true);
  dv.setInt32(L.wordBytes + 4, m.type, true);
  b.set(m.data, hdr);
  return b;
}

/** CMSG_LEN(n) and CMSG_SPACE(n). */
export function cmsgLen(L: MsgLayouts, n: number): number {
  return align(L.cmsgHdr, L.cmsgAlign) + n;
}
export function cmsgSpace(L: MsgLayouts, n: number): number {
  return align(cmsgLen(L, n), L.cmsgAlign);
}
