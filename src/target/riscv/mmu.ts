// Sv39 address translation for system mode (QEMU's get_physical_address in target/riscv/
// cpu_helper.c), feeding the softmmu TLB. Hardware A/D updates are not done (Svade): an access to a
// page with A=0, or a store to one with D=0, page-faults and the kernel sets the bit, which Linux
// accepts. Superpages are entered into the TLB one 4 KiB page at a time.
import { Access, PAGE_SIZE, type MmioDevice, type MmuHooks, type Softmmu } from "../../mem/softmmu.ts";
import { Excp } from "./cpu-state.ts";
import { PRV_M, PRV_S, PRV_U, type RiscvPriv } from "./priv.ts";

/** The physical address map of a board. */
export interface PhysMap {
  /** Offset in the RAM buffer of physical address `pa`, or -1 if it is not RAM (or ROM). */
  ramOffset(pa: number): number;
  /** Read-only RAM (the boot ROM): writes fault. */
  isRom(pa: number): boolean;
  /** The device covering `pa`, with the offset of pa's page inside it. */
  device(pa: number): { dev: MmioDevice; pageOffset: number } | null;
}

const PTE_V = 1,
  PTE_R = 2,
  PTE_W = 4,
  PTE_X = 8,
  PTE_U = 16,
  PTE_A = 64,
  PTE_D = 128;

export class RiscvMmu implements MmuHooks {
  constructor(
    private readonly priv: RiscvPriv,
    private readonly softmmu: Softmmu,
    private readonly mem32: Int32Array,
    private readonly phys: PhysMap,
    private readonly raise: (excp: number, lo: number, hi: number, retaddr: number) => never,
  ) {}

  /**
   * Translates a virtual address; returns the physical address, or a negative number: -1 page fault,
   * -2 access fault. `perms` receives the PTE permission bits that apply (R/W/X as 1/2/4 after D and
   * A are considered) so one walk can fill both TLB tags.
   */
  translate(lo: number, hi: number, access: Access, privLevel: number, sum: boolean, perms: { r: boolean; w: boolean }): number {
    if (privLevel === PRV_M || !this.priv.sv39) {
      perms.r = perms.w = true;
      if (hi >>> 0 >= 1 << 24) return -2; // beyond 56-bit physical
      return (hi >>> 0) * 4294967296 + (lo >>> 0);
    }
    // Bits 63..39 must all equal bit 38.
    const top = hi >> 6;
    if (top !== 0 && top !== -1) return -1;
    const vpn0 = (lo >>> 12) & 511,
      vpn1 = (lo >>> 21) & 511;
    let table = this.priv.satpRoot;
    for (let level = 2; level >= 0; level--) {
      const vpn = level === 0 ? vpn0 : level === 1 ? vpn1 : ((hi & 0x7f) << 2) | (lo >>> 30);
      const pteAddr = table + vpn * 8;
      const off = this.phys.ramOffset(pteAddr);
      if (off < 0) return -2;
      const plo = this.mem32[off >> 2],
        phi = this.mem32[(off >> 2) + 1];
      if (!(plo & PTE_V) || (!(plo & PTE_R) && plo & PTE_W)) return -1;
      const ppn = (phi & 0x3fffff) * 4194304 + (plo >>> 10);
      if (!(plo & (PTE_R | PTE_X))) {
        table = ppn * PAGE_SIZE;
        continue;
      }
      // Leaf. A superpage's PPN must be aligned to its size.
      if (level > 0 && ppn % (1 << (9 * level)) !== 0) return -1;
      if (privLevel === PRV_U && !(plo & PTE_U)) return -1;
      if (privLevel === PRV_S && plo & PTE_U && (access === Access.Fetch || !sum)) return -1;
      if (!(plo & PTE_A)) return -1;
      const readable = (plo & PTE_R) !== 0 || (this.priv.mxr && (plo & PTE_X) !== 0);
      const writable = (plo & PTE_W) !== 0 && (plo & PTE_D) !== 0;
      if (access === Access.Fetch && !(plo & PTE_X)) return -1;
      if (access === Access.Read && !readable) return -1;
      if (access === Access.Write && !writable) return -1;
      perms.r = readable;
      perms.w = writable;
      // Within a superpage the lower VPN fields select the 4 KiB page.
      const inPage = level === 0 ? 0 : level === 1 ? vpn0 : vpn1 * 512 + vpn0;
      return (ppn + inPage) * PAGE_SIZE + (lo & (PAGE_SIZE - 1));
    }
    return -1;
  }

  private readonly perms = { r: false, w: false };

  tlbFill(lo: number, hi: number, access: Access, mmuIdx: number, retaddr: number): void {
    const privLevel = mmuIdx & 3;
    const pa = this.translate(lo, hi, access, privLevel, (mmuIdx & 4) !== 0, this.perms);
    if (pa < 0) this.fault(pa, access, lo, hi, retaddr);
    const page = pa - (pa % PAGE_SIZE);
    const ramOff = this.phys.ramOffset(page);
    if (ramOff >= 0) {
      if (access === Access.Write && this.phys.isRom(pa)) this.fault(-2, access, lo, hi, retaddr);
      this.softmmu.setEntry(mmuIdx, lo, hi, ramOff, this.perms.r, this.perms.w && !this.phys.isRom(pa));
      return;
    }
    const d = this.phys.device(page);
    if (!d) this.fault(-2, access, lo, hi, retaddr);
    this.softmmu.setIoEntry(mmuIdx, lo, hi, d.dev, d.pageOffset, this.perms.r, this.perms.w);
  }

  private fault(kind: number, access: Access, lo: number, hi: number, retaddr: number): never {
    const excp =
      kind === -1
        ? access === Access.Fetch
          ? Excp.InsnPageFault
          : access === Access.Write
            ? Excp.StorePageFault
            : Excp.LoadPageFault
        : access === Access.Fetch
          ? Excp.InsnAccessFault
          : access === Access.Write
            ? Excp.StoreAccessFault
            : Excp.LoadAccessFault;
    return this.raise(excp, lo, hi, retaddr);
  }

  unaligned(lo: number, hi: number, access: Access, _mmuIdx: number, retaddr: number): never {
    return this.raise(access === Access.Write ? Excp.StoreMisaligned : Excp.LoadMisaligned, lo, hi, retaddr);
  }

  /** For the translator: RAM offset of an instruction byte under the TB's privilege, or -1. */
  codeRamOffset(lo: number, hi: number, privLevel: number): number {
    const pa = this.translate(lo, hi, Access.Fetch, privLevel, false, this.perms);
    if (pa < 0) return -1;
    return this.phys.ramOffset(pa);
  }

  /** Raises the right fetch fault for an address codeRamOffset rejected. */
  fetchFault(lo: number, hi: number, privLevel: number): never {
    const pa = this.translate(lo, hi, Access.Fetch, privLevel, false, this.perms);
    return this.fault(pa < 0 ? pa : -2, Access.Fetch, lo, hi, -1);
  }
}
