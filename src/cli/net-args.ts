// -netdev / -device virtio-net-device / -nic for tciemu-system-riscv64, with qemu-system's syntax,
// defaults (MAC 52:54:00:12:34:56 + n) and error messages. Only the `user` backend exists.
import { parseMac } from "../net/ethernet.ts";
import { NetOptionError, splitQemuOptions, USER_NET_KEYS, userNetConfig, type UserNetConfig } from "../net/user-net-config.ts";

export interface NetdevSpec {
  id: string;
  config: UserNetConfig;
  used: boolean;
  /** "-netdev ARG" or "-nic ARG", for messages about this backend. */
  origin: string;
}

export interface NicSpec {
  /** The -netdev id it is connected to, or null (a NIC without backend). */
  netdev: string | null;
  mac: Uint8Array;
  /** The option text, for messages. */
  arg: string;
  option: "-device" | "-nic";
}

/** A resolved NIC: its MAC and the user-net configuration behind it (null: not connected). */
export interface NicPlan {
  mac: Uint8Array;
  config: UserNetConfig | null;
  /** The netdev's id (null: not connected) and "-netdev ARG" / "-nic ARG", for messages. */
  netdev: string | null;
  origin: string | null;
}

/** The error of one option: `${option} ${arg}: ${message}` as qemu prints it. */
export class NetArgError extends Error {}

const OTHER_BACKENDS = [
  "tap",
  "bridge",
  "socket",
  "stream",
  "dgram",
  "vde",
  "l2tpv3",
  "vhost-user",
  "vhost-vdpa",
  "hubport",
  "passt",
  "netmap",
  "af-xdp",
  "vmnet-host",
  "vmnet-shared",
  "vmnet-bridged",
];
const NIC_MODELS = ["virtio-net-device", "virtio", "virtio-net", "virtio-net-pci"];

function fail(option: string, arg: string, message: string): never {
  throw new NetArgError(`${option} ${arg}: ${message}`);
}

function checkId(option: string, arg: string, id: string): void {
  if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(id))
    fail(
      option,
      arg,
      "Parameter 'id' expects an identifier\nIdentifiers consist of letters, digits, '-', '.', '_', starting with a letter.",
    );
}

function checkType(option: string, arg: string, type: string): void {
  if (type === "user") return;
  if (OTHER_BACKENDS.includes(type)) fail(option, arg, `network backend '${type}' is not supported by tciemu (only 'user')`);
  fail(option, arg, `Parameter 'type' does not accept value '${type}'`);
}

function userConfig(option: string, arg: string, opts: Array<[string, string | null]>): UserNetConfig {
  try {
    return userNetConfig(opts);
  } catch (e) {
    if (e instanceof NetOptionError) fail(option, arg, e.message);
    throw e;
  }
}

export class NetArgs {
  readonly netdevs = new Map<string, NetdevSpec>();
  readonly nics: NicSpec[] = [];

  /** -netdev user,id=ID[,options] */
  addNetdev(arg: string): void {
    const opts = splitQemuOptions(arg);
    const [first] = opts;
    let type = first[1] === null ? first[0] : null;
    let id: string | null = null;
    const rest: Array<[string, string | null]> = [];
    for (const [i, [k, v]] of opts.entries()) {
      if (i === 0 && v === null) continue;
      if (k === "type") type = v ?? "";
      else if (k === "id") id = v ?? "";
      else rest.push([k, v]);
    }
    if (type === null) fail("-netdev", arg, "Parameter 'type' is missing");
    checkType("-netdev", arg, type);
    if (id === null) fail("-netdev", arg, "Parameter 'id' is missing");
    checkId("-netdev", arg, id);
    for (const [k] of rest) if (!(USER_NET_KEYS as readonly string[]).includes(k)) fail("-netdev", arg, `Invalid parameter '${k}'`);
    const config = userConfig("-netdev", arg, rest);
    if (this.netdevs.has(id)) fail("-netdev", arg, `Duplicate ID '${id}' for netdev`);
    this.netdevs.set(id, { id, config, used: false, origin: `-netdev ${arg}` });
  }

  /** -device virtio-net-device[,netdev=ID][,mac=MAC][,id=ID]; false if the device is not a NIC (not ours to parse). */
  addDevice(arg: string): boolean {
    const opts = splitQemuOptions(arg);
    const driver = opts[0][1] === null ? opts[0][0] : (opts.find(([k]) => k === "driver")?.[1] ?? "");
    if (driver === "virtio-net-pci" || driver === "virtio-net")
      fail("-device", arg, `'${driver}' needs a PCI bus, which tciemu's virt board does not have: use virtio-net-device`);
    if (driver !== "virtio-net-device") return false;
    let netdev: string | null = null;
    let mac: Uint8Array | null = null;
    for (const [i, [k, v]] of opts.entries()) {
      if (i === 0 && v === null) continue;
      if (k === "driver" || k === "id" || k === "bus") continue;
      if (k === "netdev") netdev = v ?? "";
      else if (k === "mac")
        mac = parseMac(v ?? "") ?? fail("-device", arg, `Property 'virtio-net-device.mac' doesn't take value '${v ?? ""}'`);
      else fail("-device", arg, `Property 'virtio-net-device.${k}' not found`);
    }
    this.nics.push({ netdev, mac: mac ?? this.defaultMac(), arg, option: "-device" });
    return true;
  }

  /** -nic user[,model=virtio-net-device][,mac=MAC][,user options] or -nic none */
  addNic(arg: string): void {
    const opts = splitQemuOptions(arg);
    const type = opts[0][1] === null ? opts[0][0] : (opts.find(([k]) => k === "type")?.[1] ?? "");
    if (type === "none") return;
    checkType("-nic", arg, type);
    let mac: Uint8Array | null = null;
    let id: string | null = null;
    const rest: Array<[string, string | null]> = [];
    for (const [i, [k, v]] of opts.entries()) {
      if (i === 0 && v === null) continue;
      if (k === "type") continue;
      if (k === "model") {
        if (!NIC_MODELS.includes(v ?? "")) fail("-nic", arg, `unsupported NIC model '${v ?? ""}' (tciemu has virtio-net-device)`);
      } else if (k === "mac")
        mac = parseMac(v ?? "") ?? fail("-nic", arg, `Property 'virtio-net-device.mac' doesn't take value '${v ?? ""}'`);
      else if (k === "id") id = v ?? "";
      else if ((USER_NET_KEYS as readonly string[]).includes(k)) rest.push([k, v]);
      else fail("-nic", arg, `Invalid parameter '${k}'`);
    }
    if (id !== null) checkId("-nic", arg, id);
    const config = userConfig("-nic", arg, rest);
    const nid = id ?? `__nic${this.nics.length}`;
    if (this.netdevs.has(nid)) fail("-nic", arg, `Duplicate ID '${nid}' for netdev`);
    this.netdevs.set(nid, { id: nid, config, used: true, origin: `-nic ${arg}` });
    this.nics.push({ netdev: nid, mac: mac ?? this.defaultMac(), arg, option: "-nic" });
  }

  private defaultMac(): Uint8Array {
    return new Uint8Array([0x52, 0x54, 0x00, 0x12, 0x34, 0x56 + this.nics.length]);
  }

  /** Connects NICs to netdevs (after all options are read, as QEMU does); warnings for netdevs without a NIC. */
  resolve(warn: (message: string) => void): NicPlan[] {
    const plans: NicPlan[] = [];
    for (const n of this.nics) {
      if (n.netdev === null) {
        plans.push({ mac: n.mac, config: null, netdev: null, origin: null });
        continue;
      }
      const d = this.netdevs.get(n.netdev);
      if (d === undefined) fail(n.option, n.arg, `Property 'virtio-net-device.netdev' can't find value '${n.netdev}'`);
      if (d.used && n.option === "-device")
        fail(n.option, n.arg, `Property 'virtio-net-device.netdev' can't take value '${n.netdev}', it's in use`);
      d.used = true;
      plans.push({ mac: n.mac, config: d.config, netdev: d.id, origin: d.origin });
    }
    for (const d of this.netdevs.values()) if (!d.used) warn(`warning: netdev ${d.id} has no peer`);
    return plans;
  }
}
