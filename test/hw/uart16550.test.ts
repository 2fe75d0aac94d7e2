// ns16550a: driven the way OpenSBI's uart8250 and Linux's 8250 driver program it.
import { describe, expect, test } from "vitest";
import { IrqLatch } from "../../src/hw/device.ts";
import {
  FCR_FE,
  FCR_RFR,
  FCR_XFR,
  IER_RDI,
  IER_RLSI,
  IER_THRI,
  IIR_CTI,
  IIR_NO_INT,
  IIR_RDI,
  IIR_THRI,
  LCR_DLAB,
  LSR_DR,
  LSR_OE,
  LSR_TEMT,
  LSR_THRE,
  MCR_LOOP,
  UART_FCR,
  UART_IER,
  UART_IIR,
  UART_LCR,
  UART_LSR,
  UART_MCR,
  UART_MSR,
  UART_RBR,
  UART_SCR,
  UART_THR,
  Uart16550,
} from "../../src/hw/uart16550.ts";

function make() {
  const irq = new IrqLatch();
  const out: number[] = [];
  const u = new Uart16550(irq, (b) => out.push(...b));
  const rd = (r: number) => u.read(r, 1);
  const wr = (r: number, v: number) => u.write(r, 1, v);
  const text = () => String.fromCharCode(...out);
  return { u, irq, out, rd, wr, text };
}

const enc = (s: string) => new TextEncoder().encode(s);

describe("uart16550", () => {
  test("reset values", () => {
    const { rd, irq } = make();
    expect(rd(UART_LSR)).toBe(LSR_THRE | LSR_TEMT);
    expect(rd(UART_IIR)).toBe(IIR_NO_INT);
    expect(rd(UART_MSR)).toBe(0xb0); // DCD DSR CTS
    expect(rd(UART_IER)).toBe(0);
    expect(irq.level).toBe(false);
  });

  test("OpenSBI init and putc", () => {
    const { rd, wr, text, u } = make();
    // uart8250_device_init: IER=0, DLAB, divisor, 8N1, FIFO on, MCR=0, drain RBR, SCR=0
    wr(UART_IER, 0);
    wr(UART_LCR, LCR_DLAB);
    wr(0, 0x01);
    wr(1, 0x00);
    expect(rd(0)).toBe(1);
    expect(rd(1)).toBe(0);
    wr(UART_LCR, 0x03);
    wr(UART_FCR, FCR_FE);
    wr(UART_MCR, 0);
    rd(UART_LSR);
    rd(UART_RBR);
    wr(UART_SCR, 0);
    for (const c of "OpenSBI v1.6\n") {
      while (!(rd(UART_LSR) & LSR_THRE)) {}
      wr(UART_THR, c.charCodeAt(0));
    }
    expect(text()).toBe("OpenSBI v1.6\n");
    expect(rd(UART_LSR) & (LSR_THRE | LSR_TEMT)).toBe(LSR_THRE | LSR_TEMT);
    // the divisor latch was not transmitted
    expect(u.read(UART_LCR, 1)).toBe(3);
  });

  test("Linux 8250 startup THRE test and THRI interrupts", () => {
    const { rd, wr, irq, text } = make();
    wr(UART_FCR, FCR_FE | FCR_RFR | FCR_XFR);
    wr(UART_FCR, 0);
    rd(UART_LSR);
    rd(UART_RBR);
    rd(UART_IIR);
    rd(UART_MSR);
    wr(UART_LCR, 0x03);
    // THRE test: enabling THRI with THR empty raises it at once
    wr(UART_IER, IER_THRI);
    expect(rd(UART_IIR) & 0x0f).toBe(IIR_THRI);
    wr(UART_IER, 0);
    expect(irq.level).toBe(false);
    wr(UART_IER, IER_THRI);
    expect(irq.level).toBe(true);
    const iir = rd(UART_IIR);
    expect(iir & IIR_NO_INT).toBe(0);
    // reading IIR=THRI acknowledges it
    expect(irq.level).toBe(false);
    expect(rd(UART_IIR) & 0x0f).toBe(IIR_NO_INT);
    wr(UART_IER, 0);
    // FIFO on, trigger 8 (UART_FCR_R_TRIG_10): IIR shows the FIFO bits
    wr(UART_FCR, 0x81);
    expect(rd(UART_IIR) & 0xc0).toBe(0xc0);
    // transmit with THRI enabled: every byte completes and re-raises THRI
    wr(UART_IER, IER_RDI | IER_RLSI | IER_THRI);
    expect(irq.level).toBe(true);
    wr(UART_THR, 0x41);
    expect(irq.level).toBe(true);
    expect(rd(UART_IIR)).toBe(0xc0 | IIR_THRI);
    expect(irq.level).toBe(false);
    expect(text()).toBe("A");
  });

  test("receive without FIFO: RDI per byte, the backlog refills RBR", () => {
    const { u, rd, wr, irq } = make();
    wr(UART_IER, IER_RDI);
    u.receive(enc("hi!"));
    expect(irq.level).toBe(true);
    expect(rd(UART_IIR)).toBe(IIR_RDI);
    expect(rd(UART_LSR) & LSR_DR).toBe(LSR_DR);
    expect(u.pendingInput).toBe(2);
    let s = "";
    while (rd(UART_LSR) & LSR_DR) s += String.fromCharCode(rd(UART_RBR));
    expect(s).toBe("hi!");
    expect(irq.level).toBe(false);
    expect(rd(UART_LSR) & LSR_OE).toBe(0);
  });

  test("FIFO: character timeout below the trigger level, RDA at it", () => {
    const { u, rd, wr, irq } = make();
    wr(UART_FCR, 0x81 | FCR_RFR | FCR_XFR); // trigger 8
    wr(UART_IER, IER_RDI);
    u.receive(enc("abc"));
    expect(irq.level).toBe(true);
    expect(rd(UART_IIR)).toBe(0xc0 | IIR_CTI);
    expect(String.fromCharCode(rd(UART_RBR), rd(UART_RBR), rd(UART_RBR))).toBe("abc");
    expect(irq.level).toBe(false);
    expect(rd(UART_IIR)).toBe(0xc0 | IIR_NO_INT);
    u.receive(enc("0123456789"));
    expect(rd(UART_IIR)).toBe(0xc0 | IIR_RDI);
    // draining below the trigger leaves the timeout pending until empty
    for (let i = 0; i < 5; i++) rd(UART_RBR);
    expect(rd(UART_IIR)).toBe(0xc0 | IIR_CTI);
    let s = "";
    while (rd(UART_LSR) & LSR_DR) s += String.fromCharCode(rd(UART_RBR));
    expect(s).toBe("56789");
    expect(irq.level).toBe(false);
  });

  test("pasted input beyond the FIFO is not lost", () => {
    const { u, rd, wr } = make();
    wr(UART_FCR, 0xc1); // trigger 14
    wr(UART_IER, IER_RDI);
    const text = "The quick brown fox jumps over the lazy dog. ".repeat(50);
    u.receive(enc(text.slice(0, 1000)));
    u.receive(enc(text.slice(1000)));
    let s = "";
    while (rd(UART_LSR) & LSR_DR) s += String.fromCharCode(rd(UART_RBR));
    expect(s).toBe(text);
    expect(u.pendingInput).toBe(0);
  });

  test("FCR receive reset drops the FIFO, then the backlog flows in", () => {
    const { u, rd, wr } = make();
    wr(UART_FCR, FCR_FE);
    u.receive(new Uint8Array(40).fill(0x61));
    wr(UART_FCR, FCR_FE | FCR_RFR);
    // the FIFO was refilled with the next 16 bytes of the backlog
    let n = 0;
    while (rd(UART_LSR) & LSR_DR) (rd(UART_RBR), n++);
    expect(n).toBe(24);
  });

  test("loopback: transmit comes back, MSR mirrors MCR, overrun when full", () => {
    const { u, rd, wr, out } = make();
    wr(UART_MCR, MCR_LOOP | 0x0b); // DTR RTS OUT2
    expect(rd(UART_MSR) & 0xf0).toBe(0x10 | 0x20 | 0x80);
    wr(UART_THR, 0x5a);
    expect(out.length).toBe(0);
    expect(rd(UART_LSR) & LSR_DR).toBe(LSR_DR);
    wr(UART_THR, 0x5b); // no FIFO: overrun
    expect(rd(UART_LSR) & LSR_OE).toBe(LSR_OE);
    expect(rd(UART_LSR) & LSR_OE).toBe(0); // cleared by reading LSR
    expect(rd(UART_RBR)).toBe(0x5b);
    // external input waits while looping back
    u.receive(enc("x"));
    expect(rd(UART_LSR) & LSR_DR).toBe(0);
    wr(UART_MCR, 0);
    expect(rd(UART_RBR)).toBe(0x78);
  });

  test("wide accesses are split into byte registers; bad offsets and sizes are harmless", () => {
    const { u, rd, wr } = make();
    wr(UART_SCR, 0x42);
    wr(UART_LCR, 0x03);
    // a 4-byte read at 4 covers MCR LSR MSR SCR
    expect(u.read(4, 4)).toBe((0x42 << 24) | (0xb0 << 16) | (0x60 << 8) | 0);
    expect(u.read(8, 1)).toBe(0);
    expect(u.read(0xff, 4)).toBe(0);
    expect(u.read(0, 3)).toBe(0);
    expect(u.read(0, 8)).toBe(0);
    u.write(0x10, 4, 0x12345678);
    u.write(0, 8, 1);
    u.write(-5, 1, 1);
    expect(rd(UART_SCR)).toBe(0x42);
  });

  test("random register traffic never throws", () => {
    const { u } = make();
    let seed = 12345;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) & 0xffffff;
    for (let i = 0; i < 20000; i++) {
      const off = rnd() % 300;
      const size = [1, 2, 4, 8, 3, 0][rnd() % 6];
      if (rnd() & 1) u.read(off, size);
      else u.write(off, size, rnd() | (rnd() << 24));
      if (i % 100 === 0) u.receive(new Uint8Array(rnd() % 50));
    }
  });
});
