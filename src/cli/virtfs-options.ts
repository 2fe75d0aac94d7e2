// -virtfs, -fsdev and -device virtio-9p-device for tciemu-system-riscv64, parsed the way
// qemu-system-riscv64 parses them (util/qemu-option.c's QemuOpts syntax, system/vl.c's -virtfs,
// fsdev/qemu-fsdev.c, hw/9pfs/9p-local.c's local_parse_opts, hw/9pfs/9p.c's realize checks) and
// failing with QEMU's messages:
//
//   -virtfs local,path=DIR,mount_tag=TAG,security_model=none|passthrough[,readonly=on][,id=ID]
//   -fsdev local,id=ID,path=DIR,security_model=none|passthrough[,readonly=on]
//   -device virtio-9p-device,fsdev=ID,mount_tag=TAG        (virtio-9p-pci is accepted as a synonym:
//                                                            the board has no PCI, the guest sees the same share)
//
// security_model=none ignores failures to give new files the guest's owner (QEMU's none);
// passthrough reports them. mapped-xattr and mapped-file are refused: tciemu keeps no metadata.
// writeout=immediate and multidevs are accepted and have no effect (writes are never cached;
// inode numbers of other devices are mixed with the device number).
import { HostDirFs } from "./host-dir-fs.ts";
import { EACCES, ELOOP, EMFILE, ENAMETOOLONG, ENOENT, ENOTDIR, EPERM, FsError } from "../hw/9p/errno.ts";
import type { Virtio9pShare } from "../hw/virtio-9p.ts";
import { VIRTIO_9P_MAX_TAG } from "../hw/virtio-9p.ts";

/** A bad option: `message` is QEMU's text (a second line, if any, is QEMU's hint). */
export class OptionError extends Error {}

/** The keys QEMU's "virtfs" and "fsdev" option lists know (qemu-fsdev-opts.c). */
const FSDEV_KEYS = [
  "fsdriver",
  "path",
  "security_model",
  "writeout",
  "readonly",
  "multidevs",
  "socket",
  "sock_fd",
  "fmode",
  "dmode",
  "max_xattr",
];
const THROTTLE_KEYS = [
  "throttling.iops-total",
  "throttling.iops-read",
  "throttling.iops-write",
  "throttling.bps-total",
  "throttling.bps-read",
  "throttling.bps-write",
  "throttling.iops-total-max",
  "throttling.iops-read-max",
  "throttling.iops-write-max",
  "throttling.bps-total-max",
  "throttling.bps-read-max",
  "throttling.bps-write-max",
  "throttling.iops-total-max-length",
  "throttling.iops-read-max-length",
  "throttling.iops-write-max-length",
  "throttling.bps-total-max-length",
  "throttling.bps-read-max-length",
  "throttling.bps-write-max-length",
  "throttling.iops-size",
];
const VIRTFS_KEYS = new Set([...FSDEV_KEYS, "mount_tag"]);
const FSDEV_OPT_KEYS = new Set([...FSDEV_KEYS, ...THROTTLE_KEYS]);
/** Boolean keys (-virtfs/-fsdev's readonly; -drive's readonly and snapshot, drive-options.ts). */
const BOOL_KEYS = new Set(["readonly", "snapshot"]);
const NUMBER_KEYS = new Set(["sock_fd", "fmode", "dmode", "max_xattr"]);
/** Options the local driver accepts (9p-local.c's local_opts, validate_opt's list). */
const LOCAL_KEYS = new Set([
  "path",
  "security_model",
  "writeout",
  "readonly",
  "multidevs",
  "fmode",
  "dmode",
  "max_xattr",
  ...THROTTLE_KEYS,
]);
const SECURITY_MODEL_HINT = "Valid options are: security_model=[passthrough|mapped-xattr|mapped-file|none]";

export interface ParsedOpts {
  id: string | null;
  values: Map<string, string>;
  /** Warnings QEMU prints and goes on (short-form booleans). */
  warnings: string[];
}

/** An identifier as QEMU's id_wellformed wants it. */
function isIdentifier(s: string): boolean {
  return /^[A-Za-z][A-Za-z0-9._-]*$/.test(s);
}

/**
 * QEMU's opts_do_parse: "key=value,..." with ",," for a literal comma, the first element without
 * "=" naming `implied` (if given), "key" alone meaning key=on (deprecated) and "nokey" key=off.
 */
export function parseQemuOpts(arg: string, implied: string | null, keys: Set<string>): ParsedOpts {
  const values = new Map<string, string>();
  const warnings: string[] = [];
  let id: string | null = null;
  let i = 0;
  let first = true;
  while (i < arg.length) {
    // the name runs to "=" or ","
    let name = "";
    while (i < arg.length && arg[i] !== "=" && arg[i] !== ",") name += arg[i++];
    let value: string | null = null;
    if (arg[i] === "=") {
      i++;
      value = "";
      for (; i < arg.length; i++) {
        if (arg[i] === ",") {
          if (arg[i + 1] !== ",") break;
          i++;
        }
        value += arg[i];
      }
    }
    if (i < arg.length && arg[i] === ",") i++;
    if (value === null) {
      if (first && implied !== null) {
        value = name;
        name = implied;
      } else if (name.startsWith("no") && keys.has(name.slice(2)) && BOOL_KEYS.has(name.slice(2))) {
        name = name.slice(2);
        value = "off";
        warnings.push(`warning: short-form boolean option 'no${name}' deprecated\nPlease use ${name}=off instead`);
      } else {
        value = "on";
        warnings.push(`warning: short-form boolean option '${name}' deprecated\nPlease use ${name}=on instead`);
      }
    }
    first = false;
    if (name === "id") {
      if (!isIdentifier(value))
        throw new OptionError(
          "Parameter 'id' expects an identifier\nIdentifiers consist of letters, digits, '-', '.', '_', starting with a letter.",
        );
      id = value;
      continue;
    }
    if (!keys.has(name)) throw new OptionError(`Invalid parameter '${name}'`);
    if (BOOL_KEYS.has(name) && parseBool(value) === null) throw new OptionError(`Parameter '${name}' expects 'on' or 'off'`);
    if (NUMBER_KEYS.has(name) && !/^(0x[0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(value))
      throw new OptionError(`Parameter '${name}' expects a number`);
    values.set(name, value);
  }
  return { id, values, warnings };
}

/** A -device argument's driver (its first element, or driver=). */
export function deviceDriver(arg: string): string {
  return arg.startsWith("driver=") ? /^driver=([^,]*)/.exec(arg)![1] : arg.split(",")[0];
}

/** A -device argument's properties (`keys`), with QEMU's "Property 'DRIVER.KEY' not found" for any other. */
export function parseDeviceOpts(arg: string, keys: Set<string>): ParsedOpts {
  const where = `-device ${arg}`;
  try {
    return parseQemuOpts(arg, "driver", keys);
  } catch (e) {
    const m = /^Invalid parameter '(.*)'$/.exec((e as Error).message);
    throw new OptionError(`${where}: ${m ? `Property '${deviceDriver(arg)}.${m[1]}' not found` : (e as Error).message}`);
  }
}

/** QEMU's qapi_bool_parse. */
export function parseBool(v: string): boolean | null {
  if (v === "on" || v === "yes" || v === "true" || v === "y") return true;
  if (v === "off" || v === "no" || v === "false" || v === "n") return false;
  return null;
}

interface Fsdev {
  id: string;
  /** The option that defined it, for messages ("-virtfs ARG" or "-fsdev ARG"). */
  where: string;
  values: Map<string, string>;
}

interface Device {
  where: string;
  fsdev: string | null;
  tag: string | null;
}

/** Collects -virtfs/-fsdev/-device in command-line order; resolve() checks and opens them. */
export class VirtfsArgs {
  private readonly fsdevs: Fsdev[] = [];
  private readonly devices: Device[] = [];
  readonly warnings: string[] = [];

  get empty(): boolean {
    return this.fsdevs.length === 0 && this.devices.length === 0;
  }

  /** -virtfs: an fsdev (id = id= or the mount tag) plus a 9p device for it (system/vl.c). */
  addVirtfs(arg: string): void {
    const where = `-virtfs ${arg}`;
    const p = this.parse(where, arg, "fsdriver", VIRTFS_KEYS);
    const tag = p.values.get("mount_tag");
    if (!p.values.has("fsdriver") || tag === undefined) throw new OptionError(`${where}: Usage: -virtfs fsdriver,mount_tag=tag`);
    const id = p.id ?? tag;
    if (!isIdentifier(id) || this.fsdevs.some((f) => f.id === id)) throw new OptionError(`${where}: duplicate or invalid fsdev id: ${tag}`);
    const values = new Map(p.values);
    values.delete("mount_tag");
    // vl.c copies only these into the fsdev (fmode and dmode are dropped)
    for (const k of ["fmode", "dmode"]) values.delete(k);
    this.fsdevs.push({ id, where, values });
    this.devices.push({ where, fsdev: id, tag });
  }

  addFsdev(arg: string): void {
    const where = `-fsdev ${arg}`;
    const p = this.parse(where, arg, "fsdriver", FSDEV_OPT_KEYS);
    if (p.id === null) throw new OptionError(`${where}: fsdev: No id specified`);
    if (this.fsdevs.some((f) => f.id === p.id)) throw new OptionError(`${where}: Duplicate ID '${p.id}' for fsdev`);
    this.fsdevs.push({ id: p.id, where, values: p.values });
  }

  /** -device: only the 9p devices are known. */
  addDevice(arg: string): void {
    const where = `-device ${arg}`;
    const driver = deviceDriver(arg);
    if (driver !== "virtio-9p-device" && driver !== "virtio-9p-pci")
      throw new OptionError(`${where}: '${driver}' is not a valid device model name (tciemu's -device knows virtio-9p-device)`);
    const p = parseDeviceOpts(arg, new Set(["driver", "fsdev", "mount_tag", "bus", "addr"]));
    this.warnings.push(...p.warnings.map((w) => `${where}: ${w}`));
    this.devices.push({ where, fsdev: p.values.get("fsdev") ?? null, tag: p.values.get("mount_tag") ?? null });
  }

  private parse(where: string, arg: string, implied: string, keys: Set<string>): ParsedOpts {
    let p: ParsedOpts;
    try {
      p = parseQemuOpts(arg, implied, keys);
    } catch (e) {
      throw new OptionError(`${where}: ${(e as Error).message}`);
    }
    this.warnings.push(...p.warnings.map((w) => `${where}: ${w}`));
    return p;
  }

  /** Checks every fsdev and device (QEMU's order: fsdevs, then devices) and opens the directories. */
  resolve(): Virtio9pShare[] {
    const byId = new Map<string, { fs: Fsdev; readOnly: boolean; passthrough: boolean; path: string }>();
    for (const f of this.fsdevs) byId.set(f.id, { fs: f, ...checkFsdev(f) });
    const shares: Virtio9pShare[] = [];
    for (const d of this.devices) {
      const f = d.fsdev === null ? undefined : byId.get(d.fsdev);
      if (f === undefined) throw new OptionError(`${d.where}: 9pfs device couldn't find fsdev with the id = ${d.fsdev ?? "NULL"}`);
      if (d.tag === null) throw new OptionError(`${d.where}: fsdev with id ${f.fs.id} needs mount_tag arguments`);
      const bytes = new TextEncoder().encode(d.tag).length;
      if (bytes > VIRTIO_9P_MAX_TAG)
        throw new OptionError(`${d.where}: mount tag '${d.tag}' (${bytes} bytes) is longer than maximum (${VIRTIO_9P_MAX_TAG} bytes)`);
      let fs: HostDirFs;
      try {
        fs = new HostDirFs(f.path, { passthrough: f.passthrough });
      } catch (e) {
        const why = e instanceof FsError ? errnoText(e.errno) : String(e);
        throw new OptionError(`${d.where}: cannot initialize fsdev '${f.fs.id}': failed to open '${f.path}': ${why}`);
      }
      shares.push({ tag: d.tag, fs, readOnly: f.readOnly });
    }
    return shares;
  }
}

/** fsdev/qemu-fsdev.c's qemu_fsdev_add and 9p-local.c's local_parse_opts. */
function checkFsdev(f: Fsdev): { readOnly: boolean; passthrough: boolean; path: string } {
  const v = f.values;
  const fail = (msg: string): never => {
    throw new OptionError(`${f.where}: ${msg}`);
  };
  const driver = v.get("fsdriver");
  if (driver === undefined) fail("fsdev: No fsdriver specified");
  if (driver !== "local") fail(`fsdev: fsdriver ${driver} not found`);
  for (const k of v.keys()) if (k !== "fsdriver" && !LOCAL_KEYS.has(k)) fail(`'${k}' is invalid for fsdriver 'local'`);
  const maxXattr = v.get("max_xattr");
  if (maxXattr !== undefined && Number(maxXattr) > 0xffffffff) fail(`max_xattr value '${maxXattr}' too large`);
  const model = v.get("security_model");
  if (model === undefined) fail(`security_model property not set\n${SECURITY_MODEL_HINT}`);
  if (model !== "passthrough" && model !== "mapped" && model !== "mapped-xattr" && model !== "none" && model !== "mapped-file")
    fail(`invalid security_model property '${model}'\n${SECURITY_MODEL_HINT}`);
  const multidevs = v.get("multidevs");
  if (multidevs !== undefined && multidevs !== "remap" && multidevs !== "forbid" && multidevs !== "warn")
    fail(`invalid multidevs property '${multidevs}'\nValid options are: multidevs=[remap|forbid|warn]`);
  const path = v.get("path");
  if (path === undefined) fail("path property not set");
  const mapped = model === "mapped" || model === "mapped-xattr" || model === "mapped-file";
  if (!mapped && v.has("fmode")) fail("fmode is only valid for mapped security modes");
  if (!mapped && v.has("dmode")) fail("dmode is only valid for mapped security modes");
  if (mapped) fail(`security_model=${model} is not supported by tciemu (use none or passthrough)`);
  return { readOnly: parseBool(v.get("readonly") ?? "off") === true, passthrough: model === "passthrough", path: path! };
}

/** strerror() text for the errors opening a directory can give. */
function errnoText(errno: number): string {
  const text: Record<number, string> = {
    [ENOENT]: "No such file or directory",
    [ENOTDIR]: "Not a directory",
    [EACCES]: "Permission denied",
    [ELOOP]: "Too many levels of symbolic links",
    [EPERM]: "Operation not permitted",
    [ENAMETOOLONG]: "File name too long",
    [EMFILE]: "Too many open files",
  };
  return text[errno] ?? `error ${errno}`;
}
