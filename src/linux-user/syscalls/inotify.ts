// inotify_init, inotify_init1, inotify_add_watch, inotify_rm_watch (Linux's fs/notify/inotify/
// inotify_user.c, in its order of checks). The instance, its queue and the kernel's watch table
// are src/linux-user/inotify.ts; the events come from the file calls (io.ts, fs.ts).
import * as E from "../errno.ts";
import { O, S_IFDIR, S_IFMT } from "../errno.ts";
import { ALL_INOTIFY_BITS, IN, InotifyFile } from "../inotify.ts";
import type { AbiLayouts } from "../layouts.ts";
import type { SyscallHandler } from "../syscall-table.ts";
import type { Task } from "../task.ts";
import { AT_FDCWD, AT_SYMLINK_NOFOLLOW, pathArg, procNode, resolvePath } from "./common.ts";
import { statAt } from "./fs.ts";

export function inotifySyscalls(L: AbiLayouts) {
  const flagsIn = (f: number) => (L.openFlags ? L.openFlags.toGeneric(f) : f);

  function init(t: Task, flags: number): number {
    // IN_CLOEXEC and IN_NONBLOCK are the ABI's O_CLOEXEC and O_NONBLOCK
    const f = flagsIn(flags);
    if (f & ~(O.CLOEXEC | O.NONBLOCK)) return -E.EINVAL;
    return t.fds.install(new InotifyFile(t.fsnotify, f), (f & O.CLOEXEC) !== 0);
  }

  function instance(t: Task, fd: number): InotifyFile | number {
    const d = t.fds.get(fd);
    if (!d) return -E.EBADF;
    return d instanceof InotifyFile ? d : -E.EINVAL;
  }

  const handlers = {
    inotify_init: (t) => init(t, 0),
    inotify_init1: (t, a) => init(t, a.int(0)),
    /** inotify_add_watch(fd, path, mask): the watch's descriptor (the same one again for an inode already watched). */
    inotify_add_watch: (t, a) => {
      const mask = a.uint(2);
      if (mask & ~ALL_INOTIFY_BITS || !(mask & ALL_INOTIFY_BITS)) return -E.EINVAL;
      const d = t.fds.get(a.int(0));
      if (!d) return -E.EBADF;
      if (mask & IN.MASK_ADD && mask & IN.MASK_CREATE) return -E.EINVAL;
      const inst = instance(t, a.int(0));
      if (typeof inst === "number") return inst;
      const path = pathArg(t, a, 1);
      if (typeof path === "number") return path;
      const st = statAt(t, AT_FDCWD, path, mask & IN.DONT_FOLLOW ? AT_SYMLINK_NOFOLLOW : 0);
      if (typeof st === "number") return st;
      if (mask & IN.ONLYDIR && (st.mode & S_IFMT) !== S_IFDIR) return -E.ENOTDIR;
      // the host path, for the scan for changes other programs make (none for the kernel's own /proc nodes)
      const hp = path.startsWith("/") && procNode(t, path) ? null : resolvePath(t, AT_FDCWD, path, true);
      return inst.addWatch(st, mask, typeof hp === "string" ? hp : null);
    },
    /** inotify_rm_watch(fd, wd): the watch ends with IN_IGNORED. */
    inotify_rm_watch: (t, a) => {
      const inst = instance(t, a.int(0));
      return typeof inst === "number" ? inst : inst.rmWatch(a.int(1));
    },
  } satisfies Record<string, SyscallHandler>;
  return handlers;
}
