// riscv64 signal frames (Linux's arch/riscv/kernel/signal.c, QEMU's linux-user/riscv/signal.c):
//
//   struct rt_sigframe { siginfo_t info (128 bytes); struct ucontext uc; }
//   struct ucontext { u64 uc_flags; ucontext *uc_link; stack_t uc_stack (24 bytes);
//                     sigset_t uc_sigmask (8 bytes); u8 __unused[120];
//                     struct sigcontext uc_mcontext (16-aligned, at offset 176) }
//   struct sigcontext { u64 pc; u64 x1..x31; union __riscv_fp_state (u64 f[32], u32 fcsr; padded
//                     to the Q-extension size of 528 bytes) }
//
// The handler returns (ra) to the kernel's trampoline `li a7, 139; ecall` (as QEMU does instead
// of the kernel's vDSO __vdso_rt_sigreturn), on a page of its own above the stack.
import type { SignalAbi, SigreturnState } from "../abi.ts";
import type { AddressSpace } from "../address-space.ts";
import { encodeSigInfo } from "../signal-info.ts";
import { struct } from "../struct.ts";
import type { Riscv64Cpu } from "./cpu.ts";
import { RISCV64_LAYOUTS } from "./structs.ts";

const SIGINFO_SIZE = 128;
/** struct ucontext up to uc_mcontext; the sigcontext follows at offset 176. */
const UCONTEXT = struct("ucontext", 176, {
  uc_flags: [0, "u64"],
  uc_link: [8, "u64"],
  ss_sp: [16, "u64"],
  ss_flags: [24, "s32"],
  ss_size: [32, "u64"],
  uc_sigmask: [40, "u64"],
});
const UC_MCONTEXT = 176;
/** sigcontext: pc and x1..x31 at 8*i, f0..f31 at 256 + 8*i, fcsr at 512; 528 bytes of FP state. */
const SC_FREGS = 256,
  SC_FCSR = 512,
  SC_SIZE = 8 * 32 + 528;
const RT_SIGFRAME_SIZE = SIGINFO_SIZE + UC_MCONTEXT + SC_SIZE;

/** The sigreturn trampoline: li a7, 139; ecall. */
export const SIGTRAMP = Uint8Array.from([0x93, 0x08, 0xb0, 0x08, 0x73, 0x00, 0x00, 0x00]);

export const riscv64Signals: SignalAbi<Riscv64Cpu> = {
  setupFrame(d) {
    const { cpu, thread: t } = d;
    const r = cpu.riscv;
    const frame = Math.floor((d.sp - RT_SIGFRAME_SIZE) / 16) * 16;
    const buf = new Uint8Array(RT_SIGFRAME_SIZE);
    const dv = new DataView(buf.buffer);
    buf.set(encodeSigInfo(RISCV64_LAYOUTS.siginfo, d.info), 0);
    const uc = UCONTEXT.view(buf.subarray(SIGINFO_SIZE));
    uc.set("ss_sp", t.altSp).set("ss_flags", d.ssFlags).set("ss_size", t.altSize).set("uc_sigmask", t.sigmask);
    const mc = SIGINFO_SIZE + UC_MCONTEXT;
    dv.setBigUint64(mc, BigInt.asUintN(64, r.pc), true);
    for (let i = 1; i < 32; i++) dv.setBigUint64(mc + 8 * i, BigInt.asUintN(64, r.getX(i)), true);
    for (let i = 0; i < 32; i++) dv.setBigUint64(mc + SC_FREGS + 8 * i, r.getF(i), true);
    dv.setUint32(mc + SC_FCSR, r.fcsr, true);
    if (!d.as.write(frame, buf)) return false;
    cpu.pc = d.action.handler;
    cpu.setX(2, frame);
    cpu.setX(10, d.sig);
    cpu.setX(11, frame);
    cpu.setX(12, frame + SIGINFO_SIZE);
    cpu.setX(1, d.sigtramp);
    return true;
  },

  restoreFrame(cpu: Riscv64Cpu, as: AddressSpace): SigreturnState | null {
    const r = cpu.riscv;
    const frame = cpu.sp;
    const buf = as.read(frame, RT_SIGFRAME_SIZE);
    if (!buf) return null;
    const dv = new DataView(buf.buffer);
    const uc = UCONTEXT.view(buf.subarray(SIGINFO_SIZE));
    const mc = SIGINFO_SIZE + UC_MCONTEXT;
    r.pc = dv.getBigUint64(mc, true);
    for (let i = 1; i < 32; i++) r.setX(i, dv.getBigUint64(mc + 8 * i, true));
    for (let i = 0; i < 32; i++) r.setF(i, dv.getBigUint64(mc + SC_FREGS + 8 * i, true));
    r.fcsr = dv.getUint32(mc + SC_FCSR, true);
    return {
      mask: uc.getBig("uc_sigmask"),
      stack: { sp: uc.get("ss_sp"), flags: uc.get("ss_flags"), size: uc.get("ss_size") },
    };
  },
};

/** Maps the trampoline page just above the stack; returns its address. */
export function mapRiscv64Vectors(as: AddressSpace, stackTop: number): number {
  as.map(stackTop, 4096, 5 /* PROT_READ | PROT_EXEC */);
  as.write(stackTop, SIGTRAMP, true);
  return stackTop;
}
