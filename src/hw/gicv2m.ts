// GICv2m MSI frame, as QEMU's hw/intc/arm_gicv2m.c: the virt board puts one at 0x08020000 with 64
// SPIs starting at SPI 48 (interrupt IDs 80..143) for PCI MSIs. tciemu's virt has no PCI, but the
// frame is in QEMU's device tree and Linux's irq-gic-v2m driver probes it, so it is here too.
//
//   0x008 MSI_TYPER      read: first interrupt ID << 16 | number of SPIs
//   0x040 MSI_SETSPI_NS  write (2 or 4 bytes): pulse the SPI whose interrupt ID is value & 0x3ff
//   0xfcc MSI_IIDR       read: product ID 'Q' (0x51) << 20
//   0xfd0..0xffc         ID registers, read 0
// Everything else, and reads of a size other than 4, read 0 / are ignored (QEMU logs them).
import type { IrqLine, MmioDevice } from "./device.ts";

export const GICV2M_SIZE = 0x1000;
const V2M_MSI_TYPER = 0x008;
const V2M_MSI_SETSPI_NS = 0x040;
const V2M_MSI_IIDR = 0xfcc;

export class GicV2m implements MmioDevice {
  /**
   * @param spi the GIC's SPI inputs (`gic.spi`)
   * @param baseSpi first SPI of the frame (QEMU virt: 48)
   * @param numSpi number of SPIs (QEMU virt: NUM_GICV2M_SPIS = 64)
   */
  constructor(
    private readonly spi: (n: number) => IrqLine,
    readonly baseSpi: number,
    readonly numSpi: number,
  ) {}

  read(offset: number, size: number): number {
    if (size !== 4) return 0;
    switch (offset) {
      case V2M_MSI_TYPER:
        return (((this.baseSpi + 32) << 16) | this.numSpi) >>> 0;
      case V2M_MSI_IIDR:
        return 0x51 << 20;
      default:
        return 0;
    }
  }

  write(offset: number, size: number, value: number): void {
    if (size !== 2 && size !== 4) return;
    if (offset !== V2M_MSI_SETSPI_NS) return;
    const n = (value & 0x3ff) - (this.baseSpi + 32);
    if (n < 0 || n >= this.numSpi) return;
    // qemu_irq_pulse: an edge into the GIC (the SPI must be configured edge-triggered to latch).
    const line = this.spi(this.baseSpi + n);
    line.set(true);
    line.set(false);
  }
}
