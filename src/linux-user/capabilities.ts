// The guest's capabilities (Linux's cred->cap_*; kernel/capability.c, security/commoncap.c). The
// model: a guest process has the capabilities of the host process that runs the emulator (what
// qemu-user's guest has, since qemu passes capget/capset to its host), read by the host
// (LinuxHost.capabilities; root's full set when it does not say). capset and PR_CAPBSET_DROP can
// only take them away, per guest process, and a forked child inherits them; execve recomputes
// them as Linux does for a file without file capabilities. Every privilege check of the kernel
// asks `hasCap` here (Linux's capable()): what would change the host machine (its name, its
// clock, its NTP state) is then done to the guest kernel's own copy instead (Kernel.uts,
// Kernel.realtimeOffsetNs, Kernel.ntp), EPERM without it.
import type { HostCapabilities } from "./host-api.ts";

export const CAP_CHOWN = 0,
  CAP_DAC_OVERRIDE = 1,
  CAP_DAC_READ_SEARCH = 2,
  CAP_FOWNER = 3,
  CAP_KILL = 5,
  CAP_SETGID = 6,
  CAP_SETUID = 7,
  CAP_SETPCAP = 8,
  CAP_NET_ADMIN = 12,
  CAP_IPC_LOCK = 14,
  CAP_IPC_OWNER = 15,
  CAP_SYS_CHROOT = 18,
  CAP_SYS_PACCT = 20,
  CAP_SYS_ADMIN = 21,
  CAP_SYS_BOOT = 22,
  CAP_SYS_NICE = 23,
  CAP_SYS_RESOURCE = 24,
  CAP_SYS_TIME = 25,
  CAP_SYS_TTY_CONFIG = 26,
  CAP_MKNOD = 27,
  /** CAP_CHECKPOINT_RESTORE, the last one Linux 6.12 knows (cap_valid). */
  CAP_LAST_CAP = 40;

/** Every capability this kernel knows (a full set, as root's CapBnd reads 000001ffffffffff). */
export const ALL_CAPS = (1n << BigInt(CAP_LAST_CAP + 1)) - 1n;

/** A process's capability sets, as bit masks (bit n: capability n). */
export type CapSets = HostCapabilities;

/** The sets the first guest process starts with: the host's, else root's full set (no capability for another user). */
export function initialCaps(host: { capabilities?: HostCapabilities; uid?: number }): CapSets {
  if (host.capabilities) return { ...host.capabilities };
  const all = (host.uid ?? 0) === 0 ? ALL_CAPS : 0n;
  return { effective: all, permitted: all, inheritable: 0n, bounding: ALL_CAPS, ambient: 0n };
}

/** True when `caps` has capability `cap` in its effective set (capable()). */
export function hasCap(caps: CapSets, cap: number): boolean {
  return ((caps.effective >> BigInt(cap)) & 1n) === 1n;
}

/** Search (execute) permission on a directory despite its mode (generic_permission's CAP_DAC_READ_SEARCH or CAP_DAC_OVERRIDE). */
export function canSearchAnyDir(caps: CapSets): boolean {
  return hasCap(caps, CAP_DAC_READ_SEARCH) || hasCap(caps, CAP_DAC_OVERRIDE);
}

/** A valid capability number (cap_valid). */
export const capValid = (cap: number): boolean => cap >= 0 && cap <= CAP_LAST_CAP;

/**
 * The sets after execve of a file without file capabilities (cap_bprm_creds_from_file): root (real
 * or effective uid 0) gets its bounding set and inheritable set as permitted, effective for an
 * effective uid 0; anyone else keeps only its ambient set. The bounding and inheritable sets stay.
 */
export function capsAfterExec(c: CapSets, uid: number): CapSets {
  const root = uid === 0;
  const permitted = (root ? c.bounding | c.inheritable : 0n) | c.ambient;
  return { ...c, permitted, effective: root ? permitted : c.ambient };
}

/**
 * capset's checks (cap_capset): a new inheritable set within the old inheritable and permitted
 * sets (unless CAP_SETPCAP) and within the bounding set, a permitted set within the old one, an
 * effective set within the new permitted one; the ambient set keeps what stays both permitted and
 * inheritable. The new sets, or -EPERM.
 */
export function capset(old: CapSets, effective: bigint, permitted: bigint, inheritable: bigint): CapSets | null {
  const within = (a: bigint, b: bigint) => (a & ~b) === 0n;
  if (!hasCap(old, CAP_SETPCAP) && !within(inheritable, old.inheritable | old.permitted)) return null;
  if (!within(inheritable, old.inheritable | old.bounding)) return null;
  if (!within(permitted, old.permitted)) return null;
  if (!within(effective, permitted)) return null;
  return { ...old, effective, permitted, inheritable, ambient: old.ambient & permitted & inheritable };
}
