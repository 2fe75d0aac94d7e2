// The armhf Debian-program corpus: invocations whose stdout, stderr, exit status (and some output
// files) must be byte-identical under tciemu-arm and qemu-arm -cpu cortex-a15,neon=off,vfp-d32=off
// with the same -L sysroot. The architecture-neutral cases of the riscv64 corpus (busybox-static
// applets, lua, sqlite3, xz, bzip2, gzip, 7-Zip) plus coreutils, python3 and perl.
//
// Left out, because QEMU 10 differs from Linux there: nothing that statx()es a path of the sysroot
// (qemu-arm's statx ignores -L for 32-bit guests and answers for the host's file, where Linux and
// tciemu answer for the sysroot's): `ls -la /usr/bin/...`, `stat /etc/...`, and perl scripts that
// `use` modules (perl searches @INC with statx: under qemu-arm it finds nothing unless the host
// has the same perl, and dies with "Can't locate strict.pm").
import { CORPUS, FILE_ERRORS_PY, TIME64_PY, text } from "../linux-user/corpus.ts";
import type { Case } from "../linux-user/harness.ts";
import { hasSysrootFor, sysrootDir, trixieQemuUser } from "../../tools/debian/paths.ts";

const T1 = text(400, 7);
const BIN = Uint8Array.from({ length: 20000 }, (_, i) => (i * 131 + (i >> 7) * 7) & 0xff);

/** The riscv64 corpus's cases that do not depend on the architecture. */
const SHARED = CORPUS.filter((c) => /^(busybox|lua|sqlite3|xz|bzip2|gzip|7z) /.test(c.name));

const TREE: Record<string, string | Uint8Array> = {
  "tree/a.txt": "alpha\n",
  "tree/b.bin": BIN.subarray(0, 5000),
  "tree/sub/c.txt": T1,
  "tree/sub/deeper/d": "",
  "tree/z-last": "z\n",
};

const PY = "/usr/bin/python3.13";

export const ARM_CORPUS: Case[] = [
  ...SHARED,
  // ---- coreutils (dynamic glibc)
  { name: "coreutils ls -la", argv: ["/usr/bin/ls", "-la", "--time-style=+%Y-%m-%d %H:%M:%S", "tree", "tree/sub"], files: TREE },
  { name: "coreutils ls -lR", argv: ["/usr/bin/ls", "-lRn", "--time-style=full-iso", "tree"], files: TREE },
  { name: "coreutils sort", argv: ["/usr/bin/sort", "-k2,2", "-k1,1nr", "in.txt"], files: { "in.txt": T1 } },
  { name: "coreutils sort -u stdin", argv: ["/usr/bin/sort", "-u", "-f"], stdin: T1 },
  { name: "coreutils sha256sum", argv: ["/usr/bin/sha256sum", "in.txt", "bin.dat"], files: { "in.txt": T1, "bin.dat": BIN } },
  { name: "coreutils sha256sum missing", argv: ["/usr/bin/sha256sum", "in.txt", "nonexistent"], files: { "in.txt": T1 } },
  // ---- python 3.13
  {
    name: "python3 arithmetic and math",
    argv: [
      PY,
      "-c",
      "import math, fractions\n" +
        "print(2**200, 10**30 // 7, -7 // 2, -7 % 3, divmod(1 << 70, 12345), pow(3, 1000, 10**9 + 7))\n" +
        "print(1/3, 2.5e-310, 1e308 * 10, float('nan') == float('nan'), round(2.675, 2), 0.1 + 0.2)\n" +
        "print(math.sqrt(2), math.exp(1), math.log(10), math.sin(1e6), math.atan2(-1, -1), math.gamma(5.5), math.fsum([0.1] * 10))\n" +
        "print(math.factorial(30), math.comb(60, 30), math.gcd(2**64, 6**40), math.isqrt(10**40 + 1), math.frexp(1e-300))\n" +
        "print(fractions.Fraction(355, 113) - fractions.Fraction(22, 7), (1.5).hex(), float.fromhex('0x1.8p-1070'), int('ff' * 20, 16))\n" +
        "print('%.17g %e %.3f' % (math.pi, 6.02214076e23, -0.0005), 1e22, 1e-7, 123456789012345678.0)",
    ],
  },
  {
    name: "python3 decimal",
    argv: [
      PY,
      "-c",
      "from decimal import Decimal, getcontext, ROUND_HALF_EVEN\n" +
        "getcontext().prec = 60\n" +
        "print(Decimal(1) / Decimal(7), Decimal(2).sqrt(), Decimal('1.1') * Decimal('3.3'), Decimal(10).ln())\n" +
        "print(Decimal('123.456').quantize(Decimal('0.01'), rounding=ROUND_HALF_EVEN), Decimal('-0'), Decimal('1e-30').exp())",
    ],
  },
  {
    name: "python3 json re hashlib",
    argv: [
      PY,
      "-c",
      "import json, re, hashlib, zlib, struct, collections\n" +
        "d = {'a': [1, 2.5, None, True], 'b': {'x': 'y\\u00e9'}, 'n': 10**20}\n" +
        "s = json.dumps(d, sort_keys=True); print(s, json.loads(s) == d, json.dumps(d, indent=1)[:40])\n" +
        "print(re.findall(r'(\\w+)@(\\w+)\\.com', 'a@b.com, cc@dd.com x@y.org'), re.sub(r'\\d+', lambda m: str(int(m.group()) * 2), 'a1b22c333'))\n" +
        "print(hashlib.sha256(b'abc').hexdigest(), hashlib.md5(b'x' * 1000).hexdigest(), hashlib.sha1(b'').hexdigest())\n" +
        "print(hashlib.sha512(bytes(range(256))).hexdigest()[:32], hashlib.blake2b(b'tciemu').hexdigest()[:32], zlib.crc32(b'hello'))\n" +
        "print(struct.pack('<idQ', -2, 1.5, 2**63).hex(), collections.Counter('mississippi').most_common(3))",
    ],
  },
  {
    name: "python3 script with files",
    argv: [PY, "s.py"],
    files: {
      "in.txt": T1,
      "s.py": `import os, sys
words = {}
with open("in.txt") as f:
    for line in f:
        for w in line.split():
            words[w] = words.get(w, 0) + 1
top = sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(top, len(words))
with open("out.txt", "w") as f:
    f.write("\\n".join(f"{k}={v}" for k, v in top) + "\\n")
print(sorted(os.listdir(".")), os.path.getsize("out.txt"))
class A:
    def __init__(self, x): self.x = x
    def __repr__(self): return f"A({self.x!r})"
print([A(i) for i in range(3)], {i: i * i for i in range(5)}, list(map(lambda x: x ** 0.5, [4, 9, 2])))
try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e)
sys.exit(4)
`,
    },
    outputs: ["out.txt"],
  },
  { name: "python3 exception exit", argv: [PY, "-c", "raise ValueError('bad value')"] },
  { name: "python3 time64 syscalls", argv: [PY, "-c", TIME64_PY] },
  { name: "python3 file syscall errors", argv: [PY, "-c", FILE_ERRORS_PY] },
  // ---- perl
  {
    name: "perl text processing",
    argv: [
      "/usr/bin/perl",
      "-e",
      'my %c; while (<STDIN>) { $c{$_}++ for split } my @k = sort { $c{$b} <=> $c{$a} || $a cmp $b } keys %c; printf "%s %d\\n", $_, $c{$_} for @k[0..4]; ' +
        'print join(",", map { $_ ** 2 } 1..10), "\\n"; printf "%.10f %e %x %o %b\\n", atan2(1,1)*4, 1.5e300, 255, 8, 5; ' +
        '$_ = "hello world"; s/(\\w+)/\\u$1/g; print "$_\\n"; print scalar(reverse "abc"), " ", lc("ABC"), " ", sprintf("%05.1f", 3.14159), "\\n"; ' +
        "my @a = (3, 1, 2); print join(' ', sort { $a <=> $b } @a), ' ', 2**40, ' ', 7 % 3, ' ', int(-7/2), \"\\n\";",
    ],
    stdin: T1,
  },
  {
    name: "perl script with files",
    argv: ["/usr/bin/perl", "s.pl", "in.txt"],
    files: {
      "in.txt": T1,
      // no "use strict": perl looks for modules with statx (see above)
      "s.pl": `open(my $fh, "<", $ARGV[0]) or die "open: $!";
my ($n, $w) = (0, 0);
while (my $l = <$fh>) { $n++; $w += () = $l =~ /\\S+/g; }
close $fh;
print "$n lines $w words\\n";
open(my $out, ">", "out.txt") or die; print $out join("\\n", map { sprintf "%03d", $_ * 7 } 1..20), "\\n"; close $out;
my %h = map { $_ => length } qw(apple banana cherry);
print join(", ", map { "$_=$h{$_}" } sort keys %h), "\\n";
print "sum: ", eval { my $s = 0; $s += $_ for 1..1000; $s }, "\\n";
die "fatal at the end\\n";
`,
    },
    outputs: ["out.txt"],
  },
];

/** qemu-arm's CPU for the comparison: tciemu's model (cortex-a15 without Neon, 16 D registers). */
export const QEMU_ARM_CPU = ["-cpu", "cortex-a15,neon=off,vfp-d32=off"];

/** The armhf sysroot and trixie's qemu-arm (throws, with what to fetch, when missing). */
export function requireArmTools(): { qemu: string; sysroot: string } {
  if (!hasSysrootFor("armhf"))
    throw new Error(`no armhf Debian sysroot at ${sysrootDir("armhf")}: run 'bash tools/debian/fetch.sh sysroot armhf'`);
  const qemu = trixieQemuUser("arm");
  if (!qemu) throw new Error("no qemu-arm to compare with: run 'bash tools/debian/fetch.sh qemu'");
  return { qemu, sysroot: sysrootDir("armhf") };
}
