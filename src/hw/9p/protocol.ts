// 9P2000.L message numbers and constants (Linux's include/net/9p/9p.h, QEMU's hw/9pfs/9p.h).
// The wire format is little-endian: size[4] type[1] tag[2] body; see spec/9p/README.md.

export const P9_HEADER_SIZE = 7;
/** Header of Rread/Rreaddir: size[4] type[1] tag[2] count[4]. */
export const P9_IOHDR_READ = 11;
/** Header room the client keeps below msize for reads and writes (QEMU's and Linux's P9_IOHDRSZ). */
export const P9_IOHDRSZ = 24;
/** Smallest msize the server accepts (QEMU's P9_MIN_MSIZE). */
export const P9_MIN_MSIZE = 4096;
/** Most names in one Twalk (QEMU's and Plan 9's MAXWELEM). */
export const P9_MAXWELEM = 16;
export const P9_NOTAG = 0xffff;
export const P9_NOFID = 0xffffffff;
/** Version strings: tciemu speaks only 9P2000.L, other versions are answered "unknown". */
export const P9_VERSION_L = "9P2000.L";
export const P9_VERSION_UNKNOWN = "unknown";

export const enum Msg {
  Tlerror = 6,
  Rlerror = 7,
  Tstatfs = 8,
  Rstatfs = 9,
  Tlopen = 12,
  Rlopen = 13,
  Tlcreate = 14,
  Rlcreate = 15,
  Tsymlink = 16,
  Rsymlink = 17,
  Tmknod = 18,
  Rmknod = 19,
  Trename = 20,
  Rrename = 21,
  Treadlink = 22,
  Rreadlink = 23,
  Tgetattr = 24,
  Rgetattr = 25,
  Tsetattr = 26,
  Rsetattr = 27,
  Txattrwalk = 30,
  Rxattrwalk = 31,
  Txattrcreate = 32,
  Rxattrcreate = 33,
  Treaddir = 40,
  Rreaddir = 41,
  Tfsync = 50,
  Rfsync = 51,
  Tlock = 52,
  Rlock = 53,
  Tgetlock = 54,
  Rgetlock = 55,
  Tlink = 70,
  Rlink = 71,
  Tmkdir = 72,
  Rmkdir = 73,
  Trenameat = 74,
  Rrenameat = 75,
  Tunlinkat = 76,
  Runlinkat = 77,
  Tversion = 100,
  Rversion = 101,
  Tauth = 102,
  Rauth = 103,
  Tattach = 104,
  Rattach = 105,
  Terror = 106,
  Rerror = 107,
  Tflush = 108,
  Rflush = 109,
  Twalk = 110,
  Rwalk = 111,
  Topen = 112,
  Ropen = 113,
  Tcreate = 114,
  Rcreate = 115,
  Tread = 116,
  Rread = 117,
  Twrite = 118,
  Rwrite = 119,
  Tclunk = 120,
  Rclunk = 121,
  Tremove = 122,
  Rremove = 123,
  Tstat = 124,
  Rstat = 125,
  Twstat = 126,
  Rwstat = 127,
}

// qid.type
export const QTDIR = 0x80;
export const QTSYMLINK = 0x02;
export const QTFILE = 0x00;

// Tlopen / Tlcreate flags (P9_DOTL_*: the Linux generic O_* values)
export const DOTL_ACCMODE = 3;
export const DOTL_RDONLY = 0;
export const DOTL_WRONLY = 1;
export const DOTL_RDWR = 2;
export const DOTL_CREATE = 0o100;
export const DOTL_EXCL = 0o200;
export const DOTL_NOCTTY = 0o400;
export const DOTL_TRUNC = 0o1000;
export const DOTL_APPEND = 0o2000;
export const DOTL_NONBLOCK = 0o4000;
export const DOTL_DSYNC = 0o10000;
export const DOTL_FASYNC = 0o20000;
export const DOTL_DIRECT = 0o40000;
export const DOTL_LARGEFILE = 0o100000;
export const DOTL_DIRECTORY = 0o200000;
export const DOTL_NOFOLLOW = 0o400000;
export const DOTL_NOATIME = 0o1000000;
export const DOTL_CLOEXEC = 0o2000000;
export const DOTL_SYNC = 0o4000000;

// Tgetattr request_mask / Rgetattr valid
export const STATS_BASIC = 0x7ff;

// Tsetattr valid
export const ATTR_MODE = 1 << 0;
export const ATTR_UID = 1 << 1;
export const ATTR_GID = 1 << 2;
export const ATTR_SIZE = 1 << 3;
export const ATTR_ATIME = 1 << 4;
export const ATTR_MTIME = 1 << 5;
export const ATTR_CTIME = 1 << 6;
export const ATTR_ATIME_SET = 1 << 7;
export const ATTR_MTIME_SET = 1 << 8;

// Tunlinkat flags
export const AT_REMOVEDIR = 0x200;

// Txattrcreate flags
export const XATTR_CREATE = 1;
export const XATTR_REPLACE = 2;
/** Largest xattr value a client may announce (Linux's XATTR_SIZE_MAX). */
export const XATTR_SIZE_MAX = 65536;

// Tlock / Tgetlock
export const LOCK_TYPE_RDLCK = 0;
export const LOCK_TYPE_WRLCK = 1;
export const LOCK_TYPE_UNLCK = 2;
export const LOCK_SUCCESS = 0;
export const LOCK_FLAGS_BLOCK = 1;

/** statfs f_type of a v9fs mount (Linux's V9FS_MAGIC), used by backends without a host file system. */
export const V9FS_MAGIC = 0x01021997;

// st_mode file types (Linux)
export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;

// dirent d_type
export const DT_UNKNOWN = 0;
export const DT_FIFO = 1;
export const DT_CHR = 2;
export const DT_DIR = 4;
export const DT_BLK = 6;
export const DT_REG = 8;
export const DT_LNK = 10;
export const DT_SOCK = 12;

/** d_type for a st_mode. */
export function modeToDtype(mode: number): number {
  return (mode & S_IFMT) >>> 12;
}

/** The server's message names, for logs and errors. */
export function msgName(type: number): string {
  const names: Record<number, string> = {
    8: "statfs",
    12: "lopen",
    14: "lcreate",
    16: "symlink",
    18: "mknod",
    20: "rename",
    22: "readlink",
    24: "getattr",
    26: "setattr",
    30: "xattrwalk",
    32: "xattrcreate",
    40: "readdir",
    50: "fsync",
    52: "lock",
    54: "getlock",
    70: "link",
    72: "mkdir",
    74: "renameat",
    76: "unlinkat",
    100: "version",
    102: "auth",
    104: "attach",
    108: "flush",
    110: "walk",
    116: "read",
    118: "write",
    120: "clunk",
    122: "remove",
  };
  return (type & 1 ? "R" : "T") + (names[type & ~1] ?? `#${type}`);
}
