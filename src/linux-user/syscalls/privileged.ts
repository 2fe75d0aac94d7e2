// The calls that only change the machine itself (accounting, reboot, the terminal's hang-up,
// mounts, swap). Without the capability Linux refuses them (EPERM), after the
// argument checks it makes first, in its order; that answer is the guest's too (qemu-user passes
// them to the host, which refuses them the same way). With the capability tciemu never touches the
// host machine, and has no mounts, swap or modules of its own: the call is ENOSYS, after the same
// argument checks (EINVAL for reboot's magic numbers, umount2's and swapon's flags). The module
// calls (init_module, finit_module, delete_module) stay ENOSYS: qemu-user does not pass them on.
import * as E from "../errno.ts";
import type { SyscallHandler } from "../syscall-table.ts";
import type { Task } from "../task.ts";
import { CAP_SYS_ADMIN, CAP_SYS_BOOT, CAP_SYS_PACCT, CAP_SYS_TTY_CONFIG, hasCap } from "../capabilities.ts";

const LINUX_REBOOT_MAGIC1 = 0xfee1dead;
const LINUX_REBOOT_MAGIC2 = [672274793, 85072278, 369367448, 537993216];
/** umount2's flags (ksys_umount): MNT_FORCE, MNT_DETACH, MNT_EXPIRE, UMOUNT_NOFOLLOW. */
const UMOUNT_FLAGS = 0x1 | 0x2 | 0x4 | 0x8;
/** swapon's flags (SWAP_FLAGS_VALID): the priority and its flag, the three discard flags. */
const SWAP_FLAGS_VALID = 0x7ffff;

/** A call refused without `cap` (EPERM), else ENOSYS. */
const needs =
  (cap: number): SyscallHandler =>
  (t: Task) =>
    hasCap(t.caps, cap) ? -E.ENOSYS : -E.EPERM;

/** The same after argument `arg`'s flags are checked against `valid` (EINVAL first). */
const needsWithFlags =
  (arg: number, valid: number, cap: number): SyscallHandler =>
  (t, a) =>
    a.int(arg) & ~valid ? -E.EINVAL : hasCap(t.caps, cap) ? -E.ENOSYS : -E.EPERM;

export const privilegedSyscalls = {
  /** acct(name) (kernel/acct.c): CAP_SYS_PACCT first. */
  acct: needs(CAP_SYS_PACCT),
  /** reboot(magic1, magic2, cmd, arg) (kernel/reboot.c): CAP_SYS_BOOT first, then the magic numbers (EINVAL). */
  reboot: ((t, a) => {
    if (!hasCap(t.caps, CAP_SYS_BOOT)) return -E.EPERM;
    if (a.uint(0) >>> 0 !== LINUX_REBOOT_MAGIC1 || !LINUX_REBOOT_MAGIC2.includes(a.uint(1) >>> 0)) return -E.EINVAL;
    return -E.ENOSYS;
  }) as SyscallHandler,
  /** vhangup() (fs/open.c): CAP_SYS_TTY_CONFIG. */
  vhangup: needs(CAP_SYS_TTY_CONFIG),
  /**
   * mount(...) (fs/namespace.c): may_mount's CAP_SYS_ADMIN. Linux copies the strings and looks the
   * target up before (EFAULT, ENOENT): not modelled, the refusal comes first here.
   */
  mount: needs(CAP_SYS_ADMIN),
  /** umount2(target, flags) (ksys_umount): unknown flags (EINVAL), then may_mount's CAP_SYS_ADMIN. */
  umount2: needsWithFlags(1, UMOUNT_FLAGS, CAP_SYS_ADMIN),
  /** umount(target) (i386's oldumount): umount2 with no flags. */
  umount: needs(CAP_SYS_ADMIN),
  /** pivot_root(new, old) (fs/namespace.c): may_mount first. */
  pivot_root: needs(CAP_SYS_ADMIN),
  /** swapon(path, flags) (mm/swapfile.c): unknown flags (EINVAL), then CAP_SYS_ADMIN. */
  swapon: needsWithFlags(1, SWAP_FLAGS_VALID, CAP_SYS_ADMIN),
  /** swapoff(path): CAP_SYS_ADMIN first. */
  swapoff: needs(CAP_SYS_ADMIN),
};
