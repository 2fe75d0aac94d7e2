// i386 signal frames (QEMU's linux-user/i386/signal.c, Linux's arch/x86/kernel/signal_32.c):
//
//   struct sigframe    { pretcode; sig; struct sigcontext sc; fpstate_unused[624]; extramask; retcode[8] }   732 bytes
//   struct rt_sigframe { pretcode; sig; pinfo; puc; siginfo (128); ucontext uc (116); retcode[8] }          268 bytes
//   struct sigcontext  { gs fs es ds edi esi ebp esp ebx edx ecx eax trapno err eip cs eflags
//                        esp_at_signal ss fpstate oldmask cr2 }                                            88 bytes
//   struct ucontext    { uc_flags; uc_link; stack_t uc_stack; sigcontext uc_mcontext; sigset uc_sigmask }
//
// The FP state goes below the frame, 64-byte aligned: the legacy FSAVE image (112 bytes, then
// `status` and `magic`) followed by the 512-byte FXSAVE image. As QEMU's setup_sigcontext does, the
// FSAVE leaves the handler a freshly initialized x87 (fninit; MXCSR and XMM unchanged), the FXSAVE
// image is taken after it, and `magic` is 0xffff; sigreturn loads the FXSAVE image, then the FSAVE
// one over it. trapno is QEMU's exception_index at delivery time (-1); err and cr2 are the last
// fault's. Handlers return to sa_restorer (glibc always sets one) or the vdso's __kernel_sigreturn.
import { LOOP_EXIT } from "../../exec/cpu-exec.ts";
import type { I386Cpu } from "../../target/i386/cpu.ts";
import {
  CR2,
  ERROR_CODE,
  FPU,
  R_CS,
  R_DS,
  R_ES,
  R_FS,
  R_GS,
  R_SS,
  TF_MASK,
  USER_CS,
  USER_DS,
  segSel,
} from "../../target/i386/cpu-state.ts";
import { ArrayFpuMemory, frstor, fsave, fxrstor, fxsave, type FpuMemory } from "../../target/i386/fpu/index.ts";
import type { SignalAbi, SigreturnState } from "../abi.ts";
import type { AddressSpace } from "../address-space.ts";
import { encodeSigInfo } from "../signal-info.ts";
import { SA_RESTORER, SA_SIGINFO } from "../signals.ts";
import type { I386UserCpu } from "./cpu.ts";
import { I386_LAYOUTS } from "./structs.ts";
import { i386Vdso } from "./vdso.ts";

const SIGFRAME_SIZE = 732;
const RT_SIGFRAME_SIZE = 268;
const SC_SIZE = 88;
/** Where the sigcontext is in each frame. */
const SIGFRAME_SC = 8;
const RT_SIGFRAME_INFO = 16;
const RT_SIGFRAME_UC = 144;
const UC_MCONTEXT = 20;
const UC_SIGMASK = 108;
const FREGS_SIZE = 112;
const FXSAVE_SIZE = 512;

/** Register offsets in the sigcontext. */
const SC = {
  gs: 0,
  fs: 4,
  es: 8,
  ds: 12,
  edi: 16,
  esi: 20,
  ebp: 24,
  esp: 28,
  ebx: 32,
  edx: 36,
  ecx: 40,
  eax: 44,
  trapno: 48,
  err: 52,
  eip: 56,
  cs: 60,
  eflags: 64,
  espAtSignal: 68,
  ss: 72,
  fpstate: 76,
  oldmask: 80,
  cr2: 84,
};
/** The sigcontext's general registers in encoding order (eax..edi). */
const REG_OFF = [SC.eax, SC.ecx, SC.edx, SC.ebx, SC.esp, SC.ebp, SC.esi, SC.edi];

/** sigreturn trampolines the frame keeps for ABI compatibility (retcode). */
const RETCODE = Uint8Array.of(0x58, 0xb8, 119, 0, 0, 0, 0xcd, 0x80); // popl %eax; movl $119,%eax; int $0x80
const RT_RETCODE = Uint8Array.of(0xb8, 173, 0, 0, 0, 0xcd, 0x80, 0); // movl $173,%eax; int $0x80

/** Frame bytes addressed by guest address (fxsave/fxrstor check the real address's alignment). */
function frameMemory(bytes: Uint8Array, base: number): FpuMemory {
  const m = new ArrayFpuMemory(bytes);
  return {
    prepare: (a, n) => m.prepare(a - base, n),
    load8: (a) => m.load8(a - base),
    load16: (a) => m.load16(a - base),
    load32: (a) => m.load32(a - base),
    store8: (a, v) => m.store8(a - base, v),
    store16: (a, v) => m.store16(a - base, v),
    store32: (a, v) => m.store32(a - base, v),
  };
}

/** cpu_x86_load_seg for the kernel's own loads (selectors it knows are valid). */
function loadSeg(cpu: I386Cpu, seg: number, sel: number): boolean {
  try {
    cpu.loadSeg(seg, sel);
    return true;
  } catch (e) {
    if (e !== LOOP_EXIT) throw e;
    return false;
  }
}

function writeSigcontext(cpu: I386Cpu, dv: DataView, at: number, mask: number, fpstate: number): void {
  const R = cpu.R;
  dv.setUint32(at + SC.gs, R[segSel(R_GS)] >>> 0, true);
  dv.setUint32(at + SC.fs, R[segSel(R_FS)] >>> 0, true);
  dv.setUint32(at + SC.es, R[segSel(R_ES)] >>> 0, true);
  dv.setUint32(at + SC.ds, R[segSel(R_DS)] >>> 0, true);
  for (let i = 0; i < 8; i++) dv.setUint32(at + REG_OFF[i], cpu.reg(i), true);
  dv.setInt32(at + SC.trapno, -1, true);
  dv.setInt32(at + SC.err, R[ERROR_CODE], true);
  dv.setUint32(at + SC.eip, cpu.eip, true);
  dv.setUint32(at + SC.cs, R[segSel(R_CS)] >>> 0, true);
  dv.setUint32(at + SC.eflags, cpu.eflags, true);
  dv.setUint32(at + SC.espAtSignal, cpu.reg(4), true);
  dv.setUint32(at + SC.ss, R[segSel(R_SS)] >>> 0, true);
  dv.setUint32(at + SC.fpstate, fpstate >>> 0, true);
  dv.setUint32(at + SC.oldmask, mask >>> 0, true);
  dv.setInt32(at + SC.cr2, R[CR2], true);
}

export const i386Signals: SignalAbi<I386UserCpu> = {
  setupFrame(d) {
    const uc = d.cpu;
    const cpu = uc.cpu;
    const rt = (d.action.flags & SA_SIGINFO) !== 0;
    let sp = d.sp;
    // the legacy signal stack switching (an SS other than __USER_DS and a restorer without SA_RESTORER)
    if (
      !(d.action.flags & 0x08000000) &&
      (cpu.R[segSel(R_SS)] & 0xffff) !== USER_DS &&
      !(d.action.flags & SA_RESTORER) &&
      d.action.restorer
    )
      sp = d.action.restorer;
    const fx = Math.floor((sp - FXSAVE_SIZE) / 64) * 64;
    const fpend = fx + FXSAVE_SIZE;
    const fp = fx - FREGS_SIZE;
    const frameSize = rt ? RT_SIGFRAME_SIZE : SIGFRAME_SIZE;
    const frame = Math.floor((fp - frameSize + 4) / 16) * 16 - 4;
    if (frame < 0) return false;
    const buf = new Uint8Array(fpend - frame);
    const dv = new DataView(buf.buffer);
    const mem = frameMemory(buf, frame);
    const mask = d.thread.sigmask;
    const scAt = rt ? RT_SIGFRAME_UC + UC_MCONTEXT : SIGFRAME_SC;
    // the FP state first (fsave reinitializes the x87 for the handler; the fxsave image follows it)
    const fpAt = fp - frame;
    const R = cpu.R;
    const saved = R.slice(FPU, FPU + 80);
    fsave(R, FPU, mem, fp, true);
    dv.setUint16(fpAt + 108, dv.getUint16(fpAt + 4, true), true); // status = swd
    dv.setUint16(fpAt + 110, 0xffff, true); // magic (QEMU writes 0xffff with FXSR data)
    fxsave(R, FPU, mem, fx, true);
    dv.setUint32(fx - frame + 464, 0, true); // sw_reserved.magic1: no xstate
    writeSigcontext(cpu, dv, scAt, Number(mask & 0xffffffffn), fp);
    if (rt) {
      buf.set(encodeSigInfo(I386_LAYOUTS.siginfo, d.info), RT_SIGFRAME_INFO);
      const u = RT_SIGFRAME_UC;
      dv.setUint32(u, 0, true);
      dv.setUint32(u + 4, 0, true);
      dv.setUint32(u + 8, d.thread.altSp >>> 0, true);
      dv.setInt32(u + 12, d.ssFlags, true);
      dv.setUint32(u + 16, d.thread.altSize >>> 0, true);
      dv.setBigUint64(u + UC_SIGMASK, mask, true);
      dv.setUint32(8, frame + RT_SIGFRAME_INFO, true);
      dv.setUint32(12, frame + RT_SIGFRAME_UC, true);
    } else {
      dv.setUint32(720, Number((mask >> 32n) & 0xffffffffn), true);
    }
    let pretcode: number;
    if (d.action.flags & SA_RESTORER) pretcode = d.action.restorer;
    else {
      buf.set(rt ? RT_RETCODE : RETCODE, rt ? 260 : 724);
      // d.sigtramp is the vdso's __kernel_sigreturn; __kernel_rt_sigreturn is at a fixed distance
      const v = i386Vdso();
      pretcode = rt ? d.sigtramp + (v.rtSigreturn - v.sigreturn) : d.sigtramp;
    }
    dv.setUint32(0, pretcode >>> 0, true);
    dv.setInt32(4, d.sig, true);
    if (!d.as.write(frame, buf)) {
      R.set(saved, FPU); // nothing was delivered: keep the FPU as it was
      return false;
    }
    cpu.setReg(4, frame);
    cpu.eip = d.action.handler;
    cpu.setReg(0, d.sig);
    cpu.setReg(2, rt ? frame + RT_SIGFRAME_INFO : 0);
    cpu.setReg(1, rt ? frame + RT_SIGFRAME_UC : 0);
    loadSeg(cpu, R_DS, USER_DS);
    loadSeg(cpu, R_ES, USER_DS);
    loadSeg(cpu, R_SS, USER_DS);
    loadSeg(cpu, R_CS, USER_CS);
    cpu.eflags = cpu.eflags & ~TF_MASK;
    return true;
  },

  restoreFrame(uc: I386UserCpu, as: AddressSpace, rt: boolean): SigreturnState | null {
    const cpu = uc.cpu;
    const esp = cpu.reg(4);
    const frame = rt ? esp - 4 : esp - 8;
    const buf = as.read(frame, rt ? RT_SIGFRAME_SIZE : SIGFRAME_SIZE);
    if (!buf) return null;
    const dv = new DataView(buf.buffer);
    let mask: bigint;
    let stack: SigreturnState["stack"] = null;
    const scAt = rt ? RT_SIGFRAME_UC + UC_MCONTEXT : SIGFRAME_SC;
    if (rt) {
      mask = dv.getBigUint64(RT_SIGFRAME_UC + UC_SIGMASK, true);
      const u = RT_SIGFRAME_UC;
      stack = { sp: dv.getUint32(u + 8, true), flags: dv.getInt32(u + 12, true), size: dv.getUint32(u + 16, true) };
    } else {
      mask = BigInt(dv.getUint32(scAt + SC.oldmask, true)) | (BigInt(dv.getUint32(720, true)) << 32n);
    }
    if (!restoreSigcontext(cpu, as, dv, scAt)) return null;
    return { mask, stack };
  },
};

/** restore_sigcontext */
function restoreSigcontext(cpu: I386Cpu, as: AddressSpace, dv: DataView, at: number): boolean {
  if (!loadSeg(cpu, R_GS, dv.getUint16(at + SC.gs, true))) return false;
  if (!loadSeg(cpu, R_FS, dv.getUint16(at + SC.fs, true))) return false;
  if (!loadSeg(cpu, R_ES, dv.getUint16(at + SC.es, true))) return false;
  if (!loadSeg(cpu, R_DS, dv.getUint16(at + SC.ds, true))) return false;
  for (let i = 0; i < 8; i++) cpu.setReg(i, dv.getUint32(at + REG_OFF[i], true));
  cpu.eip = dv.getUint32(at + SC.eip, true);
  if (!loadSeg(cpu, R_CS, dv.getUint16(at + SC.cs, true) | 3)) return false;
  if (!loadSeg(cpu, R_SS, dv.getUint16(at + SC.ss, true) | 3)) return false;
  const tmp = dv.getUint32(at + SC.eflags, true);
  cpu.eflags = ((cpu.eflags & ~0x40dd5) | (tmp & 0x40dd5)) >>> 0;
  const fpstate = dv.getUint32(at + SC.fpstate, true);
  if (fpstate === 0) return true;
  const fb = as.read(fpstate, FREGS_SIZE + FXSAVE_SIZE);
  if (!fb) return false;
  const mem = frameMemory(fb, fpstate);
  fxrstor(cpu.R, FPU, mem, fpstate + FREGS_SIZE, true);
  frstor(cpu.R, FPU, mem, fpstate, true);
  return true;
}
