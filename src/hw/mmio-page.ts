// Several small MMIO devices sharing one guest page. The softmmu maps I/O a page at a time (one
// MmioDevice per TLB entry), but QEMU's ARM virt packs its virtio-mmio transports 0x200 bytes
// apart, eight to a 4 KiB page; an MmioPage is the one device the softmmu sees for such a page and
// hands each access to the device whose range holds it, with the offset made relative to that
// device. Offsets no device covers read 0 and ignore writes (QEMU would report a bus error there;
// on the virt board the transports tile their pages completely, so none are left).
import type { MmioDevice } from "./device.ts";

interface Slot {
  start: number;
  end: number;
  dev: MmioDevice;
}

export class MmioPage implements MmioDevice {
  private readonly slots: Slot[] = [];

  /** Adds `dev` at [offset, offset + size) of the page. */
  add(offset: number, size: number, dev: MmioDevice): this {
    this.slots.push({ start: offset, end: offset + size, dev });
    return this;
  }

  read(offset: number, size: number): number {
    const s = this.find(offset);
    return s === null ? 0 : s.dev.read(offset - s.start, size);
  }

  write(offset: number, size: number, value: number): void {
    const s = this.find(offset);
    if (s !== null) s.dev.write(offset - s.start, size, value);
  }

  private find(offset: number): Slot | null {
    for (const s of this.slots) if (offset >= s.start && offset < s.end) return s;
    return null;
  }
}
