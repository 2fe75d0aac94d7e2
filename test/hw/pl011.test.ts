// PL011 UART as QEMU 10.0's hw/char/pl011.c, driven the way Linux's amba-pl011 driver (16-bit
// register accesses, FIFO enabled) and its earlycon do, plus loopback and hostile accesses.
import { describe, expect, test } from "vitest";
import { IrqLatch } from "../../src/hw/device.ts";
import {
  CR_LBE,
  CR_RTS,
  CR_RXE,
  CR_TXE,
  CR_UARTEN,
  FR_CTS,
  FR_RXFE,
  FR_RXFF,
  FR_TXFE,
  INT_CTS,
  INT_RT,
  INT_RX,
  INT_TX,
  LCR_FEN,
  PL011_SIZE,
  Pl011,
  UARTCR,
  UARTDR,
  UARTFBRD,
  UARTFR,
  UARTIBRD,
  UARTICR,
  UARTIFLS,
  UARTIMSC,
  UARTLCR_H,
  UARTMIS,
  UARTRIS,
  UARTRSR,
} from "../../src/hw/pl011.ts";
import { fuzzMmio } from "./fuzz-util.ts";

function make() {
  const irq = new IrqLatch();
  const out: number[] = [];
  const u = new Pl011(irq, (b) => out.push(...b));
  return { u, irq, out };
}

const enc = (s: string) => new TextEncoder().encode(s);

/** pl011_startup + pl011_set_termios: 115200 8N1, FIFOs on, RX and RX-timeout interrupts. */
function linuxStartup(u: Pl011) {
  u.write(UARTIMSC, 2, 0);
  u.write(UARTICR, 2, 0x7ff);
  u.write(UARTIBRD, 2, 13);
  u.write(UARTFBRD, 2, 1);
  u.write(UARTLCR_H, 2, 0x70); // 8 bits, FIFO enable
  u.write(UARTIFLS, 2, 0x12);
  u.write(UARTCR, 2, CR_UARTEN | CR_TXE | CR_RXE | CR_RTS);
  u.write(UARTIMSC, 2, INT_RX | INT_RT);
}

describe("pl011", () => {
  test("reset values and PrimeCell IDs", () => {
    const { u } = make();
    expect(u.read(UARTFR, 4)).toBe(FR_RXFE | FR_TXFE);
    expect(u.read(UARTCR, 4)).toBe(0x300);
    expect(u.read(UARTIFLS, 4)).toBe(0x12);
    expect(u.read(UARTRIS, 4)).toBe(0);
    expect([0xfe0, 0xfe4, 0xfe8, 0xfec, 0xff0, 0xff4, 0xff8, 0xffc].map((o) => u.read(o, 4))).toEqual([
      0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
    ]);
  });

  test("transmit is instant and raises TXRIS; ICR clears it", () => {
    const { u, irq, out } = make();
    linuxStartup(u);
    for (const b of enc("hi\n")) u.write(UARTDR, 2, b);
    expect(String.fromCharCode(...out)).toBe("hi\n");
    expect(u.read(UARTRIS, 2) & INT_TX).toBe(INT_TX);
    expect(irq.level).toBe(false); // TX not enabled
    u.write(UARTIMSC, 2, INT_RX | INT_RT | INT_TX);
    expect(irq.level).toBe(true);
    expect(u.read(UARTMIS, 2)).toBe(INT_TX);
    u.write(UARTICR, 2, INT_TX);
    expect(irq.level).toBe(false);
    expect(u.read(UARTFR, 2) & FR_TXFE).toBe(FR_TXFE);
  });

  test("receive: RXRIS when the first byte arrives, cleared when the FIFO empties; backlog behind the 16-entry FIFO", () => {
    const { u, irq } = make();
    linuxStartup(u);
    const text = "0123456789abcdefghij"; // 20 bytes: 16 in the FIFO, 4 waiting
    u.receive(enc(text));
    expect(irq.level).toBe(true);
    expect(u.read(UARTMIS, 2)).toBe(INT_RX);
    expect(u.read(UARTFR, 2) & FR_RXFF).toBe(FR_RXFF);
    expect(u.pendingInput).toBe(4);
    let got = "";
    while (!(u.read(UARTFR, 2) & FR_RXFE)) got += String.fromCharCode(u.read(UARTDR, 2) & 0xff);
    expect(got).toBe(text);
    expect(irq.level).toBe(false);
    expect(u.read(UARTRIS, 2) & INT_RX).toBe(0);
  });

  test("FIFOs off: a one-character holding register; the RT interrupt never fires (as in QEMU)", () => {
    const { u, irq } = make();
    u.write(UARTLCR_H, 4, 0x60);
    u.write(UARTIMSC, 4, INT_RX | INT_RT);
    u.receive(enc("ab"));
    expect(u.read(UARTFR, 4) & FR_RXFF).toBe(FR_RXFF);
    expect(u.pendingInput).toBe(1);
    expect(u.read(UARTDR, 4)).toBe(0x61);
    expect(u.read(UARTDR, 4)).toBe(0x62);
    expect(u.read(UARTRIS, 4) & INT_RT).toBe(0);
    expect(irq.level).toBe(false);
    // Reading an empty FIFO returns the last entry again.
    expect(u.read(UARTDR, 4)).toBe(0x62);
    expect(u.read(UARTRSR, 4)).toBe(0);
  });

  test("toggling LCR_H.FEN empties the receive FIFO", () => {
    const { u } = make();
    linuxStartup(u);
    u.receive(enc("xyz"));
    u.write(UARTLCR_H, 2, 0x60);
    // The FIFO was emptied, then the backlog (none) refilled it.
    expect(u.read(UARTFR, 2) & FR_RXFE).toBe(FR_RXFE);
    u.write(UARTLCR_H, 2, 0x60 | LCR_FEN);
  });

  test("loopback: transmitted bytes and break come back; modem outputs drive the status bits", () => {
    const { u, out } = make();
    linuxStartup(u);
    u.write(UARTCR, 2, CR_UARTEN | CR_TXE | CR_RXE | CR_LBE | CR_RTS);
    expect(u.read(UARTFR, 2) & FR_CTS).toBe(FR_CTS);
    expect(u.read(UARTRIS, 2) & INT_CTS).toBe(INT_CTS);
    u.write(UARTDR, 2, 0x41);
    expect(out).toEqual([0x41]);
    expect(u.read(UARTDR, 2)).toBe(0x41);
    u.write(UARTLCR_H, 2, 0x71); // break on
    expect(u.read(UARTDR, 2)).toBe(1 << 10);
    expect(u.read(UARTRSR, 2)).toBe(4); // BE in RSR
    u.write(UARTRSR, 2, 0);
    expect(u.read(UARTRSR, 2)).toBe(0);
    // External input waits while in loopback.
    u.receive(enc("q"));
    expect(u.read(UARTFR, 2) & FR_RXFE).toBe(FR_RXFE);
    u.write(UARTCR, 2, CR_UARTEN | CR_TXE | CR_RXE);
    expect(u.read(UARTDR, 2)).toBe(0x71);
  });

  test("accesses are decoded by offset >> 2 on whole registers (QEMU's 4-byte implementation size)", () => {
    const { u } = make();
    u.write(UARTIBRD, 4, 0x12345678);
    expect(u.read(UARTIBRD, 4)).toBe(0x5678); // 16 bits
    expect(u.read(UARTIBRD + 1, 1)).toBe(0x78); // the register's low byte, not its second byte
    u.write(UARTCR + 1, 1, 0x03); // writes CR = 3
    expect(u.read(UARTCR, 4)).toBe(3);
    expect(u.read(0x1c, 4)).toBe(0); // reserved
    u.write(UARTFR, 4, 0); // read-only
    expect(u.read(UARTFR, 4)).toBe(FR_RXFE | FR_TXFE);
  });

  test("hostile accesses", () => {
    const { u } = make();
    linuxStartup(u);
    const bad = fuzzMmio(u, PL011_SIZE, 100_000, 77, (rnd) => {
      if (rnd() % 4 === 0) u.receive(enc("z"));
    });
    expect(bad).toBe(0);
  });
});
