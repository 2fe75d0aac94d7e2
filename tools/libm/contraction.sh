#!/usr/bin/env bash
# The FMA question, reproducibly: compile glibc's own s_sin.c and s_tan.c
# standalone twice, the way glibc's x86-64 multiarch Makefile does
# (sysdeps/x86_64/fpu/multiarch/Makefile: CFLAGS-s_sin-fma.c = -mfma -mavx2;
# the SSE2 build has no FMA instructions to contract into), then
#   1. list where gcc fused a*b + c (its widening_mul dump: .FMA/.FMS/.FNMA),
#   2. count the vfmadd-family instructions in each object,
#   3. run both builds and the machine's libm on random arguments and count
#      the differing results.
# src/fpu/libm-glibc.ts emulates exactly the fused operations of step 1.
#
#   bash tools/libm/contraction.sh GLIBC_SOURCE_DIR [COUNT]
#   (GLIBC_SOURCE_DIR from tools/libm/fetch-glibc-source.sh; COUNT default 2000000)
#
# Work files go to ${TMPDIR:-/tmp}/tciemu-libm-contraction.
set -euo pipefail

SRC="${1:?usage: contraction.sh GLIBC_SOURCE_DIR [COUNT]}"
COUNT="${2:-2000000}"
D="$SRC/sysdeps/ieee754/dbl-64"
W="${TMPDIR:-/tmp}/tciemu-libm-contraction"
rm -rf "$W"
mkdir -p "$W/inc"
cp "$D"/{s_sin.c,s_tan.c,branred.c,branred.h,dla.h,mydefs.h,usncs.h,utan.h,utan.tbl,sincostab.c} "$W/"
cd "$W"

# Just enough of glibc's internal headers for these files.
cat >inc/endian.h <<'EOF'
#include_next <endian.h>
#define LITTLE_ENDI 1
#define HIGH_HALF 1
#define LOW_HALF 0
EOF
echo '#define attribute_hidden' >inc/math_private.h
echo '#define SET_RESTORE_ROUND_53BIT(x)' >inc/fenv_private.h
printf '#define math_check_force_underflow(x)\n#define math_check_force_underflow_nonneg(x)\n' >inc/math-underflow.h
echo '#define libm_alias_double(a, b)' >inc/libm-alias-double.h
echo 'static inline void __set_errno (int e) { (void) e; }' >inc/errno-stub.h

# glibc compiles libm with -O2 -frounding-math (Makeconfig +math-flags);
# branred.c with -ffp-contract=off (sysdeps/ieee754/dbl-64/Makefile).
BASE=(-O2 -std=gnu11 -frounding-math -fno-stack-protector -Iinc -I. -include inc/errno-stub.h -w)
for b in sse2 fma; do
  extra=(-ffp-contract=off)
  [[ $b == fma ]] && extra=(-mfma -mavx2)
  gcc "${BASE[@]}" "${extra[@]}" -D__sin=__sin_$b -D__cos=__cos_$b -c s_sin.c -o s_sin-$b.o -fdump-tree-widening_mul=s_sin-$b.mul
  gcc "${BASE[@]}" "${extra[@]}" -D__tan=__tan_$b -c s_tan.c -o s_tan-$b.o -fdump-tree-widening_mul=s_tan-$b.mul
done
gcc "${BASE[@]}" -ffp-contract=off -c branred.c sincostab.c

echo "gcc: $(gcc -dumpfullversion)"
for o in s_sin-sse2.o s_sin-fma.o s_tan-sse2.o s_tan-fma.o; do
  printf '%-14s %3d fused multiply-add instructions\n' "$o" "$(objdump -d "$o" | grep -cE '\svfn?m(add|sub)[0-9]+s')"
done
echo "fused operations in the FMA build (gcc's widening_mul pass; .FMA a*b+c, .FMS a*b-c, .FNMA c-a*b):"
for f in s_sin-fma.mul s_tan-fma.mul; do
  echo "  $f: $(grep -cE '= \.FN?M[AS] ' "$f")"
done

cat >compare.c <<'EOF'
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
double __sin_sse2 (double), __cos_sse2 (double), __tan_sse2 (double);
double __sin_fma (double), __cos_fma (double), __tan_fma (double);
static double (*volatile libm[3]) (double) = { sin, cos, tan };
static uint64_t s = 0x9E3779B97F4A7C15ull;
static uint64_t rnd (void) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }
static uint64_t bits (double d) { uint64_t u; memcpy (&u, &d, 8); return u; }
int main (int argc, char **argv)
{
  long n = atol (argv[1]);
  double (*sse2[3]) (double) = { __sin_sse2, __cos_sse2, __tan_sse2 };
  double (*fma[3]) (double) = { __sin_fma, __cos_fma, __tan_fma };
  long differ[3] = { 0 }, libm_fma[3] = { 0 }, libm_sse2[3] = { 0 };
  for (long i = 0; i < n; i++)
    {
      double x;
      uint64_t u;
      switch (i % 4)
        {
        case 0: u = rnd (); memcpy (&x, &u, 8); break;                    /* any bits */
        case 1: x = ldexp (1.0 + (rnd () >> 11) * 0x1p-53, (int) (rnd () % 61) - 30); break;
        case 2: x = (double) (rnd () % 2000000) * 0.78539816339744830962; /* near k pi/4 */
                u = bits (x) + (rnd () % 65) - 32; memcpy (&x, &u, 8); break;
        default: x = ldexp (1.0 + (rnd () >> 11) * 0x1p-53, (int) (rnd () % 2046) - 1022);
        }
      if (rnd () & 1) x = -x;
      for (int f = 0; f < 3; f++)
        {
          uint64_t a = bits (sse2[f] (x)), b = bits (fma[f] (x)), c = bits (libm[f] (x));
          differ[f] += a != b;
          libm_fma[f] += c != b;
          libm_sse2[f] += c != a;
        }
    }
  const char *name[3] = { "sin", "cos", "tan" };
  printf ("%ld arguments\n", n);
  for (int f = 0; f < 3; f++)
    printf ("%s: FMA build != SSE2 build for %ld; machine's libm != FMA build %ld, != SSE2 build %ld\n",
            name[f], differ[f], libm_fma[f], libm_sse2[f]);
  return 0;
}
EOF
gcc -O2 -fno-builtin -o compare compare.c s_sin-sse2.o s_sin-fma.o s_tan-sse2.o s_tan-fma.o branred.o sincostab.o -lm
./compare "$COUNT"
