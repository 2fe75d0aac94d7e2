// ns16550a UART as QEMU's hw/char/serial.c (serial_mm with reg-shift 0): 8 byte-wide registers,
// 16-byte receive FIFO, transmit that completes at once (the output callback is called per byte),
// THRE/RDA/character-timeout/line-status/modem-status interrupts per IER with the IIR priority
// encoding, loopback mode, and an unbounded-ish host input backlog behind the FIFO so that pasted
// input is not lost (QEMU's chardev layer plays that role).
//
// Differences from QEMU, all invisible to Linux's 8250 driver and OpenSBI's uart8250:
//  - the character timeout (IIR=0xC, "CTI") elapses at once: whenever the FIFO is enabled and holds
//    fewer bytes than the trigger level, the timeout interrupt is pending (QEMU waits 4 character
//    times). Data that reached the trigger level raises RDA (IIR=0x4) as usual.
//  - an access wider than one byte is split into byte accesses to consecutive registers (as QEMU's
//    memory core does for an 8-bit-only region) and the results are combined little-endian.
//  - offsets 8 and above (the DT declares 0x100 bytes; QEMU maps 8) read 0 and ignore writes.
import type { IrqLine, MmioDevice } from "./device.ts";
import type { StateReader, StateWriter, VmState } from "./vmstate.ts";

export const UART_RBR = 0; // receive buffer (read, DLAB=0)
export const UART_THR = 0; // transmit holding (write, DLAB=0)
export const UART_IER = 1;
export const UART_IIR = 2; // read
export const UART_FCR = 2; // write
export const UART_LCR = 3;
export const UART_MCR = 4;
export const UART_LSR = 5;
export const UART_MSR = 6;
export const UART_SCR = 7;

export const IER_RDI = 0x01;
export const IER_THRI = 0x02;
export const IER_RLSI = 0x04;
export const IER_MSI = 0x08;

export const IIR_NO_INT = 0x01;
export const IIR_MSI = 0x00;
export const IIR_THRI = 0x02;
export const IIR_RDI = 0x04;
export const IIR_RLSI = 0x06;
export const IIR_CTI = 0x0c;
export const IIR_FE = 0xc0;

export const FCR_FE = 0x01;
export const FCR_RFR = 0x02;
export const FCR_XFR = 0x04;

export const LCR_DLAB = 0x80;
export const LCR_SB = 0x40;

export const MCR_LOOP = 0x10;

export const LSR_DR = 0x01;
export const LSR_OE = 0x02;
export const LSR_PE = 0x04;
export const LSR_FE = 0x08;
export const LSR_BI = 0x10;
export const LSR_THRE = 0x20;
export const LSR_TEMT = 0x40;
const LSR_INT_ANY = LSR_OE | LSR_PE | LSR_FE | LSR_BI;

export const MSR_DCTS = 0x01;
export const MSR_DDSR = 0x02;
export const MSR_TERI = 0x04;
export const MSR_DDCD = 0x08;
export const MSR_CTS = 0x10;
export const MSR_DSR = 0x20;
export const MSR_RI = 0x40;
export const MSR_DCD = 0x80;
const MSR_ANY_DELTA = 0x0f;

const FIFO_LEN = 16;
/** Host input held behind the FIFO; beyond this, further input is dropped. */
export const UART_BACKLOG_MAX = 1 << 20;

export class Uart16550 implements MmioDevice, VmState {
  private rbr = 0;
  private ier = 0;
  private iir = IIR_NO_INT;
  private lcr = 0;
  private mcr = 0;
  private lsr = LSR_TEMT | LSR_THRE;
  private msr = MSR_DCD | MSR_DSR | MSR_CTS;
  private scr = 0;
  private fcr = 0;
  private divider = 0x0c; // 9600 baud at QEMU's 1.8432 MHz reference; only stored
  private thrIpending = false;
  private timeoutIpending = false;
  private itl = 1; // receive FIFO interrupt trigger level

  // receive FIFO: a 16-byte ring
  private readonly fifo = new Uint8Array(FIFO_LEN);
  private fifoHead = 0;
  private fifoCount = 0;

  // host input not yet in the FIFO: chunks, consumed from the front
  private backlog: Uint8Array[] = [];
  private backlogPos = 0;
  private backlogBytes = 0;
  private irqLevel = false;

  private readonly one = new Uint8Array(1);

  constructor(
    private readonly irq: IrqLine,
    private readonly output: (bytes: Uint8Array) => void,
  ) {}

  /** The guest-visible state (registers and receive FIFO); host input not yet in the FIFO is not part of it. */
  saveState(w: StateWriter): void {
    for (const v of [this.rbr, this.ier, this.iir, this.lcr, this.mcr, this.lsr, this.msr, this.scr, this.fcr, this.divider, this.itl])
      w.u32(v);
    w.bool(this.thrIpending).bool(this.timeoutIpending).bool(this.irqLevel);
    w.bytes(this.fifo).u32(this.fifoHead).u32(this.fifoCount);
  }

  loadState(r: StateReader): () => void {
    const regs: number[] = [];
    for (let i = 0; i < 11; i++) regs.push(r.range(r.u32(), 0, 0xffff, "register"));
    const thrIpending = r.bool(),
      timeoutIpending = r.bool(),
      irqLevel = r.bool();
    const fifo = r.bytes(FIFO_LEN);
    if (fifo.length !== FIFO_LEN) r.range(fifo.length, FIFO_LEN, FIFO_LEN, "FIFO size");
    const fifoHead = r.range(r.u32(), 0, FIFO_LEN - 1, "FIFO head"),
      fifoCount = r.range(r.u32(), 0, FIFO_LEN, "FIFO count");
    return () => {
      [this.rbr, this.ier, this.iir, this.lcr, this.mcr, this.lsr, this.msr, this.scr, this.fcr, this.divider, this.itl] = regs;
      this.thrIpending = thrIpending;
      this.timeoutIpending = timeoutIpending;
      this.irqLevel = irqLevel;
      this.fifo.set(fifo);
      this.fifoHead = fifoHead;
      this.fifoCount = fifoCount;
    };
  }

  /** Device reset (QEMU serial_reset). The host backlog is kept. */
  reset(): void {
    this.rbr = 0;
    this.ier = 0;
    this.iir = IIR_NO_INT;
    this.lcr = 0;
    this.mcr = 0;
    this.lsr = LSR_TEMT | LSR_THRE;
    this.msr = MSR_DCD | MSR_DSR | MSR_CTS;
    this.scr = 0;
    this.fcr = 0;
    this.divider = 0x0c;
    this.thrIpending = false;
    this.timeoutIpending = false;
    this.itl = 1;
    this.fifoHead = this.fifoCount = 0;
    this.updateIrq();
    this.pump();
  }

  /** Host input (keyboard, pasted text, test scripts). Bytes are queued behind the FIFO. */
  receive(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const room = UART_BACKLOG_MAX - this.backlogBytes;
    if (room <= 0) return;
    const chunk = bytes.slice(0, Math.min(room, bytes.length));
    this.backlog.push(chunk);
    this.backlogBytes += chunk.length;
    if (this.mcr & MCR_LOOP) return; // in loopback the external input is disconnected
    this.pump();
  }

  /** Bytes of host input waiting behind the FIFO (not counting the FIFO itself). */
  get pendingInput(): number {
    return this.backlogBytes;
  }

  /** LSR.DR without the side effects of reading LSR: received data is waiting. */
  get dataReady(): boolean {
    return (this.lsr & LSR_DR) !== 0;
  }

  /** True when the interrupt output is asserted. */
  get irqAsserted(): boolean {
    return this.irqLevel;
  }

  read(offset: number, size: number): number {
    if (size === 1) return this.readReg(offset);
    if (size !== 2 && size !== 4) return 0;
    let v = 0;
    for (let i = 0; i < size; i++) v |= this.readReg(offset + i) << (8 * i);
    return v >>> 0;
  }

  write(offset: number, size: number, value: number): void {
    if (size === 1) return this.writeReg(offset, value & 0xff);
    if (size !== 2 && size !== 4) return;
    for (let i = 0; i < size; i++) this.writeReg(offset + i, (value >>> (8 * i)) & 0xff);
  }

  private readReg(offset: number): number {
    switch (offset) {
      case 0: {
        if (this.lcr & LCR_DLAB) return this.divider & 0xff;
        let ret: number;
        if (this.fcr & FCR_FE) {
          ret = 0;
          if (this.fifoCount > 0) {
            ret = this.fifo[this.fifoHead];
            this.fifoHead = (this.fifoHead + 1) & (FIFO_LEN - 1);
            this.fifoCount--;
          }
          if (this.fifoCount === 0) this.lsr &= ~(LSR_DR | LSR_BI);
          this.timeoutIpending = false;
        } else {
          ret = this.rbr;
          this.lsr &= ~(LSR_DR | LSR_BI);
        }
        this.pump(); // refill from the backlog (QEMU: qemu_chr_fe_accept_input)
        this.updateTimeout();
        this.updateIrq();
        return ret;
      }
      case 1:
        return this.lcr & LCR_DLAB ? (this.divider >>> 8) & 0xff : this.ier;
      case 2: {
        const ret = this.iir;
        if ((ret & 0x0f) === IIR_THRI) {
          this.thrIpending = false;
          this.updateIrq();
        }
        return ret;
      }
      case 3:
        return this.lcr;
      case 4:
        return this.mcr;
      case 5: {
        const ret = this.lsr;
        if (this.lsr & (LSR_BI | LSR_OE)) {
          this.lsr &= ~(LSR_BI | LSR_OE);
          this.updateIrq();
        }
        return ret;
      }
      case 6: {
        if (this.mcr & MCR_LOOP) {
          // modem outputs looped back to the inputs: RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD
          return ((this.mcr & 0x0c) << 4) | ((this.mcr & 0x02) << 3) | ((this.mcr & 0x01) << 5);
        }
        const ret = this.msr;
        if (this.msr & MSR_ANY_DELTA) {
          this.msr &= ~MSR_ANY_DELTA;
          this.updateIrq();
        }
        return ret;
      }
      case 7:
        return this.scr;
      default:
        return 0;
    }
  }

  private writeReg(offset: number, val: number): void {
    switch (offset) {
      case 0:
        if (this.lcr & LCR_DLAB) {
          this.divider = (this.divider & 0xff00) | val;
          return;
        }
        this.thrIpending = false;
        this.lsr &= ~(LSR_THRE | LSR_TEMT);
        this.updateIrq();
        this.transmit(val);
        return;
      case 1: {
        if (this.lcr & LCR_DLAB) {
          this.divider = (this.divider & 0x00ff) | (val << 8);
          return;
        }
        const changed = (this.ier ^ val) & 0x0f;
        this.ier = val & 0x0f;
        if (changed & IER_THRI) this.thrIpending = (this.ier & IER_THRI) !== 0 && (this.lsr & LSR_THRE) !== 0;
        if (changed) this.updateIrq();
        return;
      }
      case 2: {
        // a change of the enable bit flushes both FIFOs
        if ((val ^ this.fcr) & FCR_FE) val |= FCR_XFR | FCR_RFR;
        if (val & FCR_RFR) {
          this.lsr &= ~(LSR_DR | LSR_BI);
          this.timeoutIpending = false;
          this.fifoHead = this.fifoCount = 0;
        }
        if (val & FCR_XFR) {
          this.lsr |= LSR_THRE;
          this.thrIpending = true;
        }
        this.fcr = val & 0xc9;
        if (this.fcr & FCR_FE) {
          this.iir |= IIR_FE;
          this.itl = [1, 4, 8, 14][val >>> 6];
        } else this.iir &= ~IIR_FE;
        this.pump();
        this.updateTimeout();
        this.updateIrq();
        return;
      }
      case 3:
        this.lcr = val;
        return;
      case 4: {
        const wasLoop = (this.mcr & MCR_LOOP) !== 0;
        this.mcr = val & 0x1f;
        if (wasLoop && !(this.mcr & MCR_LOOP)) this.pump();
        return;
      }
      case 5: // LSR: writes ignored (QEMU ignores them too)
      case 6: // MSR: read-only
        return;
      case 7:
        this.scr = val;
        return;
      default:
        return;
    }
  }

  private transmit(byte: number): void {
    if (this.mcr & MCR_LOOP) {
      // loopback: the byte comes back on the receive side (overrun if there is no room)
      this.receiveByte(byte);
    } else {
      this.one[0] = byte;
      this.output(this.one.slice());
    }
    this.lsr |= LSR_THRE | LSR_TEMT;
    this.thrIpending = true;
    this.updateTimeout();
    this.updateIrq();
  }

  /** Puts one byte into the receiver; sets OE if there is no room (only loopback can do that). */
  private receiveByte(byte: number): void {
    if (this.fcr & FCR_FE) {
      if (this.fifoCount === FIFO_LEN) {
        this.lsr |= LSR_OE;
        return;
      }
      this.fifo[(this.fifoHead + this.fifoCount) & (FIFO_LEN - 1)] = byte;
      this.fifoCount++;
    } else {
      if (this.lsr & LSR_DR) this.lsr |= LSR_OE;
      this.rbr = byte;
    }
    this.lsr |= LSR_DR;
  }

  /** Moves host input from the backlog into the receiver while there is room. */
  private pump(): void {
    if (this.mcr & MCR_LOOP || this.backlogBytes === 0) return;
    let moved = false;
    for (;;) {
      const room = this.fcr & FCR_FE ? FIFO_LEN - this.fifoCount : this.lsr & LSR_DR ? 0 : 1;
      if (room === 0 || this.backlogBytes === 0) break;
      const chunk = this.backlog[0];
      this.receiveByte(chunk[this.backlogPos++]);
      this.backlogBytes--;
      moved = true;
      if (this.backlogPos === chunk.length) {
        this.backlog.shift();
        this.backlogPos = 0;
      }
    }
    if (moved) {
      this.updateTimeout();
      this.updateIrq();
    }
  }

  /** The character timeout: pending while the FIFO holds data below the trigger level (elapses at once). */
  private updateTimeout(): void {
    this.timeoutIpending = (this.fcr & FCR_FE) !== 0 && this.fifoCount > 0;
  }

  private updateIrq(): void {
    let id = IIR_NO_INT;
    if (this.ier & IER_RLSI && this.lsr & LSR_INT_ANY) id = IIR_RLSI;
    else if (this.ier & IER_RDI && this.lsr & LSR_DR && (!(this.fcr & FCR_FE) || this.fifoCount >= this.itl)) id = IIR_RDI;
    else if (this.ier & IER_RDI && this.timeoutIpending) id = IIR_CTI;
    else if (this.ier & IER_THRI && this.thrIpending) id = IIR_THRI;
    else if (this.ier & IER_MSI && this.msr & MSR_ANY_DELTA) id = IIR_MSI;
    this.iir = id | (this.iir & 0xf0);
    const level = id !== IIR_NO_INT;
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.irq.set(level);
    }
  }
}
