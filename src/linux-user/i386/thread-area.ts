// i386 TLS descriptors (QEMU's do_set_thread_area / do_get_thread_area in linux-user/syscall.c, the
// same code as Linux's): glibc puts its thread pointer in a GDT entry (6..8, "entry_number = -1"
// picks the first free one and writes it back) and loads %gs with it. The GDT lives in guest
// memory, as QEMU keeps it (it maps one page for it at startup, and one for each new thread: a copy
// of its creator's, so that TLS entries are per thread as in Linux), so the CPU reads descriptors there.
import { LOOP_EXIT } from "../../exec/cpu-exec.ts";
import { GDT_BASE, GDT_ENTRY_TLS_ENTRIES, GDT_ENTRY_TLS_MIN, EIP, I386_ENV_SLOTS, R_GS, segSel } from "../../target/i386/cpu-state.ts";
import type { I386Cpu } from "../../target/i386/cpu.ts";
import type { AddressSpace } from "../address-space.ts";
import * as E from "../errno.ts";
import { USER_DESC } from "./structs.ts";

const TLS_MAX = GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES - 1;

function gdtEntry(cpu: I386Cpu, as: AddressSpace, i: number): [number, number] | null {
  const b = as.read((cpu.R[GDT_BASE] >>> 0) + 8 * i, 8);
  if (!b) return null;
  const dv = new DataView(b.buffer);
  return [dv.getUint32(0, true), dv.getUint32(4, true)];
}

/** set_thread_area(u_info): installs a TLS descriptor in the GDT. */
export function setThreadArea(cpu: I386Cpu, as: AddressSpace, ptr: number): number {
  const raw = as.read(ptr, USER_DESC.size);
  if (!raw || !as.write(ptr, raw)) return -E.EFAULT; // lock_user_struct(VERIFY_WRITE)
  const v = USER_DESC.view(raw);
  let entry = v.get("entry_number") | 0;
  const base = v.get("base_addr");
  const limit = v.get("limit");
  const flags = v.get("flags");
  if (entry === -1) {
    for (let i = GDT_ENTRY_TLS_MIN; i <= TLS_MAX; i++) {
      const e = gdtEntry(cpu, as, i);
      if (e && e[0] === 0 && e[1] === 0) {
        entry = i;
        v.set("entry_number", i);
        as.write(ptr, raw);
        break;
      }
    }
  }
  if (entry < GDT_ENTRY_TLS_MIN || entry > TLS_MAX) return -E.EINVAL;
  const seg32 = flags & 1;
  const contents = (flags >> 1) & 3;
  const readExecOnly = (flags >> 3) & 1;
  const limitInPages = (flags >> 4) & 1;
  const segNotPresent = (flags >> 5) & 1;
  const useable = (flags >> 6) & 1;
  if (contents === 3 && segNotPresent === 0) return -E.EINVAL;
  let e1: number, e2: number;
  if (
    base === 0 &&
    limit === 0 &&
    contents === 0 &&
    readExecOnly === 1 &&
    seg32 === 0 &&
    limitInPages === 0 &&
    segNotPresent === 1 &&
    useable === 0
  ) {
    e1 = e2 = 0; // clearing an entry
  } else {
    e1 = ((base & 0xffff) << 16) | (limit & 0xffff);
    e2 =
      (base & 0xff000000) |
      ((base & 0x00ff0000) >>> 16) |
      (limit & 0xf0000) |
      ((readExecOnly ^ 1) << 9) |
      (contents << 10) |
      ((segNotPresent ^ 1) << 15) |
      (seg32 << 22) |
      (limitInPages << 23) |
      (useable << 20) |
      0x7000;
  }
  const out = new Uint8Array(8);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, e1 >>> 0, true);
  dv.setUint32(4, e2 >>> 0, true);
  as.write((cpu.R[GDT_BASE] >>> 0) + 8 * entry, out, true);
  return 0;
}

/** get_thread_area(u_info): reads a TLS descriptor back. */
export function getThreadArea(cpu: I386Cpu, as: AddressSpace, ptr: number): number {
  const raw = as.read(ptr, USER_DESC.size);
  if (!raw) return -E.EFAULT;
  const v = USER_DESC.view(raw);
  const idx = v.get("entry_number") | 0;
  if (idx < GDT_ENTRY_TLS_MIN || idx > TLS_MAX) return -E.EINVAL;
  const e = gdtEntry(cpu, as, idx);
  if (!e) return -E.EFAULT;
  const [e1, e2] = e;
  const readExecOnly = ((e2 >> 9) & 1) ^ 1;
  const contents = (e2 >> 10) & 3;
  const segNotPresent = ((e2 >> 15) & 1) ^ 1;
  const seg32 = (e2 >> 22) & 1;
  const limitInPages = (e2 >> 23) & 1;
  const useable = (e2 >> 20) & 1;
  const flags = seg32 | (contents << 1) | (readExecOnly << 3) | (limitInPages << 4) | (segNotPresent << 5) | (useable << 6);
  v.set("base_addr", ((e1 >>> 16) | (e2 & 0xff000000) | ((e2 & 0xff) << 16)) >>> 0);
  v.set("limit", (e1 & 0xffff) | (e2 & 0xf0000));
  v.set("flags", flags);
  return as.write(ptr, raw) ? 0 : -E.EFAULT;
}

/**
 * cpu_set_tls for a clone child (CLONE_SETTLS): set_thread_area, then the child's %gs reloaded with
 * its selector. `regs` are the child's saved registers (a copy of the CPU state slots).
 */
export function setThreadAreaInRegs(cpu: I386Cpu, as: AddressSpace, regs: Int32Array, ptr: number): void {
  const R = cpu.R;
  const saved = R.slice(EIP, EIP + I386_ENV_SLOTS);
  R.set(regs, EIP);
  try {
    // in the child's GDT (a thread's own, see i386Abi.cloneThreadCpu)
    setThreadArea(cpu, as, ptr);
    cpu.loadSeg(R_GS, R[segSel(R_GS)]);
  } catch (e) {
    if (e !== LOOP_EXIT) throw e;
  } finally {
    regs.set(R.subarray(EIP, EIP + I386_ENV_SLOTS));
    R.set(saved, EIP);
  }
}
