// -drive, -device virtio-blk-device and -snapshot as qemu-system parses and opens them, for raw
// images on virtio-blk:
//   -drive file=F[,format=raw][,if=virtio][,readonly=on|off][,snapshot=on|off][,cache=...]...
//   -drive file=F,if=none,id=ID ... -device virtio-blk-device,drive=ID
// A drive with if=virtio is a disk by itself; one with if=none (or no if=, whose default on QEMU's
// riscv virt is an interface the board does not have) only when a -device takes it. Disks are in
// command-line order: the first is the guest's /dev/vda.
// A drive's file is the guest's disk: its writes go to the file, as QEMU's raw driver writes
// through (nothing is lost when tciemu ends, however it ends). readonly=on refuses the guest's
// writes (the device offers VIRTIO_BLK_F_RO); snapshot=on, or -snapshot for every drive, keeps
// them in memory and drops them at exit (QEMU puts them in a temporary overlay). Unlike QEMU,
// tciemu takes no lock on the file: two emulators given the same image both write it.
import * as fs from "node:fs";
import { memoryDisk, type BlockDevice } from "../hw/virtio-blk.ts";
import { deviceDriver, OptionError, parseBool, parseDeviceOpts, parseQemuOpts } from "./virtfs-options.ts";

export interface DriveOption {
  file: string;
  /** if=virtio: a disk of its own; else only through -device virtio-blk-device,drive=ID. */
  own: boolean;
  id: string | null;
  readOnly: boolean;
  snapshot: boolean;
  /** The option as given, for messages ("-drive ARG: ..."). */
  where: string;
}

/**
 * The keys a -drive takes (QEMU's qemu_common_drive_opts and the block layer's common ones);
 * the tuning ones (cache, aio, discard, ...) change nothing here.
 */
const DRIVE_KEYS = new Set([
  "file",
  "format",
  "if",
  "index",
  "bus",
  "unit",
  "media",
  "readonly",
  "snapshot",
  "cache",
  "cache.direct",
  "cache.no-flush",
  "aio",
  "discard",
  "detect-zeroes",
  "werror",
  "id",
  "rerror",
  "copy-on-read",
  "auto-read-only",
  "force-share",
]);

/** Parses one -drive argument (throws OptionError with QEMU's message). */
export function parseDrive(arg: string): DriveOption {
  const where = `-drive ${arg}`;
  let p;
  try {
    p = parseQemuOpts(arg, null, DRIVE_KEYS);
  } catch (e) {
    if (!(e instanceof OptionError)) throw e;
    const m = /^Invalid parameter '(.*)'$/.exec(e.message);
    // QEMU names the block layer's option, read-only
    const message = m ? `Block format 'raw' does not support the option '${m[1]}'` : e.message.replace("'readonly'", "'read-only'");
    throw new OptionError(`${where}: ${message}`);
  }
  const v = p.values;
  const bool = (key: string, shown: string): boolean => {
    const b = parseBool(v.get(key) ?? "off");
    if (b === null) throw new OptionError(`${where}: Parameter '${shown}' expects 'on' or 'off'`);
    return b;
  };
  const readOnly = bool("readonly", "read-only");
  const snapshot = bool("snapshot", "snapshot");
  const file = v.get("file");
  if (file === undefined || file === "") throw new OptionError(`${where}: A block device must be specified for "file"`);
  const format = v.get("format");
  if (format !== undefined && format !== "raw") throw new OptionError(`${where}: only format=raw is supported (tciemu)`);
  const iface = v.get("if");
  if (iface !== undefined && iface !== "virtio" && iface !== "none")
    throw new OptionError(`${where}: only if=virtio and if=none are supported (tciemu)`);
  const media = v.get("media");
  if (media !== undefined && media !== "disk") throw new OptionError(`${where}: only media=disk is supported (tciemu)`);
  return { file, own: iface === "virtio", id: p.id, readOnly, snapshot, where };
}

/** Collects -drive and -device virtio-blk-device in command-line order; resolve() pairs them. */
export class DriveArgs {
  private readonly drives: DriveOption[] = [];
  /** The disks in order: a drive of its own (if=virtio), or the id a -device names. */
  private readonly disks: Array<{ drive: DriveOption } | { id: string; where: string }> = [];

  addDrive(arg: string): void {
    const d = parseDrive(arg);
    if (d.id !== null && this.drives.some((x) => x.id === d.id)) throw new OptionError(`${d.where}: Duplicate ID '${d.id}' for drive`);
    this.drives.push(d);
    if (d.own) this.disks.push({ drive: d });
  }

  /** -device virtio-blk-device,drive=ID[,id=..][,serial=..] (or another virtio-blk-*, refused). */
  addDevice(arg: string): void {
    const where = `-device ${arg}`;
    const driver = deviceDriver(arg);
    if (driver === "virtio-blk-pci" || driver === "virtio-blk")
      throw new OptionError(`${where}: '${driver}' needs a PCI bus, which tciemu's virt boards do not have: use virtio-blk-device`);
    if (driver !== "virtio-blk-device") throw new OptionError(`${where}: '${driver}' is not a valid device model name`);
    const p = parseDeviceOpts(arg, new Set(["driver", "drive", "bus", "serial"]));
    const id = p.values.get("drive");
    if (id === undefined) throw new OptionError(`${where}: drive property not set`);
    this.disks.push({ id, where });
  }

  /** The disks, first /dev/vda (QEMU's messages for a drive that is missing or taken twice). */
  resolve(): DriveOption[] {
    const taken = new Set<DriveOption>();
    for (const d of this.drives) if (d.own) taken.add(d);
    const out: DriveOption[] = [];
    for (const x of this.disks) {
      if ("drive" in x) {
        out.push(x.drive);
        continue;
      }
      const d = this.drives.find((y) => y.id === x.id);
      if (d === undefined) throw new OptionError(`${x.where}: Property 'virtio-blk-device.drive' can't find value '${x.id}'`);
      if (d.own)
        throw new OptionError(
          `${d.where}: Drive '${x.id}' is already in use because it has been automatically connected to another device (did you need 'if=none' in the drive options?)`,
        );
      if (taken.has(d)) throw new OptionError(`${x.where}: Drive '${x.id}' is already in use by another device`);
      taken.add(d);
      out.push(d);
    }
    return out;
  }
}

/** Opens a drive (throws OptionError with QEMU's "Could not open" message). */
export function openDrive(d: DriveOption, snapshotAll: boolean): BlockDevice {
  let fd: number;
  try {
    fd = fs.openSync(d.file, d.readOnly || d.snapshot || snapshotAll ? "r" : "r+");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "No such file or directory" : code === "EACCES" || code === "EPERM" ? "Permission denied" : String(code ?? e);
    throw new OptionError(`${d.where}: Could not open '${d.file}': ${why}`);
  }
  const size = fs.fstatSync(fd).size;
  if (d.snapshot || snapshotAll) {
    // the guest's writes stay in memory; the file is read once
    const image = new Uint8Array(size);
    readAt(fd, 0, image);
    fs.closeSync(fd);
    return memoryDisk(image, d.readOnly);
  }
  return {
    size,
    readOnly: d.readOnly,
    read: (offset, dst) => readAt(fd, offset, dst),
    write: (offset, src) => {
      for (let done = 0; done < src.length;) done += fs.writeSync(fd, src, done, src.length - done, offset + done);
    },
    // the guest's flush (VIRTIO_BLK_T_FLUSH) is the host's fsync, as QEMU's with cache=writeback
    flush: () => fs.fsyncSync(fd),
  };
}

/** Fills `dst` from `offset`; past the end of the file (it shrank meanwhile) with zeros. */
function readAt(fd: number, offset: number, dst: Uint8Array): void {
  for (let done = 0; done < dst.length;) {
    const n = fs.readSync(fd, dst, done, dst.length - done, offset + done);
    if (n === 0) {
      dst.fill(0, done);
      return;
    }
    done += n;
  }
}
