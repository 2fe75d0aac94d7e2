// What execve runs (Linux's fs/exec.c do_open_execat with binfmt_elf and binfmt_script): the file
// is looked up as an absolute guest path (the sysroot's copy first, as qemu's -L) or relative to
// the working directory; it must be a regular file with an execute bit; a guest ELF of the running
// architecture is loaded, a "#!" script runs its interpreter (argv becomes interpreter, optional
// argument, script path, the old argv[1..]), up to four levels deep; anything else — another
// architecture's ELF, a file the host would run, garbage — is ENOEXEC, as it is for Linux
// without a binfmt_misc handler (shells then run the file as a script themselves).
import { ElfError } from "./elf.ts";
import { EACCES, ELOOP, ENOENT, ENOEXEC, S_IFDIR, S_IFMT, S_IFREG } from "./errno.ts";
import type { ElfTarget } from "./elf.ts";
import type { LinuxHost } from "./host-api.ts";
import { parseElfFile, type ElfFile } from "./loader.ts";
import { joinPath } from "./paths.ts";
import { bytesToByteString } from "./bytes.ts";
import type { NamedPipes } from "./fifos.ts";
import { CAP_DAC_OVERRIDE, hasCap, type CapSets } from "./capabilities.ts";

/** What a process offers to resolve an executable. */
export interface ExecContext {
  readonly host: LinuxHost;
  readonly cwd: string;
  readonly abi: { readonly elf: ElfTarget };
  sysrootPath(p: string): string;
  openExecutable(hostPath: string): ElfFile | number;
  /** The host path a /proc or /dev/fd link names (/proc/self/exe, /proc/<pid>/fd/N), -errno, or null for other paths. */
  procTarget(path: string): string | number | null;
  /** The kernel's named pipes: their placeholders are regular files on the host but not to the guest. */
  readonly namedPipes?: NamedPipes;
  /** The caller's capabilities (CAP_DAC_OVERRIDE executes a file with any x bit); absent: none. */
  readonly caps?: CapSets;
}

/** A resolved program, ready to load. */
export interface ExecImage {
  exe: ElfFile;
  /** Its host path (the process makes it canonical when /proc/self/exe is read). */
  exePath: string;
  /** The path execve was given (AT_EXECFN, the command name). */
  execfn: string;
  argv: string[];
  /** Releases the open file once loaded. */
  close(): void;
}

/** Linux's BINPRM_BUF_SIZE: how much of a "#!" line the kernel reads. */
const BINPRM_BUF_SIZE = 256;

export function prepareExec(ctx: ExecContext, filename: string, argv: string[]): ExecImage | number {
  const fs = ctx.host.fs;
  let file = filename;
  let args = argv;
  for (let depth = 0; depth < 5; depth++) {
    if (file === "") return -ENOENT;
    const proc = file.startsWith("/") ? ctx.procTarget(file) : null;
    if (typeof proc === "number") return proc;
    const hp = proc ?? (file.startsWith("/") ? ctx.sysrootPath(file) : joinPath(ctx.cwd, file));
    const st = fs.stat(hp, true);
    if (typeof st === "number") return st;
    const type = st.mode & S_IFMT;
    if (type === S_IFDIR || type !== S_IFREG || ctx.namedPipes?.find(st)) return -EACCES;
    if ((st.mode & 0o111) === 0) return -EACCES;
    // execute permission: the host's access(), or CAP_DAC_OVERRIDE with any x bit (generic_permission)
    if (fs.access(hp, 1) < 0 && !(ctx.caps && hasCap(ctx.caps, CAP_DAC_OVERRIDE))) return -EACCES;
    const f = ctx.openExecutable(hp);
    if (typeof f === "number") return f;
    const close = () => f.close?.();
    const h = f.head;
    if (h.length >= 4 && h[0] === 0x7f && h[1] === 0x45 && h[2] === 0x4c && h[3] === 0x46) {
      try {
        parseElfFile(f, file, ctx.abi.elf);
      } catch (e) {
        close();
        if (e instanceof ElfError) return -ENOEXEC;
        throw e;
      }
      return { exe: f, exePath: hp, execfn: filename, argv: args, close };
    }
    close();
    if (h.length >= 2 && h[0] === 0x23 && h[1] === 0x21) {
      const line = scriptLine(h.subarray(2, BINPRM_BUF_SIZE));
      if (!line) return -ENOEXEC;
      args = [line.interp, ...(line.arg === null ? [] : [line.arg]), file, ...args.slice(1)];
      file = line.interp;
      continue;
    }
    return -ENOEXEC;
  }
  return -ELOOP;
}

/**
 * The interpreter and optional argument of a "#!" line (binfmt_script's rules): blanks before the
 * interpreter are skipped, the interpreter ends at a blank, and everything after it up to the end
 * of the line, blanks trimmed, is one argument. A line longer than the buffer whose interpreter
 * does not fit is refused.
 */
function scriptLine(b: Uint8Array): { interp: string; arg: string | null } | null {
  let end = b.indexOf(0x0a);
  const complete = end >= 0;
  if (!complete) end = b.length;
  const text = bytesToByteString(b.subarray(0, end)).replace(/\0.*$/, "");
  const m = /^[ \t]*([^ \t]*)[ \t]*(.*?)[ \t]*$/.exec(text);
  if (!m || m[1] === "") return null;
  if (!complete && m[2] === "" && end === b.length) return null; // the interpreter may be cut off
  return { interp: m[1], arg: m[2] === "" ? null : m[2] };
}
