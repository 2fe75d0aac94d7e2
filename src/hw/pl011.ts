// Arm PrimeCell PL011 UART as QEMU 10.0's hw/char/pl011.c, at 0x09000000 (SPI 1) on the ARM virt
// board: the registers Linux's amba-pl011 driver and its earlycon use (DR, RSR/ECR, FR, ILPR, IBRD,
// FBRD, LCR_H, CR, IFLS, IMSC, RIS, MIS, ICR, DMACR, the PrimeCell ID registers), a 16-entry
// receive FIFO (1 entry while LCR_H.FEN is clear), the combined interrupt output UARTINTR, and
// loopback (CR.LBE) of transmitted bytes, break and the modem-control outputs.
//
// As in QEMU:
//  - transmission is instant: each DR write calls `output` with the byte and raises TXRIS; FR
//    always reads TXFE and never TXFF or BUSY;
//  - the receive interrupt (RXRIS) rises when the FIFO goes from empty to one entry and falls when
//    it is emptied again (QEMU's read trigger is 1 whatever IFLS says); there is no receive-timeout
//    or overrun interrupt;
//  - a DR read of an empty FIFO returns the last entry again (with its error bits in RSR);
//  - each access is decoded by `offset >> 2` and works on the whole 32-bit register: a 1- or
//    2-byte read returns the low bits of the register the offset falls in, a 1- or 2-byte write
//    writes its (zero-extended) value to it (QEMU's impl.min_access_size = 4);
//  - unknown offsets read 0 and ignore writes; FR, RIS, MIS writes and ICR reads too.
// Host input (`receive`) waits in a backlog (up to 1 MiB, then it is dropped) and moves into the
// FIFO as the guest makes room, so pasted text is not lost (QEMU's chardev plays that role).
import type { StateReader, StateWriter, VmState } from "./vmstate.ts";
import type { IrqLine, MmioDevice } from "./device.ts";

export const PL011_SIZE = 0x1000;
export const UARTDR = 0x00;
export const UARTRSR = 0x04;
export const UARTFR = 0x18;
export const UARTILPR = 0x20;
export const UARTIBRD = 0x24;
export const UARTFBRD = 0x28;
export const UARTLCR_H = 0x2c;
export const UARTCR = 0x30;
export const UARTIFLS = 0x34;
export const UARTIMSC = 0x38;
export const UARTRIS = 0x3c;
export const UARTMIS = 0x40;
export const UARTICR = 0x44;
export const UARTDMACR = 0x48;

export const FR_RI = 0x100;
export const FR_TXFE = 0x80;
export const FR_RXFF = 0x40;
export const FR_TXFF = 0x20;
export const FR_RXFE = 0x10;
export const FR_DCD = 0x04;
export const FR_DSR = 0x02;
export const FR_CTS = 0x01;

export const INT_OE = 1 << 10;
export const INT_BE = 1 << 9;
export const INT_PE = 1 << 8;
export const INT_FE = 1 << 7;
export const INT_RT = 1 << 6;
export const INT_TX = 1 << 5;
export const INT_RX = 1 << 4;
export const INT_DSR = 1 << 3;
export const INT_DCD = 1 << 2;
export const INT_CTS = 1 << 1;
export const INT_RI = 1 << 0;

export const LCR_FEN = 1 << 4;
export const LCR_BRK = 1 << 0;
export const CR_OUT2 = 1 << 13;
export const CR_OUT1 = 1 << 12;
export const CR_RTS = 1 << 11;
export const CR_DTR = 1 << 10;
export const CR_RXE = 1 << 9;
export const CR_TXE = 1 << 8;
export const CR_LBE = 1 << 7;
export const CR_UARTEN = 1 << 0;
/** Break error bit of a received entry (DR bit 10). */
const DR_BE = 1 << 10;

const FIFO_DEPTH = 16;
/** UARTPeriphID0..3, UARTPCellID0..3 at 0xfe0..0xffc (QEMU's pl011_id_arm). */
const PL011_ID = [0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1];
/** Host input held behind the FIFO; beyond this, further input is dropped. */
export const PL011_BACKLOG_MAX = 1 << 20;

export class Pl011 implements MmioDevice, VmState {
  private readonly readFifo = new Uint32Array(FIFO_DEPTH);
  private readPos = 0;
  private readCount = 0;
  private readonly readTrigger = 1;
  private flags = 0;
  private lcr = 0;
  private rsr = 0;
  private cr = 0;
  private dmacr = 0;
  private intEnabled = 0;
  private intLevel = 0;
  private ilpr = 0;
  private ibrd = 0;
  private fbrd = 0;
  private ifl = 0;
  private irqLevel = false;

  private backlog: Uint8Array[] = [];
  private backlogPos = 0;
  private backlogBytes = 0;
  private readonly one = new Uint8Array(1);

  constructor(
    private readonly irq: IrqLine,
    private readonly output: (bytes: Uint8Array) => void,
  ) {
    this.reset();
  }

  /** Snapshots (QEMU's vmstate_pl011: registers, the receive FIFO; host input not yet in the FIFO is not saved). */
  saveState(w: StateWriter): void {
    for (const v of [this.readPos, this.readCount, this.flags, this.lcr, this.rsr, this.cr, this.dmacr, this.intEnabled, this.intLevel])
      w.u32(v);
    for (const v of [this.ilpr, this.ibrd, this.fbrd, this.ifl]) w.u32(v);
    w.bool(this.irqLevel).u32s(this.readFifo);
  }

  loadState(r: StateReader): () => void {
    // pl011_post_load's checks: the FIFO position and count within the FIFO.
    const readPos = r.range(r.u32(), 0, FIFO_DEPTH - 1, "read position"),
      readCount = r.range(r.u32(), 0, FIFO_DEPTH, "read count");
    const regs = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0].map(() => r.u32());
    const irqLevel = r.bool();
    const fifo = r.u32s(FIFO_DEPTH);
    return () => {
      this.readPos = readPos;
      this.readCount = readCount;
      [this.flags, this.lcr, this.rsr, this.cr, this.dmacr, this.intEnabled, this.intLevel, this.ilpr, this.ibrd, this.fbrd, this.ifl] =
        regs;
      this.irqLevel = irqLevel;
      this.readFifo.set(fifo);
    };
  }

  /** QEMU's pl011_reset. The host backlog is kept. */
  reset(): void {
    this.lcr = 0;
    this.rsr = 0;
    this.dmacr = 0;
    this.intEnabled = 0;
    this.intLevel = 0;
    this.ilpr = 0;
    this.ibrd = 0;
    this.fbrd = 0;
    this.ifl = 0x12;
    this.cr = 0x300;
    this.flags = 0;
    this.resetRxFifo();
    this.flags |= FR_TXFE;
    this.update();
    this.pump();
  }

  /** Host input (keyboard, pasted text, test scripts), queued behind the FIFO. */
  receive(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const room = PL011_BACKLOG_MAX - this.backlogBytes;
    if (room <= 0) return;
    const chunk = bytes.slice(0, Math.min(room, bytes.length));
    this.backlog.push(chunk);
    this.backlogBytes += chunk.length;
    this.pump();
  }

  /** A break condition on the line (QEMU's CHR_EVENT_BREAK): a break entry in the FIFO. */
  receiveBreak(): void {
    if (this.loopback) return;
    this.rxPut(DR_BE);
  }

  /** Bytes of host input waiting behind the FIFO (not counting the FIFO itself). */
  get pendingInput(): number {
    return this.backlogBytes;
  }

  /** True while UARTINTR is asserted. */
  get irqAsserted(): boolean {
    return this.irqLevel;
  }

  read(offset: number, size: number): number {
    const v = this.readReg(offset);
    return size >= 4 ? v >>> 0 : v & ((1 << (8 * size)) - 1);
  }

  write(offset: number, size: number, value: number): void {
    this.writeReg(offset, size >= 4 ? value >>> 0 : value & ((1 << (8 * size)) - 1));
  }

  private get loopback(): boolean {
    return (this.cr & CR_LBE) !== 0;
  }

  private get fifoDepth(): number {
    return this.lcr & LCR_FEN ? FIFO_DEPTH : 1;
  }

  private readReg(offset: number): number {
    switch (offset >> 2) {
      case 0:
        return this.readRxData();
      case 1:
        return this.rsr;
      case 6:
        return this.flags;
      case 8:
        return this.ilpr;
      case 9:
        return this.ibrd;
      case 10:
        return this.fbrd;
      case 11:
        return this.lcr;
      case 12:
        return this.cr;
      case 13:
        return this.ifl;
      case 14:
        return this.intEnabled;
      case 15:
        return this.intLevel;
      case 16:
        return this.intLevel & this.intEnabled;
      case 18:
        return this.dmacr;
      default:
        if (offset >= 0xfe0 && offset < 0x1000) return PL011_ID[(offset - 0xfe0) >> 2];
        return 0;
    }
  }

  private writeReg(offset: number, value: number): void {
    switch (offset >> 2) {
      case 0:
        this.writeTxData(value & 0xff);
        break;
      case 1: // UARTECR: any write clears the error bits
        this.rsr = 0;
        break;
      case 8:
        this.ilpr = value;
        break;
      case 9:
        this.ibrd = value & 0xffff;
        break;
      case 10:
        this.fbrd = value & 0x3f;
        break;
      case 11: {
        // Enabling or disabling the FIFOs empties them.
        if ((this.lcr ^ value) & LCR_FEN) {
          this.resetRxFifo();
          this.flags = (this.flags & ~FR_TXFF) | FR_TXFE;
        }
        if ((this.lcr ^ value) & LCR_BRK && value & LCR_BRK && this.loopback) this.rxPut(DR_BE);
        this.lcr = value;
        this.pump();
        break;
      }
      case 12:
        this.cr = value;
        this.loopbackModemControl();
        this.pump();
        break;
      case 13:
        this.ifl = value;
        break;
      case 14:
        this.intEnabled = value;
        this.update();
        break;
      case 17:
        this.intLevel &= ~value;
        this.update();
        break;
      case 18:
        this.dmacr = value; // DMA is not implemented (as in QEMU)
        break;
    }
  }

  /** QEMU's pl011_write_txdata: out at once; TXRIS set; in loopback the byte comes back. */
  private writeTxData(byte: number): void {
    this.one[0] = byte;
    this.output(this.one);
    if (this.loopback) this.rxPut(byte);
    this.intLevel |= INT_TX;
    this.update();
  }

  /** QEMU's pl011_read_rxdata. */
  private readRxData(): number {
    const depth = this.fifoDepth;
    this.flags &= ~FR_RXFF;
    const c = this.readFifo[this.readPos];
    if (this.readCount > 0) {
      this.readCount--;
      this.readPos = (this.readPos + 1) & (depth - 1);
    }
    if (this.readCount === 0) this.flags |= FR_RXFE;
    if (this.readCount === this.readTrigger - 1) this.intLevel &= ~INT_RX;
    this.rsr = c >>> 8;
    this.update();
    this.pump();
    return c;
  }

  /**
   * QEMU's pl011_fifo_rx_put. Host input only comes when there is room (pump); loopback bypasses
   * that check as in QEMU, overwriting the oldest slot and letting the count exceed the depth.
   */
  private rxPut(value: number): void {
    const depth = this.fifoDepth;
    const slot = (this.readPos + this.readCount) & (depth - 1);
    this.readFifo[slot] = value;
    this.readCount++;
    this.flags &= ~FR_RXFE;
    if (this.readCount === depth) this.flags |= FR_RXFF;
    if (this.readCount === this.readTrigger) {
      this.intLevel |= INT_RX;
      this.update();
    }
  }

  private resetRxFifo(): void {
    this.readCount = 0;
    this.readPos = 0;
    this.flags = (this.flags & ~FR_RXFF) | FR_RXFE;
  }

  /** QEMU's pl011_loopback_mdmctrl: in loopback the modem outputs drive the modem status inputs. */
  private loopbackModemControl(): void {
    if (!this.loopback) return;
    const cr = this.cr;
    let fr = this.flags & ~(FR_RI | FR_DCD | FR_DSR | FR_CTS);
    if (cr & CR_OUT2) fr |= FR_RI;
    if (cr & CR_OUT1) fr |= FR_DCD;
    if (cr & CR_RTS) fr |= FR_CTS;
    if (cr & CR_DTR) fr |= FR_DSR;
    let il = this.intLevel & ~(INT_DSR | INT_DCD | INT_CTS | INT_RI);
    if (fr & FR_DSR) il |= INT_DSR;
    if (fr & FR_DCD) il |= INT_DCD;
    if (fr & FR_CTS) il |= INT_CTS;
    if (fr & FR_RI) il |= INT_RI;
    this.flags = fr;
    this.intLevel = il;
    this.update();
  }

  /** Moves host input into the FIFO while it has room (QEMU's pl011_can_receive / pl011_receive). */
  private pump(): void {
    if (this.loopback) return; // the receive input is disconnected in loopback
    while (this.backlogBytes > 0 && this.readCount < this.fifoDepth) {
      const chunk = this.backlog[0];
      this.rxPut(chunk[this.backlogPos++]);
      this.backlogBytes--;
      if (this.backlogPos === chunk.length) {
        this.backlog.shift();
        this.backlogPos = 0;
      }
    }
  }

  private update(): void {
    const level = (this.intLevel & this.intEnabled) !== 0;
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.irq.set(level);
    }
  }
}
