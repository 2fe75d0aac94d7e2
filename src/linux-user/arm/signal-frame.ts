// ARM signal frames (Linux's arch/arm/kernel/signal.c, QEMU's linux-user/arm/signal.c):
//
//   struct sigframe    { struct ucontext uc; unsigned long retcode[4]; }            760 bytes
//   struct rt_sigframe { siginfo_t info (128 bytes); struct sigframe sig; }          888 bytes
//   struct ucontext    { u32 uc_flags; u32 uc_link; stack_t uc_stack (12);
//                        struct sigcontext uc_mcontext (84, at 20); sigset_t uc_sigmask (at 104);
//                        u8 __unused[120]; u32 uc_regspace[128] (8-aligned, at 232) }
//   struct sigcontext  { trap_no, error_code, oldmask, r0..r10, fp, ip, sp, lr, pc, cpsr, fault_address }
//   uc_regspace:         struct vfp_sigframe { magic 0x56465001, size 288, u64 fpregs[32], fpscr,
//                        fpexc, fpinst, fpinst2 }, then a 0 word
//
// The handler runs in the state its address's bit 0 selects, with the IT bits and CPSR.E clear;
// it returns through sa_restorer or the trampolines QEMU 10 keeps in its vDSO: Thumb
// `movs r7, #nr; svc 0` at 8-byte slots of a page of their own (sigreturn first, rt_sigreturn
// second), entered with lr = slot | 1. The frame also gets the ARM retcode words Linux writes
// (`mov r7, #nr; swi 0x900000+nr`), which nothing executes but unwinders may look at. Like QEMU,
// the fields it does not write keep the stack's previous contents.
import type { SignalAbi, SigreturnState } from "../abi.ts";
import { PROT_EXEC, PROT_READ, type AddressSpace } from "../address-space.ts";
import { encodeSigInfo } from "../signal-info.ts";
import { SA_SIGINFO } from "../signals.ts";
import { CPSR_E, CPSR_EXEC, CPSR_IT, CPSR_T, CPSR_USER, FPEXC, FPINST, FPINST2, dSlot } from "../../target/arm/cpu-state.ts";
import type { ArmUserCpu } from "./cpu.ts";
import { ARM_LAYOUTS } from "./structs.ts";

const SIGINFO_SIZE = 128;
const UC_STACK = 8,
  UC_MCONTEXT = 20,
  UC_SIGMASK = 104,
  UC_REGSPACE = 232;
const UC_SIZE = 744;
const SIGFRAME_SIZE = UC_SIZE + 16;
const RT_SIGFRAME_SIZE = SIGINFO_SIZE + SIGFRAME_SIZE;
/** sigcontext words: trap_no 0, error_code 1, oldmask 2, r0..r15 at 3..18, cpsr 19, fault_address 20. */
const SC_R0 = 3,
  SC_CPSR = 19;
const VFP_MAGIC = 0x56465001,
  VFP_FRAME_SIZE = 288;

const SA_RESTORER = 0x04000000;
const NR_SIGRETURN = 119,
  NR_RT_SIGRETURN = 173;

/** The trampoline page: slot 0 sigreturn, slot 1 rt_sigreturn, Thumb `movs r7, #nr; svc 0`. */
export const SIGTRAMP = Uint8Array.of(NR_SIGRETURN, 0x27, 0x00, 0xdf, 0, 0, 0, 0, NR_RT_SIGRETURN, 0x27, 0x00, 0xdf, 0, 0, 0, 0);

/** __kuser_helper_version at 0xffff0ffc: QEMU reports 5 (cmpxchg64 and the others). */
const KUSER_PAGE = 0xffff0000;
const KUSER_HELPER_VERSION = 5;

export const armSignals: SignalAbi<ArmUserCpu> = {
  setupFrame(d) {
    const { cpu, thread: t } = d;
    const arm = cpu.arm;
    const R = arm.R;
    const rt = (d.action.flags & SA_SIGINFO) !== 0;
    const size = rt ? RT_SIGFRAME_SIZE : SIGFRAME_SIZE;
    // get_sigframe: ATPCS B01 mandates 8-byte alignment
    const frame = ((d.sp - size) & ~7) >>> 0;
    const buf = d.as.read(frame, size);
    if (!buf) return false;
    const dv = new DataView(buf.buffer);
    const put = (off: number, v: number) => dv.setUint32(off, v >>> 0, true);
    const uc = rt ? SIGINFO_SIZE : 0;
    if (rt) buf.set(encodeSigInfo(ARM_LAYOUTS.siginfo, d.info), 0);
    // setup_sigframe: the ucontext up to uc_mcontext is cleared, then uc_stack
    buf.fill(0, uc, uc + UC_MCONTEXT);
    put(uc + UC_STACK, t.altSp);
    put(uc + UC_STACK + 4, d.ssFlags);
    put(uc + UC_STACK + 8, t.altSize);
    // setup_sigcontext
    const sc = uc + UC_MCONTEXT;
    for (let i = 0; i < 16; i++) put(sc + 4 * (SC_R0 + i), cpu.getReg(i));
    put(sc + 4 * SC_CPSR, arm.cpsr);
    put(sc, 0); // trap_no
    put(sc + 4, 0); // error_code
    put(sc + 80, 0); // fault_address
    put(sc + 8, Number(t.sigmask & 0xffffffffn)); // oldmask
    // the VFP frame and the terminating magic word
    const vf = uc + UC_REGSPACE;
    put(vf, VFP_MAGIC);
    put(vf + 4, VFP_FRAME_SIZE);
    for (let i = 0; i < 32; i++) {
      put(vf + 8 + 8 * i, R[dSlot(i)]);
      put(vf + 12 + 8 * i, R[dSlot(i) + 1]);
    }
    put(vf + 264, arm.fpscr);
    put(vf + 272, R[FPEXC]);
    put(vf + 276, R[FPINST]);
    put(vf + 280, R[FPINST2]);
    put(vf + VFP_FRAME_SIZE, 0);
    dv.setBigUint64(uc + UC_SIGMASK, t.sigmask, true);
    // setup_return: the ARM retcode words, whatever return path is used
    const nr = rt ? NR_RT_SIGRETURN : NR_SIGRETURN;
    const rc = uc + UC_SIZE;
    put(rc, 0xe3a07000 | nr);
    put(rc + 4, 0xef000000 | nr | 0x900000);
    if (!d.as.write(frame, buf)) return false;

    const handler = d.action.handler >>> 0;
    const thumb = (handler & 1) !== 0;
    const retcode = d.action.flags & SA_RESTORER ? d.action.restorer >>> 0 : (d.sigtramp + (rt ? 8 : 0) + 1) >>> 0;
    cpu.setReg(0, d.sig);
    cpu.setReg(13, frame);
    cpu.setReg(14, retcode);
    if (rt) {
      cpu.setReg(1, frame);
      cpu.setReg(2, frame + uc);
    }
    arm.writeCpsr(thumb ? CPSR_T : 0, CPSR_IT | CPSR_T | CPSR_E);
    arm.pc = handler & (thumb ? ~1 : ~3);
    return true;
  },

  restoreFrame(cpu: ArmUserCpu, as: AddressSpace, rt: boolean): SigreturnState | null {
    const arm = cpu.arm;
    const R = arm.R;
    const frame = cpu.sp;
    // The frame was stacked 8-byte aligned; anything else is a bad frame.
    if (frame & 7) return null;
    const buf = as.read(frame, rt ? RT_SIGFRAME_SIZE : SIGFRAME_SIZE);
    if (!buf) return null;
    const dv = new DataView(buf.buffer);
    const get = (off: number) => dv.getUint32(off, true);
    const uc = rt ? SIGINFO_SIZE : 0;
    const mask = dv.getBigUint64(uc + UC_SIGMASK, true);
    // restore_sigcontext
    const sc = uc + UC_MCONTEXT;
    for (let i = 0; i < 15; i++) cpu.setReg(i, get(sc + 4 * (SC_R0 + i)));
    arm.pc = get(sc + 4 * (SC_R0 + 15));
    arm.writeCpsr(get(sc + 4 * SC_CPSR), CPSR_USER | CPSR_EXEC);
    // restore_sigframe_vfp
    const vf = uc + UC_REGSPACE;
    if (get(vf) !== VFP_MAGIC || get(vf + 4) !== VFP_FRAME_SIZE) return null;
    for (let i = 0; i < 32; i++) {
      R[dSlot(i)] = get(vf + 8 + 8 * i);
      R[dSlot(i) + 1] = get(vf + 12 + 8 * i);
    }
    arm.fpscr = get(vf + 264);
    // FPEXC sanitised: VFP enabled, FPINST2 invalid, no exception pending
    R[FPEXC] = ((get(vf + 272) | (1 << 30)) & ~((1 << 31) | (1 << 28))) | 0;
    R[FPINST] = get(vf + 276) | 0;
    R[FPINST2] = get(vf + 280) | 0;
    return {
      mask,
      stack: { sp: get(uc + UC_STACK), flags: dv.getInt32(uc + UC_STACK + 4, true), size: get(uc + UC_STACK + 8) },
    };
  },
};

/** Maps the kuser helper page (readable and executable, the version word set) and the trampoline page. */
export function mapArmVectors(as: AddressSpace, trampolinePage: number): number {
  as.map(KUSER_PAGE, 4096, PROT_READ | PROT_EXEC);
  const v = new Uint8Array(4);
  new DataView(v.buffer).setUint32(0, KUSER_HELPER_VERSION, true);
  as.write(KUSER_PAGE + 0xffc, v, true);
  as.map(trampolinePage, 4096, PROT_READ | PROT_EXEC);
  as.write(trampolinePage, SIGTRAMP, true);
  return trampolinePage;
}
