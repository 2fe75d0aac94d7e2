// Linux errno numbers, as 9P2000.L's Rlerror carries them (the guest is Linux whatever the host
// is). Backends throw FsError with these numbers; host backends map their platform's error codes
// by name (`errnoFromCode("ENOENT")`), never by the host's numeric values.

export const EPERM = 1;
export const ENOENT = 2;
export const EINTR = 4;
export const EIO = 5;
export const ENXIO = 6;
export const E2BIG = 7;
export const EBADF = 9;
export const EAGAIN = 11;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const EBUSY = 16;
export const EEXIST = 17;
export const EXDEV = 18;
export const ENODEV = 19;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const ENFILE = 23;
export const EMFILE = 24;
export const ETXTBSY = 26;
export const EFBIG = 27;
export const ENOSPC = 28;
export const ESPIPE = 29;
export const EROFS = 30;
export const EMLINK = 31;
export const ERANGE = 34;
export const ENAMETOOLONG = 36;
export const ENOSYS = 38;
export const ENOTEMPTY = 39;
export const ELOOP = 40;
export const ENODATA = 61;
export const EPROTO = 71;
export const EOVERFLOW = 75;
export const EMSGSIZE = 90;
export const EOPNOTSUPP = 95;
export const ENOBUFS = 105;
export const ESTALE = 116;
export const EDQUOT = 122;

const BY_NAME: Record<string, number> = {
  EPERM,
  ENOENT,
  EINTR,
  EIO,
  ENXIO,
  E2BIG,
  EBADF,
  EAGAIN,
  EWOULDBLOCK: EAGAIN,
  ENOMEM,
  EACCES,
  EFAULT,
  EBUSY,
  EEXIST,
  EXDEV,
  ENODEV,
  ENOTDIR,
  EISDIR,
  EINVAL,
  ENFILE,
  EMFILE,
  ETXTBSY,
  EFBIG,
  ENOSPC,
  ESPIPE,
  EROFS,
  EMLINK,
  ERANGE,
  ENAMETOOLONG,
  ENOSYS,
  ENOTEMPTY,
  ELOOP,
  ENODATA,
  ENOATTR: ENODATA,
  EPROTO,
  EOVERFLOW,
  EMSGSIZE,
  EOPNOTSUPP,
  ENOTSUP: EOPNOTSUPP,
  ENOBUFS,
  ESTALE,
  EDQUOT,
};

/** The Linux errno for an error code name ("ENOENT"); EIO for names Linux's v9fs would not expect. */
export function errnoFromCode(code: string | undefined): number {
  return (code !== undefined && BY_NAME[code]) || EIO;
}

/** A file-system error carrying a Linux errno; the 9P server answers it with Rlerror. */
export class FsError extends Error {
  constructor(
    readonly errno: number,
    message?: string,
  ) {
    super(message ?? `errno ${errno}`);
  }
}
