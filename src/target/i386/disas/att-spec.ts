// The instructions the AT&T disassembler knows, as capstone 5 (LLVM's x86 tables) decodes and prints
// them in 32-bit mode. One line per instruction form:
//
//   [map] opcode  context  modrm  mnemonic  operands ; flags
//
// map: none (one-byte), 0f, 0f38, 0f3a, 3dnow (the byte after 0F 0F's operands), v0f/v0f38/v0f3a (VEX)
// opcode: hex byte, "b8+r" for eight opcodes with a register in the low bits, or a range "91-97"
// context: "-" (no prefix required; F2/F3 are legacy prefixes), "np" (no prefix allowed), "66",
//   "f3", "f2", "v" (two forms: 66 selects 16-bit, else 32-bit; "#" in the mnemonic becomes w/l and
//   v/z operands take that size), "a16" (needs 67); VEX: L0/L1/LIG, W0/W1/WIG; joined with "."
// modrm: "-" (none), "/r" (mod = 3), "/m" (mod != 3), "/rm" (both), "/0".."/7" (reg field, both),
//   "/0r", "/0m", ..., "=c0" (exact byte) or "=c0-c7"
// operands, in AT&T order: Gb/Gw/Gd/Gv (reg field GPR), Eb/Ew/Ed/Ev (rm: GPR or memory), M (memory),
//   Zb/Zv (register in the opcode), S (segment), C (control), D (debug), P/Q (MMX reg/rm),
//   V/W (XMM reg/rm), Vy/Wy (YMM), H/Hy (VEX.vvvv XMM/YMM), Bd (VEX.vvvv GPR), L/Ly (register in
//   imm[7:4]), Mx/My (VSIB memory), BND/BNDm, ST (st(i) from rm), Ib/Iw (sign-extended immediates),
//   Iz (operand-size immediate), Ub (unsigned imm8), Jb/Jw/Jz (branch targets), Ob/Ov (moffs),
//   Xb/Xv (string source), Yb/Yv (string destination), A (far pointer), rAX.. (eAX or AX by size),
//   %reg (a fixed register), *E (indirect branch)
// flags: lock (LOCK allowed on the memory form), rep, repe, repne, bnd, notrack, repz (prefixes
//   capstone prints), xchgm (xacquire/xrelease), imm=N|v (capstone's X86_immediate_size), farcolon
export const ATT_SPEC = `
# ---- one-byte opcodes -------------------------------------------------------------------------------
00 - /rm addb Gb, Eb ; lock imm=1
01 v /rm add# Gv, Ev ; lock
02 - /rm addb Eb, Gb ; lock
03 v /rm add# Ev, Gv ; lock
04 - - addb Ib, %al ; imm=1
05 v - add# Iz, rAX ; imm=v
06 v - push# %es
07 v - pop# %es
08 - /rm orb Gb, Eb ; lock
09 v /rm or# Gv, Ev ; lock
0a - /rm orb Eb, Gb ; lock
0b v /rm or# Ev, Gv ; lock
0c - - orb Ib, %al ; imm=1
0d v - or# Iz, rAX ; imm=v
0e v - push# %cs
10 - /rm adcb Gb, Eb ; lock
11 v /rm adc# Gv, Ev ; lock
12 - /rm adcb Eb, Gb ; lock
13 v /rm adc# Ev, Gv ; lock
14 - - adcb Ib, %al ; imm=1
15 v - adc# Iz, rAX ; imm=v
16 v - push# %ss
17 v - pop# %ss
18 - /rm sbbb Gb, Eb ; lock
19 v /rm sbb# Gv, Ev ; lock
1a - /rm sbbb Eb, Gb
1b v /rm sbb# Ev, Gv
1c - - sbbb Ib, %al ; imm=1
1d v - sbb# Iz, rAX ; imm=v
1e v - push# %ds
1f v - pop# %ds
20 - /rm andb Gb, Eb ; lock
21 v /rm and# Gv, Ev ; lock
22 - /rm andb Eb, Gb ; lock
23 v /rm and# Ev, Gv ; lock
24 - - andb Ib, %al ; imm=1
25 v - and# Iz, rAX ; imm=v
27 - - daa
28 - /rm subb Gb, Eb ; lock
29 v /rm sub# Gv, Ev ; lock
2a - /rm subb Eb, Gb ; lock
2b v /rm sub# Ev, Gv ; lock
2c - - subb Ib, %al ; imm=1
2d v - sub# Iz, rAX ; imm=v
2f - - das
30 - /rm xorb Gb, Eb ; lock
31 v /rm xor# Gv, Ev ; lock
32 - /rm xorb Eb, Gb ; lock
33 v /rm xor# Ev, Gv ; lock
34 - - xorb Ib, %al ; imm=1
35 v - xor# Iz, rAX ; imm=v
37 - - aaa
38 - /rm cmpb Gb, Eb
39 v /rm cmp# Gv, Ev
3a - /rm cmpb Eb, Gb
3b v /rm cmp# Ev, Gv
3c - - cmpb Ib, %al ; imm=1
3d v - cmp# Iz, rAX ; imm=v
3f - - aas
40+r v - inc# Zv
48+r v - dec# Zv
50+r v - push# Zv
58+r v - pop# Zv
60 v - pusha#
61 v - popa#
62 v /m bound Gv, M
63 - /rm arpl Gw, Ew
68 v - push# Iz ; imm=v
69 v /rm imul# Iz, Ev, Gv
6a v - push# Ib ; imm=v
6b v /rm imul# Ib, Ev, Gv ; imm=v
6c - - insb %dx, Yb ; rep repne
6d v - ins# %dx, Yv ; rep repne
6e - - outsb Xb, %dx ; rep repne
6f v - outs# Xv, %dx ; rep repne
70 - - jo Jb ; bnd
71 - - jno Jb ; bnd
72 - - jb Jb ; bnd
73 - - jae Jb ; bnd
74 - - je Jb ; bnd
75 - - jne Jb ; bnd
76 - - jbe Jb ; bnd
77 - - ja Jb ; bnd
78 - - js Jb ; bnd
79 - - jns Jb ; bnd
7a - - jp Jb ; bnd
7b - - jnp Jb ; bnd
7c - - jl Jb ; bnd
7d - - jge Jb ; bnd
7e - - jle Jb ; bnd
7f - - jg Jb ; bnd
80 - /0 addb Ib, Eb ; lock imm=1
80 - /1 orb Ib, Eb ; lock imm=1
80 - /2 adcb Ib, Eb ; lock imm=1
80 - /3 sbbb Ib, Eb ; lock imm=1
80 - /4 andb Ib, Eb ; lock imm=1
80 - /5 subb Ib, Eb ; lock imm=1
80 - /6 xorb Ib, Eb ; lock imm=1
80 - /7 cmpb Ib, Eb ; imm=1
81 v /0 add# Iz, Ev ; lock imm=v
81 v /1 or# Iz, Ev ; lock imm=v
81 v /2 adc# Iz, Ev ; lock imm=v
81 v /3 sbb# Iz, Ev ; lock imm=v
81 v /4 and# Iz, Ev ; lock imm=v
81 v /5 sub# Iz, Ev ; lock imm=v
81 v /6 xor# Iz, Ev ; lock imm=v
81 v /7 cmp# Iz, Ev ; imm=v
82 - /0 addb Ib, Eb ; lock imm=1
82 - /1 orb Ib, Eb ; lock imm=1
82 - /2 adcb Ib, Eb ; lock imm=1
82 - /3 sbbb Ib, Eb ; lock imm=1
82 - /4 andb Ib, Eb ; lock imm=1
82 - /5 subb Ib, Eb ; lock imm=1
82 - /6 xorb Ib, Eb ; lock imm=1
82 - /7 cmpb Ib, Eb ; imm=1
83 v /0 add# Ib, Ev ; lock imm=v
83 v /1 or# Ib, Ev ; lock imm=v
83 v /2 adc# Ib, Ev ; lock imm=v
83 v /3 sbb# Ib, Ev ; lock imm=v
83 v /4 and# Ib, Ev ; lock imm=v
83 v /5 sub# Ib, Ev ; lock imm=v
83 v /6 xor# Ib, Ev ; lock imm=v
83 v /7 cmp# Ib, Ev ; imm=v
84 - /rm testb Gb, Eb
85 v /rm test# Gv, Ev
86 - /rm xchgb Gb, Eb ; lock xchgm
87 v /rm xchg# Gv, Ev ; lock xchgm
88 - /rm movb Gb, Eb
89 v /rm mov# Gv, Ev
8a - /rm movb Eb, Gb
8b v /rm mov# Ev, Gv
8c - /m movw S, M
8c v /r mov# S, Ev
8d v /m lea# M, Gv
8e - /m movw M, S
8e v /r mov# Ev, S
8f v /0 pop# Ev
90 - - nop
90 f3 - pause
91-97 v - xchg# rAX, Zv
98 - - cwtl
98 o16 - cbtw
99 - - cltd
99 o16 - cwtd
9a v - lcall# A
9b - - wait
9c v - pushf#
9d v - popf#
9e - - sahf
9f - - lahf
a0 - - movb Ob, %al
a1 v - mov# Ov, rAX
a2 - - movb %al, Ob
a3 v - mov# rAX, Ov
a4 - - movsb Xb, Yb ; rep repne
a5 - - movsl Xd, Yd ; rep
a5 o16 - movsw Xw, Yw ; rep repne
a6 - - cmpsb Yb, Xb ; repe repne
a7 v - cmps# Yv, Xv ; repe repne
a8 - - testb Ib, %al ; imm=1
a9 v - test# Iz, rAX ; imm=v
aa - - stosb %al, Yb ; rep repne
ab v - stos# rAX, Yv ; rep repne
ac - - lodsb Xb, %al ; rep repne
ad v - lods# Xv, rAX ; rep repne
ae - - scasb Yb, %al ; repe repne
af v - scas# Yv, rAX ; repe repne
b0+r - - movb Ib, Zb ; imm=1
b8+r v - mov# Iz, Zv ; imm=v
c0 - /0 rolb Ib, Eb ; imm=1
c0 - /1 rorb Ib, Eb ; imm=1
c0 - /2 rclb Ib, Eb ; imm=1
c0 - /3 rcrb Ib, Eb ; imm=1
c0 - /4 shlb Ib, Eb ; imm=1
c0 - /5 shrb Ib, Eb ; imm=1
c0 - /6 salb Ib, Eb ; imm=1
c0 - /7 sarb Ib, Eb ; imm=1
c1 v /0 rol# Ib, Ev ; imm=1
c1 v /1 ror# Ib, Ev ; imm=1
c1 v /2 rcl# Ib, Ev ; imm=1
c1 v /3 rcr# Ib, Ev ; imm=1
c1 v /4 shl# Ib, Ev ; imm=1
c1 v /5 shr# Ib, Ev ; imm=1
c1 v /6 sal# Ib, Ev ; imm=1
c1 v /7 sar# Ib, Ev ; imm=1
c2 v - ret# Iw ; bnd repz
c3 v - ret# ; bnd repz
c4 v /m les# M, Gv
c5 v /m lds# M, Gv
c6 - /0 movb Ib, Eb ; imm=1
c6 - =f8 xabort Ib
c7 v /0 mov# Iz, Ev ; imm=v
c7 v =f8 xbegin Jz
c8 - - enter Iw, Ib
c9 - - leave
ca v - lret# Iw ; bnd
cb v - lret# ; bnd
cc - - int3
cd - - int Ub
ce - - into
cf v - iret#
d0 - /0r rolb $1, Eb
d0 - /0m rolb Eb
d0 - /1r rorb $1, Eb
d0 - /1m rorb Eb
d0 - /2r rclb $1, Eb
d0 - /2m rclb Eb
d0 - /3r rcrb $1, Eb
d0 - /3m rcrb $1, Eb
d0 - /4r shlb $1, Eb
d0 - /4m shlb Eb
d0 - /5r shrb $1, Eb
d0 - /5m shrb Eb
d0 - /6r salb $1, Eb
d0 - /6m salb Eb
d0 - /7r sarb $1, Eb
d0 - /7m sarb Eb
d1 v /0r rol# $1, Ev
d1 v /0m rol# Ev
d1 v /1r ror# $1, Ev
d1 v /1m ror# Ev
d1 v /2r rcl# $1, Ev
d1 v /2m rcl# Ev
d1 v /3r rcr# $1, Ev
d1 v /3m rcr# $1, Ev
d1 v /4r shl# $1, Ev
d1 v /4m shl# Ev
d1 v /5r shr# $1, Ev
d1 v /5m shr# Ev
d1 v /6r sal# $1, Ev
d1 v /6m sal# Ev
d1 v /7r sar# $1, Ev
d1 v /7m sar# Ev
d2 - /0 rolb %cl, Eb
d2 - /1 rorb %cl, Eb
d2 - /2 rclb %cl, Eb
d2 - /3 rcrb %cl, Eb
d2 - /4 shlb %cl, Eb
d2 - /5 shrb %cl, Eb
d2 - /6 salb %cl, Eb
d2 - /7 sarb %cl, Eb
d3 v /0 rol# %cl, Ev
d3 v /1 ror# %cl, Ev
d3 v /2 rcl# %cl, Ev
d3 v /3 rcr# %cl, Ev
d3 v /4 shl# %cl, Ev
d3 v /5 shr# %cl, Ev
d3 v /6 sal# %cl, Ev
d3 v /7 sar# %cl, Ev
d4 - - aam Ib ; imm=1
d5 - - aad Ib ; imm=1
d6 - - salc
d7 - - xlatb
e0 - - loopne Jb
e1 - - loope Jb
e2 - - loop Jb
e3 - - jecxz Jb ; bnd
e3 a16 - jcxz Jb ; bnd
e4 - - inb Ub, %al
e5 v - in# Ub, rAX
e6 - - outb %al, Ub
e7 v - out# rAX, Ub
e8 - - calll Jd ; bnd notrack
e8 o16 - callw Jw ; bnd notrack
e9 v - jmp Jz ; bnd notrack
ea v - ljmp# A ; farcolon
eb - - jmp Jb ; bnd notrack
ec - - inb %dx, %al
ed v - in# %dx, rAX
ee - - outb %al, %dx
ef v - out# rAX, %dx
f1 - - int1
f4 - - hlt
f5 - - cmc
f6 - /0 testb Ib, Eb ; imm=1
f6 - /1 testb Ib, Eb
f6 - /2 notb Eb ; lock
f6 - /3 negb Eb ; lock
f6 - /4 mulb Eb
f6 - /5 imulb Eb
f6 - /6 divb Eb
f6 - /7 idivb Eb
f7 v /0 test# Iz, Ev ; imm=v
f7 v /1 test# Iz, Ev
f7 v /2 not# Ev ; lock
f7 v /3 neg# Ev ; lock
f7 v /4 mul# Ev
f7 v /5 imul# Ev
f7 v /6 div# Ev
f7 v /7 idiv# Ev
f8 - - clc
f9 - - stc
fa - - cli
fb - - sti
fc - - cld
fd - - std
fe - /0 incb Eb ; lock
fe - /1 decb Eb ; lock
ff v /0 inc# Ev ; lock
ff v /1 dec# Ev ; lock
ff v /2 call# *Ev ; bnd notrack
ff - /3m lcalll *M ; bnd notrack
ff o16 /3m lcallw *M
ff v /4 jmp# *Ev ; bnd notrack
ff - /5m ljmpl *M ; bnd notrack
ff o16 /5m ljmpw *M
ff v /6 push# Ev

# ---- x87 -----------------------------------------------------------------------------------------------
d8 - /0m fadds M
d8 - /1m fmuls M
d8 - /2m fcoms M
d8 - /3m fcomps M
d8 - /4m fsubs M
d8 - /5m fsubrs M
d8 - /6m fdivs M
d8 - /7m fdivrs M
d8 - =c0-c7 fadd ST
d8 - =c8-cf fmul ST
d8 - =d0-d7 fcom ST
d8 - =d8-df fcomp ST
d8 - =e0-e7 fsub ST
d8 - =e8-ef fsubr ST
d8 - =f0-f7 fdiv ST
d8 - =f8-ff fdivr ST
d9 - /0m flds M
d9 - /2m fsts M
d9 - /3m fstps M
d9 - /4m fldenv M
d9 - /5m fldcw M
d9 - /6m fnstenv M
d9 - /7m fnstcw M
d9 - =c0-c7 fld ST
d9 - =c8-cf fxch ST
d9 - =d0 fnop
d9 - =d8-df fstpnce %st(0), ST
d9 - =e0 fchs
d9 - =e1 fabs
d9 - =e4 ftst
d9 - =e5 fxam
d9 - =e8 fld1
d9 - =e9 fldl2t
d9 - =ea fldl2e
d9 - =eb fldpi
d9 - =ec fldlg2
d9 - =ed fldln2
d9 - =ee fldz
d9 - =f0 f2xm1
d9 - =f1 fyl2x
d9 - =f2 fptan
d9 - =f3 fpatan
d9 - =f4 fxtract
d9 - =f5 fprem1
d9 - =f6 fdecstp
d9 - =f7 fincstp
d9 - =f8 fprem
d9 - =f9 fyl2xp1
d9 - =fa fsqrt
d9 - =fb fsincos
d9 - =fc frndint
d9 - =fd fscale
d9 - =fe fsin
d9 - =ff fcos
da - /0m fiaddl M
da - /1m fimull M
da - /2m ficoml M
da - /3m ficompl M
da - /4m fisubl M
da - /5m fisubrl M
da - /6m fidivl M
da - /7m fidivrl M
da - =c0-c7 fcmovb ST, %st(0)
da - =c8-cf fcmove ST, %st(0)
da - =d0-d7 fcmovbe ST, %st(0)
da - =d8-df fcmovu ST, %st(0)
da - =e9 fucompp
db - /0m fildl M
db - /1m fisttpl M
db - /2m fistl M
db - /3m fistpl M
db - /5m fldt M
db - /7m fstpt M
db - =c0-c7 fcmovnb ST, %st(0)
db - =c8-cf fcmovne ST, %st(0)
db - =d0-d7 fcmovnbe ST, %st(0)
db - =d8-df fcmovnu ST, %st(0)
db - =e0 feni8087_nop
db - =e1 fdisi8087_nop
db - =e2 fnclex
db - =e3 fninit
db - =e4 fsetpm
db - =e8-ef fucomi ST
db - =f0-f7 fcomi ST
dc - /0m faddl M
dc - /1m fmull M
dc - /2m fcoml M
dc - /3m fcompl M
dc - /4m fsubl M
dc - /5m fsubrl M
dc - /6m fdivl M
dc - /7m fdivrl M
dc - =c0-c7 fadd %st(0), ST
dc - =c8-cf fmul %st(0), ST
dc - =e0-e7 fsub %st(0), ST
dc - =e8-ef fsubr %st(0), ST
dc - =f0-f7 fdiv %st(0), ST
dc - =f8-ff fdivr %st(0), ST
dd - /0m fldl M
dd - /1m fisttpll M
dd - /2m fstl M
dd - /3m fstpl M
dd - /4m frstor M
dd - /6m fnsave M
dd - /7m fnstsw M
dd - =c0-c7 ffree ST
dd - =d0-d7 fst ST
dd - =d8-df fstp ST
dd - =e0-e7 fucom ST
dd - =e8-ef fucomp ST
de - /0m fiadds M
de - /1m fimuls M
de - /2m ficoms M
de - /3m ficomps M
de - /4m fisubs M
de - /5m fisubrs M
de - /6m fidivs M
de - /7m fidivrs M
de - =c0-c7 faddp ST
de - =c8-cf fmulp ST
de - =d9 fcompp
de - =e0-e7 fsubp ST
de - =e8-ef fsubrp ST
de - =f0-f7 fdivp ST
de - =f8-ff fdivrp ST
df - /0m filds M
df - /1m fisttps M
df - /2m fists M
df - /3m fistps M
df - /4m fbld tbyte ptr M
df - /5m fildll M
df - /6m fbstp tbyte ptr M
df - /7m fistpll M
df - =c0-c7 ffreep ST
df - =e0 fnstsw %ax
df - =e8-ef fucompi ST
df - =f0-f7 fcompi ST
# ---- two-byte opcodes (0F xx) ---------------------------------------------------------------------------
0f 00 - /0m sldtw M
0f 00 v /0r sldt# Ev
0f 00 - /1m strw M
0f 00 v /1r str# Ev
0f 00 - /2 lldtw Ew
0f 00 - /3 ltrw Ew
0f 00 - /4 verr Ew
0f 00 - /5 verw Ew
0f 01 v /0m sgdt# M
0f 01 v /1m sidt# M
0f 01 v /2m lgdt# M
0f 01 v /3m lidt# M
0f 01 - /4m smsww M
0f 01 v /4r smsw# Ev
0f 01 f3 /5m rstorssp M
0f 01 - /6 lmsww Ew
0f 01 - /7m invlpg M
0f 01 - =c0 enclv
0f 01 - =c1 vmcall
0f 01 - =c2 vmlaunch
0f 01 - =c3 vmresume
0f 01 - =c4 vmxoff
0f 01 - =c5 pconfig
0f 01 - =c8 monitor
0f 01 - =c9 mwait
0f 01 - =ca clac
0f 01 - =cb stac
0f 01 - =cf encls
0f 01 - =d0 xgetbv
0f 01 - =d1 xsetbv
0f 01 - =d4 vmfunc
0f 01 - =d5 xend
0f 01 - =d6 xtest
0f 01 - =d7 enclu
0f 01 - =d8 vmrun %eax
0f 01 - =d9 vmmcall
0f 01 - =da vmload %eax
0f 01 - =db vmsave %eax
0f 01 - =dc stgi
0f 01 - =dd clgi
0f 01 - =de skinit %eax
0f 01 - =df invlpga %eax, %ecx
0f 01 f3 =e8 setssbsy
0f 01 f3 =ea saveprevssp
0f 01 - =ee rdpkru
0f 01 - =ef wrpkru
0f 01 - =f8 swapgs
0f 01 - =f9 rdtscp
0f 01 - =fa monitorx
0f 01 - =fb mwaitx
0f 01 - =fc clzero
0f 02 v /rm lar# Ev, Gv
0f 03 v /rm lsl# Ev, Gv
0f 05 - - syscall
0f 06 - - clts
0f 07 - - sysretl
0f 08 - - invd
0f 09 - - wbinvd
0f 09 f3 - wbnoinvd
0f 0b - - ud2
0f 0d - /0m prefetch M
0f 0d - /1m prefetchw M
0f 0d - /2m prefetchwt1 M
0f 0e - - femms
0f 10 np /rm movups W, V
0f 10 66 /rm movupd W, V
0f 10 f3 /rm movss W, V
0f 10 f2 /rm movsd W, V
0f 11 np /rm movups V, W
0f 11 66 /rm movupd V, W
0f 11 f3 /rm movss V, W
0f 11 f2 /rm movsd V, W
0f 12 np /m movlps M, V
0f 12 np /r movhlps W, V
0f 12 66 /m movlpd M, V
0f 12 f3 /rm movsldup W, V
0f 12 f2 /rm movddup W, V
0f 13 np /m movlps V, M
0f 13 66 /m movlpd V, M
0f 14 np /rm unpcklps W, V
0f 14 66 /rm unpcklpd W, V
0f 15 np /rm unpckhps W, V
0f 15 66 /rm unpckhpd W, V
0f 16 np /m movhps M, V
0f 16 np /r movlhps W, V
0f 16 66 /m movhpd M, V
0f 16 f3 /rm movshdup W, V
0f 17 np /m movhps V, M
0f 17 66 /m movhpd V, M
0f 18 - /0m prefetchnta M
0f 18 - /1m prefetcht0 M
0f 18 - /2m prefetcht1 M
0f 18 - /3m prefetcht2 M
0f 18 v /4 nop# Ev
0f 18 v /5 nop# Ev
0f 18 v /6 nop# Ev
0f 18 v /7 nop# Ev
0f 19 v /m nop# M
0f 19 v /r nop Gv, Ev
0f 1a np /m bndldx M, BND
0f 1a 66 /rm bndmov BNDm, BND
0f 1a f3 /rm bndcl Ed, BND
0f 1a f2 /rm bndcu Ed, BND
0f 1b np /m bndstx BND, M
0f 1b 66 /rm bndmov BND, BNDm
0f 1b f3 /m bndmk M, BND
0f 1b f2 /rm bndcn Ed, BND
0f 1c - /0m cldemote M
0f 1c o16 /m nopw M
0f 1d v /m nop# M
0f 1e v /m nop# M
0f 1e f3 =c8-cf rdsspd Ed
0f 1e f3 =fa endbr64
0f 1e f3 =fb endbr32
0f 1f - /m nopl M ; lock
0f 1f o16 /m nopw M
0f 1f v /r nop# Ev
0f 20 - /r movl C, Ed
0f 21 - /r movl D, Ed
0f 22 - /r movl Ed, C
0f 23 - /r movl Ed, D
0f 28 np /rm movaps W, V
0f 28 66 /rm movapd W, V
0f 29 np /rm movaps V, W
0f 29 66 /rm movapd V, W
0f 2a np /rm cvtpi2ps Q, V
0f 2a 66 /rm cvtpi2pd Q, V
0f 2a f3 /rm cvtsi2ssl Ed, V
0f 2a f2 /rm cvtsi2sdl Ed, V
0f 2b np /m movntps V, M
0f 2b 66 /m movntpd V, M
0f 2b f3 /m movntss V, M
0f 2b f2 /m movntsd V, M
0f 2c np /rm cvttps2pi W, P
0f 2c 66 /rm cvttpd2pi W, P
0f 2c f3 /rm cvttss2si W, Gd
0f 2c f2 /rm cvttsd2si W, Gd
0f 2d np /rm cvtps2pi W, P
0f 2d 66 /rm cvtpd2pi W, P
0f 2d f3 /rm cvtss2si W, Gd
0f 2d f2 /rm cvtsd2si W, Gd
0f 2e np /rm ucomiss W, V
0f 2e 66 /rm ucomisd W, V
0f 2f np /rm comiss W, V
0f 2f 66 /rm comisd W, V
0f 30 - - wrmsr
0f 31 - - rdtsc
0f 32 - - rdmsr
0f 33 - - rdpmc
0f 34 - - sysenter
0f 35 - - sysexitl
0f 37 - - getsec
0f 40 v /rm cmovo# Ev, Gv
0f 41 v /rm cmovno# Ev, Gv
0f 42 v /rm cmovb# Ev, Gv
0f 43 v /rm cmovae# Ev, Gv
0f 44 v /rm cmove# Ev, Gv
0f 45 v /rm cmovne# Ev, Gv
0f 46 v /rm cmovbe# Ev, Gv
0f 47 v /rm cmova# Ev, Gv
0f 48 v /rm cmovs# Ev, Gv
0f 49 v /rm cmovns# Ev, Gv
0f 4a v /rm cmovp# Ev, Gv
0f 4b v /rm cmovnp# Ev, Gv
0f 4c v /rm cmovl# Ev, Gv
0f 4d v /rm cmovge# Ev, Gv
0f 4e v /rm cmovle# Ev, Gv
0f 4f v /rm cmovg# Ev, Gv
0f 50 np /r movmskps W, Gd
0f 50 66 /r movmskpd W, Gd
0f 51 np /rm sqrtps W, V
0f 51 66 /rm sqrtpd W, V
0f 51 f3 /rm sqrtss W, V
0f 51 f2 /rm sqrtsd W, V
0f 52 np /rm rsqrtps W, V
0f 52 f3 /rm rsqrtss W, V
0f 53 np /rm rcpps W, V
0f 53 f3 /rm rcpss W, V
0f 54 np /rm andps W, V
0f 54 66 /rm andpd W, V
0f 55 np /rm andnps W, V
0f 55 66 /rm andnpd W, V
0f 56 np /rm orps W, V
0f 56 66 /rm orpd W, V
0f 57 np /rm xorps W, V
0f 57 66 /rm xorpd W, V
0f 58 np /rm addps W, V
0f 58 66 /rm addpd W, V
0f 58 f3 /rm addss W, V
0f 58 f2 /rm addsd W, V
0f 59 np /rm mulps W, V
0f 59 66 /rm mulpd W, V
0f 59 f3 /rm mulss W, V
0f 59 f2 /rm mulsd W, V
0f 5a np /rm cvtps2pd W, V
0f 5a 66 /rm cvtpd2ps W, V
0f 5a f3 /rm cvtss2sd W, V
0f 5a f2 /rm cvtsd2ss W, V
0f 5b np /rm cvtdq2ps W, V
0f 5b 66 /rm cvtps2dq W, V
0f 5b f3 /rm cvttps2dq W, V
0f 5c np /rm subps W, V
0f 5c 66 /rm subpd W, V
0f 5c f3 /rm subss W, V
0f 5c f2 /rm subsd W, V
0f 5d np /rm minps W, V
0f 5d 66 /rm minpd W, V
0f 5d f3 /rm minss W, V
0f 5d f2 /rm minsd W, V
0f 5e np /rm divps W, V
0f 5e 66 /rm divpd W, V
0f 5e f3 /rm divss W, V
0f 5e f2 /rm divsd W, V
0f 5f np /rm maxps W, V
0f 5f 66 /rm maxpd W, V
0f 5f f3 /rm maxss W, V
0f 5f f2 /rm maxsd W, V
0f 60 np /rm punpcklbw Q, P
0f 60 66 /rm punpcklbw W, V
0f 61 np /rm punpcklwd Q, P
0f 61 66 /rm punpcklwd W, V
0f 62 np /rm punpckldq Q, P
0f 62 66 /rm punpckldq W, V
0f 63 np /rm packsswb Q, P
0f 63 66 /rm packsswb W, V
0f 64 np /rm pcmpgtb Q, P
0f 64 66 /rm pcmpgtb W, V
0f 65 np /rm pcmpgtw Q, P
0f 65 66 /rm pcmpgtw W, V
0f 66 np /rm pcmpgtd Q, P
0f 66 66 /rm pcmpgtd W, V
0f 67 np /rm packuswb Q, P
0f 67 66 /rm packuswb W, V
0f 68 np /rm punpckhbw Q, P
0f 68 66 /rm punpckhbw W, V
0f 69 np /rm punpckhwd Q, P
0f 69 66 /rm punpckhwd W, V
0f 6a np /rm punpckhdq Q, P
0f 6a 66 /rm punpckhdq W, V
0f 6b np /rm packssdw Q, P
0f 6b 66 /rm packssdw W, V
0f 6c 66 /rm punpcklqdq W, V
0f 6d 66 /rm punpckhqdq W, V
0f 6e np /rm movd Ed, P
0f 6e 66 /rm movd Ed, V
0f 6f np /rm movq Q, P
0f 6f 66 /rm movdqa W, V
0f 6f f3 /rm movdqu W, V
0f 70 np /rm pshufw Ub, Q, P
0f 70 66 /rm pshufd Ub, W, V
0f 70 f3 /rm pshufhw Ub, W, V
0f 70 f2 /rm pshuflw Ub, W, V
0f 71 np /2r psrlw Ub, Q
0f 71 66 /2r psrlw Ub, W
0f 71 np /4r psraw Ub, Q
0f 71 66 /4r psraw Ub, W
0f 71 np /6r psllw Ub, Q
0f 71 66 /6r psllw Ub, W
0f 72 np /2r psrld Ub, Q
0f 72 66 /2r psrld Ub, W
0f 72 np /4r psrad Ub, Q
0f 72 66 /4r psrad Ub, W
0f 72 np /6r pslld Ub, Q
0f 72 66 /6r pslld Ub, W
0f 73 np /2r psrlq Ub, Q
0f 73 66 /2r psrlq Ub, W
0f 73 66 /3r psrldq Ub, W
0f 73 np /6r psllq Ub, Q
0f 73 66 /6r psllq Ub, W
0f 73 66 /7r pslldq Ub, W
0f 74 np /rm pcmpeqb Q, P
0f 74 66 /rm pcmpeqb W, V
0f 75 np /rm pcmpeqw Q, P
0f 75 66 /rm pcmpeqw W, V
0f 76 np /rm pcmpeqd Q, P
0f 76 66 /rm pcmpeqd W, V
0f 77 np - emms
0f 78 np /rm vmreadl Gd, Ed
0f 78 66 /r extrq Ub@1, Ub@0, W
0f 78 f2 /r insertq Ub@1, Ub@0, W, V
0f 79 np /rm vmwritel Ed, Gd
0f 79 66 /r extrq W, V
0f 79 f2 /r insertq W, V
0f 7c 66 /rm haddpd W, V
0f 7c f2 /rm haddps W, V
0f 7d 66 /rm hsubpd W, V
0f 7d f2 /rm hsubps W, V
0f 7e np /rm movd P, Ed
0f 7e 66 /rm movd V, Ed
0f 7e f3 /rm movq W, V
0f 7f np /rm movq P, Q
0f 7f 66 /rm movdqa V, W
0f 7f f3 /rm movdqu V, W
0f 80 v - jo Jz ; bnd
0f 81 v - jno Jz ; bnd
0f 82 v - jb Jz ; bnd
0f 83 v - jae Jz ; bnd
0f 84 v - je Jz ; bnd
0f 85 v - jne Jz ; bnd
0f 86 v - jbe Jz ; bnd
0f 87 v - ja Jz ; bnd
0f 88 v - js Jz ; bnd
0f 89 v - jns Jz ; bnd
0f 8a v - jp Jz ; bnd
0f 8b v - jnp Jz ; bnd
0f 8c v - jl Jz ; bnd
0f 8d v - jge Jz ; bnd
0f 8e v - jle Jz ; bnd
0f 8f v - jg Jz ; bnd
0f 90 - /rm seto Eb
0f 91 - /rm setno Eb
0f 92 - /rm setb Eb
0f 93 - /rm setae Eb
0f 94 - /rm sete Eb
0f 95 - /rm setne Eb
0f 96 - /rm setbe Eb
0f 97 - /rm seta Eb
0f 98 - /rm sets Eb
0f 99 - /rm setns Eb
0f 9a - /rm setp Eb
0f 9b - /rm setnp Eb
0f 9c - /rm setl Eb
0f 9d - /rm setge Eb
0f 9e - /rm setle Eb
0f 9f - /rm setg Eb
0f a0 v - push# %fs
0f a1 v - pop# %fs
0f a2 - - cpuid
0f a3 v /rm bt# Gv, Ev
0f a4 v /rm shld# Ib, Gv, Ev ; imm=1
0f a5 v /rm shld# %cl, Gv, Ev
0f a8 v - push# %gs
0f a9 v - pop# %gs
0f aa - - rsm
0f a6 - =c0 montmul
0f a6 - =c8 xsha1
0f a6 - =d0 xsha256
0f a7 - =c0 xstore
0f a7 - =c8 xcryptecb
0f a7 - =d0 xcryptcbc
0f a7 - =d8 xcryptctr
0f a7 - =e0 xcryptcfb
0f a7 - =e8 xcryptofb
0f ab v /rm bts# Gv, Ev ; lock
0f ac v /rm shrd# Ib, Gv, Ev ; imm=1
0f ad v /rm shrd# %cl, Gv, Ev
0f ae - /0m fxsave M
0f ae - /1m fxrstor M
0f ae - /2m ldmxcsr M
0f ae - /3m stmxcsr M
0f ae np /4m xsave M
0f ae np /5m xrstor M
0f ae np /6m xsaveopt M
0f ae np /7m clflush M
0f ae 66 /6m clwb M
0f ae 66 /7m clflushopt M
0f ae f3 /4 ptwritel Ed
0f ae f3 /6m clrssbsy M
0f ae np =e8 lfence
0f ae np =f0 mfence
0f ae np =f8 sfence
0f ae 66 /6r tpause Ed
0f ae f3 /5r incsspd Ed
0f ae f3 /6r umonitor Ed
0f ae f3.a16 /6r umonitor Ew
0f ae f2 /6r umwait Ed
0f af v /rm imul# Ev, Gv
0f b0 - /rm cmpxchgb Gb, Eb ; lock
0f b1 v /rm cmpxchg# Gv, Ev ; lock
0f b2 v /m lss# M, Gv
0f b3 v /rm btr# Gv, Ev ; lock
0f b4 v /m lfs# M, Gv
0f b5 v /m lgs# M, Gv
0f b6 v /rm movzb# Eb, Gv
0f b7 - /rm movzwl Ew, Gr
0f b7 o16 /rm movzww Ew, Gw
0f b8 f3.v /rm popcnt# Ev, Gv
0f b9 - - ud1
0f ba v /4 bt# Ib, Ev ; imm=1
0f ba v /5 bts# Ib, Ev ; lock imm=1
0f ba v /6 btr# Ib, Ev ; lock imm=1
0f ba v /7 btc# Ib, Ev ; lock imm=1
0f bb v /rm btc# Gv, Ev ; lock
0f bc np.v /rm bsf# Ev, Gv
0f bc f3.v /rm tzcnt# Ev, Gv
0f bd np.v /rm bsr# Ev, Gv
0f bd f3.v /rm lzcnt# Ev, Gv
0f be v /rm movsb# Eb, Gv
0f bf - /rm movswl Ew, Gr
0f bf o16 /rm movsww Ew, Gw
0f c0 - /rm xaddb Gb, Eb ; lock
0f c1 v /rm xadd# Gv, Ev ; lock
0f c2 np /rm cmp*ps Ub, W, V ; ssecc
0f c2 66 /rm cmp*pd Ub, W, V ; ssecc
0f c2 f3 /rm cmp*ss Ub, W, V ; ssecc
0f c2 f2 /rm cmp*sd Ub, W, V ; ssecc
0f c3 np /m movntil Gd, M
0f c4 np /rm pinsrw Ub, Ed, P
0f c4 66 /rm pinsrw Ub, Ed, V
0f c5 np /r pextrw Ub, Q, Gd
0f c5 66 /r pextrw Ub, W, Gd
0f c6 np /rm shufps Ub, W, V
0f c6 66 /rm shufpd Ub, W, V
0f c7 - /1m cmpxchg8b M ; lock
0f c7 - /3m xrstors M
0f c7 - /4m xsavec M
0f c7 - /5m xsaves M
0f c7 np /6m vmptrld M
0f c7 66 /6m vmclear M
0f c7 f3 /6m vmxon M
0f c7 np /7m vmptrst M
0f c7 np.v /6r rdrand# Ev
0f c7 np.v /7r rdseed# Ev
0f c7 f3 /7r rdpid Ed
0f c8+r v - bswap# Zv
0f d0 66 /rm addsubpd W, V
0f d0 f2 /rm addsubps W, V
0f d1 np /rm psrlw Q, P
0f d1 66 /rm psrlw W, V
0f d2 np /rm psrld Q, P
0f d2 66 /rm psrld W, V
0f d3 np /rm psrlq Q, P
0f d3 66 /rm psrlq W, V
0f d4 np /rm paddq Q, P
0f d4 66 /rm paddq W, V
0f d5 np /rm pmullw Q, P
0f d5 66 /rm pmullw W, V
0f d6 66 /rm movq V, W
0f d6 f3 /r movq2dq Q, V
0f d6 f2 /r movdq2q W, P
0f d7 np /r pmovmskb Q, Gd
0f d7 66 /r pmovmskb W, Gd
0f d8 np /rm psubusb Q, P
0f d8 66 /rm psubusb W, V
0f d9 np /rm psubusw Q, P
0f d9 66 /rm psubusw W, V
0f da np /rm pminub Q, P
0f da 66 /rm pminub W, V
0f db np /rm pand Q, P
0f db 66 /rm pand W, V
0f dc np /rm paddusb Q, P
0f dc 66 /rm paddusb W, V
0f dd np /rm paddusw Q, P
0f dd 66 /rm paddusw W, V
0f de np /rm pmaxub Q, P
0f de 66 /rm pmaxub W, V
0f df np /rm pandn Q, P
0f df 66 /rm pandn W, V
0f e0 np /rm pavgb Q, P
0f e0 66 /rm pavgb W, V
0f e1 np /rm psraw Q, P
0f e1 66 /rm psraw W, V
0f e2 np /rm psrad Q, P
0f e2 66 /rm psrad W, V
0f e3 np /rm pavgw Q, P
0f e3 66 /rm pavgw W, V
0f e4 np /rm pmulhuw Q, P
0f e4 66 /rm pmulhuw W, V
0f e5 np /rm pmulhw Q, P
0f e5 66 /rm pmulhw W, V
0f e6 66 /rm cvttpd2dq W, V
0f e6 f3 /rm cvtdq2pd W, V
0f e6 f2 /rm cvtpd2dq W, V
0f e7 np /m movntq P, M
0f e7 66 /m movntdq V, M
0f e8 np /rm psubsb Q, P
0f e8 66 /rm psubsb W, V
0f e9 np /rm psubsw Q, P
0f e9 66 /rm psubsw W, V
0f ea np /rm pminsw Q, P
0f ea 66 /rm pminsw W, V
0f eb np /rm por Q, P
0f eb 66 /rm por W, V
0f ec np /rm paddsb Q, P
0f ec 66 /rm paddsb W, V
0f ed np /rm paddsw Q, P
0f ed 66 /rm paddsw W, V
0f ee np /rm pmaxsw Q, P
0f ee 66 /rm pmaxsw W, V
0f ef np /rm pxor Q, P
0f ef 66 /rm pxor W, V
0f f0 f2 /m lddqu M, V
0f f1 np /rm psllw Q, P
0f f1 66 /rm psllw W, V
0f f2 np /rm pslld Q, P
0f f2 66 /rm pslld W, V
0f f3 np /rm psllq Q, P
0f f3 66 /rm psllq W, V
0f f4 np /rm pmuludq Q, P
0f f4 66 /rm pmuludq W, V
0f f5 np /rm pmaddwd Q, P
0f f5 66 /rm pmaddwd W, V
0f f6 np /rm psadbw Q, P
0f f6 66 /rm psadbw W, V
0f f7 np /r maskmovq Q, P
0f f7 66 /r maskmovdqu W, V
0f f8 np /rm psubb Q, P
0f f8 66 /rm psubb W, V
0f f9 np /rm psubw Q, P
0f f9 66 /rm psubw W, V
0f fa np /rm psubd Q, P
0f fa 66 /rm psubd W, V
0f fb np /rm psubq Q, P
0f fb 66 /rm psubq W, V
0f fc np /rm paddb Q, P
0f fc 66 /rm paddb W, V
0f fd np /rm paddw Q, P
0f fd 66 /rm paddw W, V
0f fe np /rm paddd Q, P
0f fe 66 /rm paddd W, V
0f ff - - ud0
# ---- 3DNow! (0F 0F /r ib: the last byte selects the instruction) -------------------------------------
3dnow 0c - /rm pi2fw Q, P
3dnow 0d - /rm pi2fd Q, P
3dnow 1c - /rm pf2iw Q, P
3dnow 1d - /rm pf2id Q, P
3dnow 8a - /rm pfnacc Q, P
3dnow 8e - /rm pfpnacc Q, P
3dnow 90 - /rm pfcmpge Q, P
3dnow 94 - /rm pfmin Q, P
3dnow 96 - /rm pfrcp Q, P
3dnow 97 - /rm pfrsqrt Q, P
3dnow 9a - /rm pfsub Q, P
3dnow 9e - /rm pfadd Q, P
3dnow a0 - /rm pfcmpgt Q, P
3dnow a4 - /rm pfmax Q, P
3dnow a6 - /rm pfrcpit1 Q, P
3dnow a7 - /rm pfrsqit1 Q, P
3dnow aa - /rm pfsubr Q, P
3dnow ae - /rm pfacc Q, P
3dnow b0 - /rm pfcmpeq Q, P
3dnow b4 - /rm pfmul Q, P
3dnow b6 - /rm pfrcpit2 Q, P
3dnow b7 - /rm pmulhrw Q, P
3dnow bb - /rm pswapd Q, P
3dnow bf - /rm pavgusb Q, P
# ---- three-byte opcodes (0F 38 xx, 0F 3A xx) -------------------------------------------------------------
0f38 00 np /rm pshufb Q, P
0f38 00 66 /rm pshufb W, V
0f38 01 np /rm phaddw Q, P
0f38 01 66 /rm phaddw W, V
0f38 02 np /rm phaddd Q, P
0f38 02 66 /rm phaddd W, V
0f38 03 np /rm phaddsw Q, P
0f38 03 66 /rm phaddsw W, V
0f38 04 np /rm pmaddubsw Q, P
0f38 04 66 /rm pmaddubsw W, V
0f38 05 np /rm phsubw Q, P
0f38 05 66 /rm phsubw W, V
0f38 06 np /rm phsubd Q, P
0f38 06 66 /rm phsubd W, V
0f38 07 np /rm phsubsw Q, P
0f38 07 66 /rm phsubsw W, V
0f38 08 np /rm psignb Q, P
0f38 08 66 /rm psignb W, V
0f38 09 np /rm psignw Q, P
0f38 09 66 /rm psignw W, V
0f38 0a np /rm psignd Q, P
0f38 0a 66 /rm psignd W, V
0f38 0b np /rm pmulhrsw Q, P
0f38 0b 66 /rm pmulhrsw W, V
0f38 10 66 /rm pblendvb %xmm0, W, V
0f38 14 66 /rm blendvps %xmm0, W, V
0f38 15 66 /rm blendvpd %xmm0, W, V
0f38 17 66 /rm ptest W, V
0f38 1c np /rm pabsb Q, P
0f38 1c 66 /rm pabsb W, V
0f38 1d np /rm pabsw Q, P
0f38 1d 66 /rm pabsw W, V
0f38 1e np /rm pabsd Q, P
0f38 1e 66 /rm pabsd W, V
0f38 20 66 /rm pmovsxbw W, V
0f38 21 66 /rm pmovsxbd W, V
0f38 22 66 /rm pmovsxbq W, V
0f38 23 66 /rm pmovsxwd W, V
0f38 24 66 /rm pmovsxwq W, V
0f38 25 66 /rm pmovsxdq W, V
0f38 28 66 /rm pmuldq W, V
0f38 29 66 /rm pcmpeqq W, V
0f38 2a 66 /m movntdqa M, V
0f38 2b 66 /rm packusdw W, V
0f38 30 66 /rm pmovzxbw W, V
0f38 31 66 /rm pmovzxbd W, V
0f38 32 66 /rm pmovzxbq W, V
0f38 33 66 /rm pmovzxwd W, V
0f38 34 66 /rm pmovzxwq W, V
0f38 35 66 /rm pmovzxdq W, V
0f38 37 66 /rm pcmpgtq W, V
0f38 38 66 /rm pminsb W, V
0f38 39 66 /rm pminsd W, V
0f38 3a 66 /rm pminuw W, V
0f38 3b 66 /rm pminud W, V
0f38 3c 66 /rm pmaxsb W, V
0f38 3d 66 /rm pmaxsd W, V
0f38 3e 66 /rm pmaxuw W, V
0f38 3f 66 /rm pmaxud W, V
0f38 40 66 /rm pmulld W, V
0f38 41 66 /rm phminposuw W, V
0f38 80 66 /m invept M, Gd
0f38 81 66 /m invvpid M, Gd
0f38 82 66 /m invpcid M, Gd
0f38 c8 - /rm sha1nexte W, V
0f38 c9 - /rm sha1msg1 W, V
0f38 ca - /rm sha1msg2 W, V
0f38 cb - /rm sha256rnds2 %xmm0, W, V
0f38 cc - /rm sha256msg1 W, V
0f38 cd - /rm sha256msg2 W, V
0f38 cf 66 /rm gf2p8mulb W, V
0f38 db 66 /rm aesimc W, V
0f38 dc 66 /rm aesenc W, V
0f38 dd 66 /rm aesenclast W, V
0f38 de 66 /rm aesdec W, V
0f38 df 66 /rm aesdeclast W, V
0f38 f0 np.v /m movbe# M, Gv
0f38 f1 np.v /m movbe# Gv, M
0f38 f0 f2 /rm crc32b Eb, Gd
0f38 f1 f2.v /rm crc32# Ev, Gd
0f38 f5 66 /m wrussd Gd, M
0f38 f6 np /m wrssd Gd, M
0f38 f6 66 /rm adcxl Ed, Gd
0f38 f6 f3 /rm adoxl Ed, Gd
0f38 f8 66 /m movdir64b M, Gd
0f38 f8 66.a16 /m movdir64b M, Gw
0f38 f9 - /m movdiri Gd, M
0f3a 08 66 /rm roundps Ub, W, V
0f3a 09 66 /rm roundpd Ub, W, V
0f3a 0a 66 /rm roundss Ub, W, V
0f3a 0b 66 /rm roundsd Ub, W, V
0f3a 0c 66 /rm blendps Ub, W, V
0f3a 0d 66 /rm blendpd Ub, W, V
0f3a 0e 66 /rm pblendw Ub, W, V
0f3a 0f np /rm palignr Ub, Q, P
0f3a 0f 66 /rm palignr Ub, W, V
0f3a 14 66 /rm pextrb Ub, V, Ed
0f3a 15 66 /rm pextrw Ub, V, Ed
0f3a 16 66 /rm pextrd Ub, V, Ed
0f3a 17 66 /rm extractps Ub, V, Ed
0f3a 20 66 /rm pinsrb Ub, Ed, V
0f3a 21 66 /rm insertps Ub, W, V
0f3a 22 66 /rm pinsrd Ub, Ed, V
0f3a 40 66 /rm dpps Ub, W, V
0f3a 41 66 /rm dppd Ub, W, V
0f3a 42 66 /rm mpsadbw Ub, W, V
0f3a 44 66 /rm pclmulqdq Ub, W, V
0f3a 60 66 /rm pcmpestrm Ub, W, V
0f3a 61 66 /rm pcmpestri Ub, W, V
0f3a 62 66 /rm pcmpistrm Ub, W, V
0f3a 63 66 /rm pcmpistri Ub, W, V
0f3a cc - /rm sha1rnds4 Ub, W, V
0f3a ce 66 /rm gf2p8affineqb Ub, W, V
0f3a cf 66 /rm gf2p8affineinvqb Ub, W, V
0f3a df 66 /rm aeskeygenassist Ub, W, V
# ---- VEX (AVX, AVX2, FMA, F16C, BMI, AVX-512 mask registers): capstone decodes them; qemu32 faults ----
v0f 10 np.L*.WIG /rm vmovups WL, VL
v0f 10 66.L*.WIG /rm vmovupd WL, VL
v0f 10 f3.LIG.WIG /m vmovss M, V
v0f 10 f3.LIG.WIG /r vmovss W, H, V
v0f 10 f2.LIG.WIG /m vmovsd M, V
v0f 10 f2.LIG.WIG /r vmovsd W, H, V
v0f 11 np.L*.WIG /rm vmovups VL, WL
v0f 11 66.L*.WIG /rm vmovupd VL, WL
v0f 11 f3.LIG.WIG /m vmovss V, M
v0f 11 f3.LIG.WIG /r vmovss V, H, W
v0f 11 f2.LIG.WIG /m vmovsd V, M
v0f 11 f2.LIG.WIG /r vmovsd V, H, W
v0f 12 np.L0.WIG /m vmovlps M, H, V
v0f 12 np.L0.WIG /r vmovhlps W, H, V
v0f 12 66.L0.WIG /m vmovlpd M, H, V
v0f 12 f3.L*.WIG /rm vmovsldup WL, VL
v0f 12 f2.L*.WIG /rm vmovddup WL, VL
v0f 13 np.L0.WIG /m vmovlps V, M
v0f 13 66.L0.WIG /m vmovlpd V, M
v0f 14 np.L*.WIG /rm vunpcklps WL, HL, VL
v0f 14 66.L*.WIG /rm vunpcklpd WL, HL, VL
v0f 15 np.L*.WIG /rm vunpckhps WL, HL, VL
v0f 15 66.L*.WIG /rm vunpckhpd WL, HL, VL
v0f 16 np.L0.WIG /m vmovhps M, H, V
v0f 16 np.L0.WIG /r vmovlhps W, H, V
v0f 16 66.L0.WIG /m vmovhpd M, H, V
v0f 16 f3.L*.WIG /rm vmovshdup WL, VL
v0f 17 np.L0.WIG /m vmovhps V, M
v0f 17 66.L0.WIG /m vmovhpd V, M
v0f 28 np.L*.WIG /rm vmovaps WL, VL
v0f 28 66.L*.WIG /rm vmovapd WL, VL
v0f 29 np.L*.WIG /rm vmovaps VL, WL
v0f 29 66.L*.WIG /rm vmovapd VL, WL
v0f 2a f3.LIG.WIG /m vcvtsi2ssl M, H, V
v0f 2a f3.LIG.WIG /r vcvtsi2ssl Ed, H, V
v0f 2a f2.LIG.WIG /m vcvtsi2sdl M, H, V
v0f 2a f2.LIG.WIG /r vcvtsi2sdl Ed, H, V
v0f 2b np.L*.WIG /m vmovntps VL, M
v0f 2b 66.L*.WIG /m vmovntpd VL, M
v0f 2c f3.LIG.WIG /rm vcvttss2si W, Gd
v0f 2c f2.LIG.WIG /rm vcvttsd2si W, Gd
v0f 2d f3.LIG.WIG /rm vcvtss2si W, Gd
v0f 2d f2.LIG.WIG /rm vcvtsd2si W, Gd
v0f 2e np.LIG.WIG /rm vucomiss W, V
v0f 2e 66.LIG.WIG /rm vucomisd W, V
v0f 2f np.LIG.WIG /rm vcomiss W, V
v0f 2f 66.LIG.WIG /rm vcomisd W, V
v0f 41 np.L1.W0 /r kandw Km, Kv, Kr
v0f 41 np.L1.W1 /r kandq Km, Kv, Kr
v0f 41 66.L1.W0 /r kandb Km, Kv, Kr
v0f 41 66.L1.W1 /r kandd Km, Kv, Kr
v0f 42 np.L1.W0 /r kandnw Km, Kv, Kr
v0f 42 np.L1.W1 /r kandnq Km, Kv, Kr
v0f 42 66.L1.W0 /r kandnb Km, Kv, Kr
v0f 42 66.L1.W1 /r kandnd Km, Kv, Kr
v0f 44 np.L0.W0 /r knotw Km, Kr
v0f 44 np.L0.W1 /r knotq Km, Kr
v0f 44 66.L0.W0 /r knotb Km, Kr
v0f 44 66.L0.W1 /r knotd Km, Kr
v0f 45 np.L1.W0 /r korw Km, Kv, Kr
v0f 45 np.L1.W1 /r korq Km, Kv, Kr
v0f 45 66.L1.W0 /r korb Km, Kv, Kr
v0f 45 66.L1.W1 /r kord Km, Kv, Kr
v0f 46 np.L1.W0 /r kxnorw Km, Kv, Kr
v0f 46 np.L1.W1 /r kxnorq Km, Kv, Kr
v0f 46 66.L1.W0 /r kxnorb Km, Kv, Kr
v0f 46 66.L1.W1 /r kxnord Km, Kv, Kr
v0f 47 np.L1.W0 /r kxorw Km, Kv, Kr
v0f 47 np.L1.W1 /r kxorq Km, Kv, Kr
v0f 47 66.L1.W0 /r kxorb Km, Kv, Kr
v0f 47 66.L1.W1 /r kxord Km, Kv, Kr
v0f 4a np.L1.W0 /r kaddw Km, Kv, Kr
v0f 4a np.L1.W1 /r kaddq Km, Kv, Kr
v0f 4a 66.L1.W0 /r kaddb Km, Kv, Kr
v0f 4a 66.L1.W1 /r kaddd Km, Kv, Kr
v0f 4b np.L1.W0 /r kunpckwd Km, Kv, Kr
v0f 4b np.L1.W1 /r kunpckdq Km, Kv, Kr
v0f 4b 66.L1.W0 /r kunpckbw Km, Kv, Kr
v0f 50 np.L*.WIG /r vmovmskps WL, Gd
v0f 50 66.L*.WIG /r vmovmskpd WL, Gd
v0f 51 np.L*.WIG /rm vsqrtps WL, VL
v0f 51 66.L*.WIG /rm vsqrtpd WL, VL
v0f 51 f3.LIG.WIG /rm vsqrtss W, H, V
v0f 51 f2.LIG.WIG /rm vsqrtsd W, H, V
v0f 52 np.L*.WIG /rm vrsqrtps WL, VL
v0f 52 f3.LIG.WIG /rm vrsqrtss W, H, V
v0f 53 np.L*.WIG /rm vrcpps WL, VL
v0f 53 f3.LIG.WIG /rm vrcpss W, H, V
v0f 54 np.L*.WIG /rm vandps WL, HL, VL
v0f 54 66.L*.WIG /rm vandpd WL, HL, VL
v0f 55 np.L*.WIG /rm vandnps WL, HL, VL
v0f 55 66.L*.WIG /rm vandnpd WL, HL, VL
v0f 56 np.L*.WIG /rm vorps WL, HL, VL
v0f 56 66.L*.WIG /rm vorpd WL, HL, VL
v0f 57 np.L*.WIG /rm vxorps WL, HL, VL
v0f 57 66.L*.WIG /rm vxorpd WL, HL, VL
v0f 58 np.L*.WIG /rm vaddps WL, HL, VL
v0f 58 66.L*.WIG /rm vaddpd WL, HL, VL
v0f 58 f3.LIG.WIG /rm vaddss W, H, V
v0f 58 f2.LIG.WIG /rm vaddsd W, H, V
v0f 59 np.L*.WIG /rm vmulps WL, HL, VL
v0f 59 66.L*.WIG /rm vmulpd WL, HL, VL
v0f 59 f3.LIG.WIG /rm vmulss W, H, V
v0f 59 f2.LIG.WIG /rm vmulsd W, H, V
v0f 5a np.L*.WIG /rm vcvtps2pd W, VL
v0f 5a 66.L0.WIG /m vcvtpd2psx M, V
v0f 5a 66.L1.WIG /m vcvtpd2psy M, V
v0f 5a 66.L*.WIG /r vcvtpd2ps WL, V
v0f 5a f3.LIG.WIG /rm vcvtss2sd W, H, V
v0f 5a f2.LIG.WIG /rm vcvtsd2ss W, H, V
v0f 5b np.L*.WIG /rm vcvtdq2ps WL, VL
v0f 5b 66.L*.WIG /rm vcvtps2dq WL, VL
v0f 5b f3.L*.WIG /rm vcvttps2dq WL, VL
v0f 5c np.L*.WIG /rm vsubps WL, HL, VL
v0f 5c 66.L*.WIG /rm vsubpd WL, HL, VL
v0f 5c f3.LIG.WIG /rm vsubss W, H, V
v0f 5c f2.LIG.WIG /rm vsubsd W, H, V
v0f 5d np.L*.WIG /rm vminps WL, HL, VL
v0f 5d 66.L*.WIG /rm vminpd WL, HL, VL
v0f 5d f3.LIG.WIG /rm vminss W, H, V
v0f 5d f2.LIG.WIG /rm vminsd W, H, V
v0f 5e np.L*.WIG /rm vdivps WL, HL, VL
v0f 5e 66.L*.WIG /rm vdivpd WL, HL, VL
v0f 5e f3.LIG.WIG /rm vdivss W, H, V
v0f 5e f2.LIG.WIG /rm vdivsd W, H, V
v0f 5f np.L*.WIG /rm vmaxps WL, HL, VL
v0f 5f 66.L*.WIG /rm vmaxpd WL, HL, VL
v0f 5f f3.LIG.WIG /rm vmaxss W, H, V
v0f 5f f2.LIG.WIG /rm vmaxsd W, H, V
v0f 60 66.L*.WIG /rm vpunpcklbw WL, HL, VL
v0f 61 66.L*.WIG /rm vpunpcklwd WL, HL, VL
v0f 62 66.L*.WIG /rm vpunpckldq WL, HL, VL
v0f 63 66.L*.WIG /rm vpacksswb WL, HL, VL
v0f 64 66.L*.WIG /rm vpcmpgtb WL, HL, VL
v0f 65 66.L*.WIG /rm vpcmpgtw WL, HL, VL
v0f 66 66.L*.WIG /rm vpcmpgtd WL, HL, VL
v0f 67 66.L*.WIG /rm vpackuswb WL, HL, VL
v0f 68 66.L*.WIG /rm vpunpckhbw WL, HL, VL
v0f 69 66.L*.WIG /rm vpunpckhwd WL, HL, VL
v0f 6a 66.L*.WIG /rm vpunpckhdq WL, HL, VL
v0f 6b 66.L*.WIG /rm vpackssdw WL, HL, VL
v0f 6c 66.L*.WIG /rm vpunpcklqdq WL, HL, VL
v0f 6d 66.L*.WIG /rm vpunpckhqdq WL, HL, VL
v0f 6e 66.L0.WIG /m vmovd M, V
v0f 6e 66.L0.WIG /r vmovd Ed, V
v0f 6f 66.L*.WIG /rm vmovdqa WL, VL
v0f 6f f3.L*.WIG /rm vmovdqu WL, VL
v0f 70 66.L*.WIG /rm vpshufd Ub, WL, VL
v0f 70 f3.L*.WIG /rm vpshufhw Ub, WL, VL
v0f 70 f2.L*.WIG /rm vpshuflw Ub, WL, VL
v0f 74 66.L*.WIG /rm vpcmpeqb WL, HL, VL
v0f 75 66.L*.WIG /rm vpcmpeqw WL, HL, VL
v0f 76 66.L*.WIG /rm vpcmpeqd WL, HL, VL
v0f 77 np.L0.WIG - vzeroupper
v0f 77 np.L1.WIG - vzeroall
v0f 7c 66.L*.WIG /rm vhaddpd WL, HL, VL
v0f 7c f2.L*.WIG /rm vhaddps WL, HL, VL
v0f 7d 66.L*.WIG /rm vhsubpd WL, HL, VL
v0f 7d f2.L*.WIG /rm vhsubps WL, HL, VL
v0f 7e 66.L0.WIG /m vmovd V, M
v0f 7e 66.L0.WIG /r vmovd V, Ed
v0f 7e f3.L0.WIG /rm vmovq W, V
v0f 7f 66.L*.WIG /rm vmovdqa VL, WL
v0f 7f f3.L*.WIG /rm vmovdqu VL, WL
v0f 90 np.L0.W0 /m kmovw M, Kr
v0f 90 np.L0.W1 /m kmovq M, Kr
v0f 90 np.L0.W0 /r kmovw Km, Kr
v0f 90 np.L0.W1 /r kmovq Km, Kr
v0f 90 66.L0.W0 /m kmovb M, Kr
v0f 90 66.L0.W1 /m kmovd M, Kr
v0f 90 66.L0.W0 /r kmovb Km, Kr
v0f 90 66.L0.W1 /r kmovd Km, Kr
v0f 91 np.L0.W0 /m kmovw Kr, M
v0f 91 np.L0.W1 /m kmovq Kr, M
v0f 91 66.L0.W0 /m kmovb Kr, M
v0f 91 66.L0.W1 /m kmovd Kr, M
v0f 92 np.L0.W0 /r kmovw Ed, Kr
v0f 92 66.L0.W0 /r kmovb Ed, Kr
v0f 92 f2.L0.W0 /r kmovd Ed, Kr
v0f 92 f2.L0.W1 /r kmovq Eq, Kr
v0f 93 np.L0.W0 /r kmovw Km, Gd
v0f 93 66.L0.W0 /r kmovb Km, Gd
v0f 93 f2.L0.W0 /r kmovd Km, Gd
v0f 93 f2.L0.W1 /r kmovq Km, Eq
v0f 98 np.L0.W0 /r kortestw Km, Kr
v0f 98 np.L0.W1 /r kortestq Km, Kr
v0f 98 66.L0.W0 /r kortestb Km, Kr
v0f 98 66.L0.W1 /r kortestd Km, Kr
v0f 99 np.L0.W0 /r ktestw Km, Kr
v0f 99 np.L0.W1 /r ktestq Km, Kr
v0f 99 66.L0.W0 /r ktestb Km, Kr
v0f 99 66.L0.W1 /r ktestd Km, Kr
v0f c2 np.L*.WIG /rm vcmp*ps Ub, WL, HL, VL ; ssecc5
v0f c2 66.L*.WIG /rm vcmp*pd Ub, WL, HL, VL ; ssecc5
v0f c2 f3.LIG.WIG /rm vcmp*ss Ub, W, H, V ; ssecc5
v0f c2 f2.LIG.WIG /rm vcmp*sd Ub, W, H, V ; ssecc5
v0f c4 66.L0.W0 /m vpinsrw Ub, M, H, V
v0f c4 66.L0.W0 /r vpinsrw Ub, Ed, H, V
v0f c5 66.L0.W0 /r vpextrw Ub, W, Gd
v0f c6 np.L*.WIG /rm vshufps Ub, WL, HL, VL
v0f c6 66.L*.WIG /rm vshufpd Ub, WL, HL, VL
v0f d0 66.L*.WIG /rm vaddsubpd WL, HL, VL
v0f d0 f2.L*.WIG /rm vaddsubps WL, HL, VL
v0f d1 66.L*.WIG /rm vpsrlw W, HL, VL
v0f d2 66.L*.WIG /rm vpsrld W, HL, VL
v0f d3 66.L*.WIG /rm vpsrlq W, HL, VL
v0f d4 66.L*.WIG /rm vpaddq WL, HL, VL
v0f d5 66.L*.WIG /rm vpmullw WL, HL, VL
v0f d6 66.L0.WIG /rm vmovq V, W
v0f d7 66.L*.WIG /r vpmovmskb WL, Gd
v0f d8 66.L*.WIG /rm vpsubusb WL, HL, VL
v0f d9 66.L*.WIG /rm vpsubusw WL, HL, VL
v0f da 66.L*.WIG /rm vpminub WL, HL, VL
v0f db 66.L*.WIG /rm vpand WL, HL, VL
v0f dc 66.L*.WIG /rm vpaddusb WL, HL, VL
v0f dd 66.L*.WIG /rm vpaddusw WL, HL, VL
v0f de 66.L*.WIG /rm vpmaxub WL, HL, VL
v0f df 66.L*.WIG /rm vpandn WL, HL, VL
v0f e0 66.L*.WIG /rm vpavgb WL, HL, VL
v0f e1 66.L*.WIG /rm vpsraw W, HL, VL
v0f e2 66.L*.WIG /rm vpsrad W, HL, VL
v0f e3 66.L*.WIG /rm vpavgw WL, HL, VL
v0f e4 66.L*.WIG /rm vpmulhuw WL, HL, VL
v0f e5 66.L*.WIG /rm vpmulhw WL, HL, VL
v0f e6 66.L0.WIG /m vcvttpd2dqx M, V
v0f e6 66.L1.WIG /m vcvttpd2dqy M, V
v0f e6 66.L*.WIG /r vcvttpd2dq WL, V
v0f e6 f3.L*.WIG /rm vcvtdq2pd W, VL
v0f e6 f2.L0.WIG /m vcvtpd2dqx M, V
v0f e6 f2.L1.WIG /m vcvtpd2dqy M, V
v0f e6 f2.L*.WIG /r vcvtpd2dq WL, V
v0f e7 66.L*.WIG /m vmovntdq VL, M
v0f e8 66.L*.WIG /rm vpsubsb WL, HL, VL
v0f e9 66.L*.WIG /rm vpsubsw WL, HL, VL
v0f ea 66.L*.WIG /rm vpminsw WL, HL, VL
v0f eb 66.L*.WIG /rm vpor WL, HL, VL
v0f ec 66.L*.WIG /rm vpaddsb WL, HL, VL
v0f ed 66.L*.WIG /rm vpaddsw WL, HL, VL
v0f ee 66.L*.WIG /rm vpmaxsw WL, HL, VL
v0f ef 66.L*.WIG /rm vpxor WL, HL, VL
v0f f0 f2.L*.WIG /m vlddqu M, VL
v0f f1 66.L*.WIG /rm vpsllw W, HL, VL
v0f f2 66.L*.WIG /rm vpslld W, HL, VL
v0f f3 66.L*.WIG /rm vpsllq W, HL, VL
v0f f4 66.L*.WIG /rm vpmuludq WL, HL, VL
v0f f5 66.L*.WIG /rm vpmaddwd WL, HL, VL
v0f f6 66.L*.WIG /rm vpsadbw WL, HL, VL
v0f f7 66.L0.WIG /r vmaskmovdqu W, V
v0f f8 66.L*.WIG /rm vpsubb WL, HL, VL
v0f f9 66.L*.WIG /rm vpsubw WL, HL, VL
v0f fa 66.L*.WIG /rm vpsubd WL, HL, VL
v0f fb 66.L*.WIG /rm vpsubq WL, HL, VL
v0f fc 66.L*.WIG /rm vpaddb WL, HL, VL
v0f fd 66.L*.WIG /rm vpaddw WL, HL, VL
v0f fe 66.L*.WIG /rm vpaddd WL, HL, VL
v0f38 00 66.L*.WIG /rm vpshufb WL, HL, VL
v0f38 01 66.L*.WIG /rm vphaddw WL, HL, VL
v0f38 02 66.L*.WIG /rm vphaddd WL, HL, VL
v0f38 03 66.L*.WIG /rm vphaddsw WL, HL, VL
v0f38 04 66.L*.WIG /rm vpmaddubsw WL, HL, VL
v0f38 05 66.L*.WIG /rm vphsubw WL, HL, VL
v0f38 06 66.L*.W0 /rm vphsubd WL, HL, VL
v0f38 07 66.L*.WIG /rm vphsubsw WL, HL, VL
v0f38 08 66.L*.WIG /rm vpsignb WL, HL, VL
v0f38 09 66.L*.WIG /rm vpsignw WL, HL, VL
v0f38 0a 66.L*.WIG /rm vpsignd WL, HL, VL
v0f38 0b 66.L*.WIG /rm vpmulhrsw WL, HL, VL
v0f38 0c 66.L*.W0 /rm vpermilps WL, HL, VL
v0f38 0d 66.L*.W0 /rm vpermilpd WL, HL, VL
v0f38 0e 66.L*.W0 /rm vtestps WL, VL
v0f38 0f 66.L*.W0 /rm vtestpd WL, VL
v0f38 13 66.L*.W0 /rm vcvtph2ps W, VL
v0f38 16 66.L1.W0 /rm vpermps Wy, Hy, Vy
v0f38 17 66.L*.WIG /rm vptest WL, VL
v0f38 18 66.L*.W0 /rm vbroadcastss W, VL
v0f38 19 66.L1.W0 /rm vbroadcastsd W, Vy
v0f38 1a 66.L1.W0 /m vbroadcastf128 M, Vy
v0f38 1c 66.L*.WIG /rm vpabsb WL, VL
v0f38 1d 66.L*.WIG /rm vpabsw WL, VL
v0f38 1e 66.L*.WIG /rm vpabsd WL, VL
v0f38 20 66.L*.WIG /rm vpmovsxbw W, VL
v0f38 21 66.L*.WIG /rm vpmovsxbd W, VL
v0f38 22 66.L*.WIG /rm vpmovsxbq W, VL
v0f38 23 66.L*.WIG /rm vpmovsxwd W, VL
v0f38 24 66.L*.WIG /rm vpmovsxwq W, VL
v0f38 25 66.L*.WIG /rm vpmovsxdq W, VL
v0f38 28 66.L*.WIG /rm vpmuldq WL, HL, VL
v0f38 29 66.L*.WIG /rm vpcmpeqq WL, HL, VL
v0f38 2a 66.L*.WIG /m vmovntdqa M, VL
v0f38 2b 66.L*.W0 /rm vpackusdw WL, HL, VL
v0f38 2c 66.L*.W0 /m vmaskmovps M, HL, VL
v0f38 2d 66.L*.W0 /m vmaskmovpd M, HL, VL
v0f38 2e 66.L*.W0 /m vmaskmovps VL, HL, M
v0f38 2f 66.L*.W0 /m vmaskmovpd VL, HL, M
v0f38 30 66.L*.WIG /rm vpmovzxbw W, VL
v0f38 31 66.L*.WIG /rm vpmovzxbd W, VL
v0f38 32 66.L*.WIG /rm vpmovzxbq W, VL
v0f38 33 66.L*.WIG /rm vpmovzxwd W, VL
v0f38 34 66.L*.WIG /rm vpmovzxwq W, VL
v0f38 35 66.L*.WIG /rm vpmovzxdq W, VL
v0f38 36 66.L1.W0 /rm vpermd Wy, Hy, Vy
v0f38 37 66.L*.WIG /rm vpcmpgtq WL, HL, VL
v0f38 38 66.L*.WIG /rm vpminsb WL, HL, VL
v0f38 39 66.L*.WIG /rm vpminsd WL, HL, VL
v0f38 3a 66.L*.WIG /rm vpminuw WL, HL, VL
v0f38 3b 66.L*.WIG /rm vpminud WL, HL, VL
v0f38 3c 66.L*.WIG /rm vpmaxsb WL, HL, VL
v0f38 3d 66.L*.WIG /rm vpmaxsd WL, HL, VL
v0f38 3e 66.L*.WIG /rm vpmaxuw WL, HL, VL
v0f38 3f 66.L*.WIG /rm vpmaxud WL, HL, VL
v0f38 40 66.L*.WIG /rm vpmulld WL, HL, VL
v0f38 41 66.L0.WIG /rm vphminposuw W, V
v0f38 45 66.L*.W0 /m vpsrlvd M, HL, VL
v0f38 45 66.L*.W1 /m vpsrlvq M, HL, VL
v0f38 45 66.L*.W0 /r vpsrlvd WL, HL, VL
v0f38 45 66.L*.W1 /r vpsrlvq WL, HL, VL
v0f38 46 66.L*.W0 /rm vpsravd WL, HL, VL
v0f38 47 66.L*.W0 /m vpsllvd M, HL, VL
v0f38 47 66.L*.W1 /m vpsllvq M, HL, VL
v0f38 47 66.L*.W0 /r vpsllvd WL, HL, VL
v0f38 47 66.L*.W1 /r vpsllvq WL, HL, VL
v0f38 58 66.L*.W0 /rm vpbroadcastd W, VL
v0f38 59 66.L*.W0 /rm vpbroadcastq W, VL
v0f38 5a 66.L1.W0 /m vbroadcasti128 M, Vy
v0f38 78 66.L*.W0 /rm vpbroadcastb W, VL
v0f38 79 66.L*.W0 /rm vpbroadcastw W, VL
v0f38 8c 66.L*.W0 /m vpmaskmovd M, HL, VL
v0f38 8c 66.L*.W1 /m vpmaskmovq M, HL, VL
v0f38 8e 66.L*.W0 /m vpmaskmovd VL, HL, M
v0f38 8e 66.L*.W1 /m vpmaskmovq VL, HL, M
v0f38 96 66.L*.W0 /m vfmaddsub132ps M, HL, VL
v0f38 96 66.L*.W1 /m vfmaddsub132pd M, HL, VL
v0f38 96 66.L*.W0 /r vfmaddsub132ps WL, HL, VL
v0f38 96 66.L*.W1 /r vfmaddsub132pd WL, HL, VL
v0f38 97 66.L*.W0 /m vfmsubadd132ps M, HL, VL
v0f38 97 66.L*.W1 /m vfmsubadd132pd M, HL, VL
v0f38 97 66.L*.W0 /r vfmsubadd132ps WL, HL, VL
v0f38 97 66.L*.W1 /r vfmsubadd132pd WL, HL, VL
v0f38 98 66.L*.W0 /m vfmadd132ps M, HL, VL
v0f38 98 66.L*.W1 /m vfmadd132pd M, HL, VL
v0f38 98 66.L*.W0 /r vfmadd132ps WL, HL, VL
v0f38 98 66.L*.W1 /r vfmadd132pd WL, HL, VL
v0f38 99 66.LIG.W0 /m vfmadd132ss M, H, V
v0f38 99 66.LIG.W1 /m vfmadd132sd M, H, V
v0f38 99 66.LIG.W0 /r vfmadd132ss W, H, V
v0f38 99 66.LIG.W1 /r vfmadd132sd W, H, V
v0f38 9a 66.L*.W0 /m vfmsub132ps M, HL, VL
v0f38 9a 66.L*.W1 /m vfmsub132pd M, HL, VL
v0f38 9a 66.L*.W0 /r vfmsub132ps WL, HL, VL
v0f38 9a 66.L*.W1 /r vfmsub132pd WL, HL, VL
v0f38 9b 66.LIG.W0 /m vfmsub132ss M, H, V
v0f38 9b 66.LIG.W1 /m vfmsub132sd M, H, V
v0f38 9b 66.LIG.W0 /r vfmsub132ss W, H, V
v0f38 9b 66.LIG.W1 /r vfmsub132sd W, H, V
v0f38 9c 66.L*.W0 /m vfnmadd132ps M, HL, VL
v0f38 9c 66.L*.W1 /m vfnmadd132pd M, HL, VL
v0f38 9c 66.L*.W0 /r vfnmadd132ps WL, HL, VL
v0f38 9c 66.L*.W1 /r vfnmadd132pd WL, HL, VL
v0f38 9d 66.LIG.W0 /m vfnmadd132ss M, H, V
v0f38 9d 66.LIG.W1 /m vfnmadd132sd M, H, V
v0f38 9d 66.LIG.W0 /r vfnmadd132ss W, H, V
v0f38 9d 66.LIG.W1 /r vfnmadd132sd W, H, V
v0f38 9e 66.L*.W0 /m vfnmsub132ps M, HL, VL
v0f38 9e 66.L*.W1 /m vfnmsub132pd M, HL, VL
v0f38 9e 66.L*.W0 /r vfnmsub132ps WL, HL, VL
v0f38 9e 66.L*.W1 /r vfnmsub132pd WL, HL, VL
v0f38 9f 66.LIG.W0 /m vfnmsub132ss M, H, V
v0f38 9f 66.LIG.W1 /m vfnmsub132sd M, H, V
v0f38 9f 66.LIG.W0 /r vfnmsub132ss W, H, V
v0f38 9f 66.LIG.W1 /r vfnmsub132sd W, H, V
v0f38 a6 66.L*.W0 /m vfmaddsub213ps M, HL, VL
v0f38 a6 66.L*.W1 /m vfmaddsub213pd M, HL, VL
v0f38 a6 66.L*.W0 /r vfmaddsub213ps WL, HL, VL
v0f38 a6 66.L*.W1 /r vfmaddsub213pd WL, HL, VL
v0f38 a7 66.L*.W0 /m vfmsubadd213ps M, HL, VL
v0f38 a7 66.L*.W1 /m vfmsubadd213pd M, HL, VL
v0f38 a7 66.L*.W0 /r vfmsubadd213ps WL, HL, VL
v0f38 a7 66.L*.W1 /r vfmsubadd213pd WL, HL, VL
v0f38 a8 66.L*.W0 /m vfmadd213ps M, HL, VL
v0f38 a8 66.L*.W1 /m vfmadd213pd M, HL, VL
v0f38 a8 66.L*.W0 /r vfmadd213ps WL, HL, VL
v0f38 a8 66.L*.W1 /r vfmadd213pd WL, HL, VL
v0f38 a9 66.LIG.W0 /m vfmadd213ss M, H, V
v0f38 a9 66.LIG.W1 /m vfmadd213sd M, H, V
v0f38 a9 66.LIG.W0 /r vfmadd213ss W, H, V
v0f38 a9 66.LIG.W1 /r vfmadd213sd W, H, V
v0f38 aa 66.L*.W0 /m vfmsub213ps M, HL, VL
v0f38 aa 66.L*.W1 /m vfmsub213pd M, HL, VL
v0f38 aa 66.L*.W0 /r vfmsub213ps WL, HL, VL
v0f38 aa 66.L*.W1 /r vfmsub213pd WL, HL, VL
v0f38 ab 66.LIG.W0 /m vfmsub213ss M, H, V
v0f38 ab 66.LIG.W1 /m vfmsub213sd M, H, V
v0f38 ab 66.LIG.W0 /r vfmsub213ss W, H, V
v0f38 ab 66.LIG.W1 /r vfmsub213sd W, H, V
v0f38 ac 66.L*.W0 /m vfnmadd213ps M, HL, VL
v0f38 ac 66.L*.W1 /m vfnmadd213pd M, HL, VL
v0f38 ac 66.L*.W0 /r vfnmadd213ps WL, HL, VL
v0f38 ac 66.L*.W1 /r vfnmadd213pd WL, HL, VL
v0f38 ad 66.LIG.W0 /m vfnmadd213ss M, H, V
v0f38 ad 66.LIG.W1 /m vfnmadd213sd M, H, V
v0f38 ad 66.LIG.W0 /r vfnmadd213ss W, H, V
v0f38 ad 66.LIG.W1 /r vfnmadd213sd W, H, V
v0f38 ae 66.L*.W0 /m vfnmsub213ps M, HL, VL
v0f38 ae 66.L*.W1 /m vfnmsub213pd M, HL, VL
v0f38 ae 66.L*.W0 /r vfnmsub213ps WL, HL, VL
v0f38 ae 66.L*.W1 /r vfnmsub213pd WL, HL, VL
v0f38 af 66.LIG.W0 /m vfnmsub213ss M, H, V
v0f38 af 66.LIG.W1 /m vfnmsub213sd M, H, V
v0f38 af 66.LIG.W0 /r vfnmsub213ss W, H, V
v0f38 af 66.LIG.W1 /r vfnmsub213sd W, H, V
v0f38 b6 66.L*.W0 /m vfmaddsub231ps M, HL, VL
v0f38 b6 66.L*.W1 /m vfmaddsub231pd M, HL, VL
v0f38 b6 66.L*.W0 /r vfmaddsub231ps WL, HL, VL
v0f38 b6 66.L*.W1 /r vfmaddsub231pd WL, HL, VL
v0f38 b7 66.L*.W0 /m vfmsubadd231ps M, HL, VL
v0f38 b7 66.L*.W1 /m vfmsubadd231pd M, HL, VL
v0f38 b7 66.L*.W0 /r vfmsubadd231ps WL, HL, VL
v0f38 b7 66.L*.W1 /r vfmsubadd231pd WL, HL, VL
v0f38 b8 66.L*.W0 /m vfmadd231ps M, HL, VL
v0f38 b8 66.L*.W1 /m vfmadd231pd M, HL, VL
v0f38 b8 66.L*.W0 /r vfmadd231ps WL, HL, VL
v0f38 b8 66.L*.W1 /r vfmadd231pd WL, HL, VL
v0f38 b9 66.LIG.W0 /m vfmadd231ss M, H, V
v0f38 b9 66.LIG.W1 /m vfmadd231sd M, H, V
v0f38 b9 66.LIG.W0 /r vfmadd231ss W, H, V
v0f38 b9 66.LIG.W1 /r vfmadd231sd W, H, V
v0f38 ba 66.L*.W0 /m vfmsub231ps M, HL, VL
v0f38 ba 66.L*.W1 /m vfmsub231pd M, HL, VL
v0f38 ba 66.L*.W0 /r vfmsub231ps WL, HL, VL
v0f38 ba 66.L*.W1 /r vfmsub231pd WL, HL, VL
v0f38 bb 66.LIG.W0 /m vfmsub231ss M, H, V
v0f38 bb 66.LIG.W1 /m vfmsub231sd M, H, V
v0f38 bb 66.LIG.W0 /r vfmsub231ss W, H, V
v0f38 bb 66.LIG.W1 /r vfmsub231sd W, H, V
v0f38 bc 66.L*.W0 /m vfnmadd231ps M, HL, VL
v0f38 bc 66.L*.W1 /m vfnmadd231pd M, HL, VL
v0f38 bc 66.L*.W0 /r vfnmadd231ps WL, HL, VL
v0f38 bc 66.L*.W1 /r vfnmadd231pd WL, HL, VL
v0f38 bd 66.LIG.W0 /m vfnmadd231ss M, H, V
v0f38 bd 66.LIG.W1 /m vfnmadd231sd M, H, V
v0f38 bd 66.LIG.W0 /r vfnmadd231ss W, H, V
v0f38 bd 66.LIG.W1 /r vfnmadd231sd W, H, V
v0f38 be 66.L*.W0 /m vfnmsub231ps M, HL, VL
v0f38 be 66.L*.W1 /m vfnmsub231pd M, HL, VL
v0f38 be 66.L*.W0 /r vfnmsub231ps WL, HL, VL
v0f38 be 66.L*.W1 /r vfnmsub231pd WL, HL, VL
v0f38 bf 66.LIG.W0 /m vfnmsub231ss M, H, V
v0f38 bf 66.LIG.W1 /m vfnmsub231sd M, H, V
v0f38 bf 66.LIG.W0 /r vfnmsub231ss W, H, V
v0f38 bf 66.LIG.W1 /r vfnmsub231sd W, H, V
v0f38 cf 66.L*.W0 /rm vgf2p8mulb WL, HL, VL
v0f38 db 66.L0.WIG /rm vaesimc W, V
v0f38 dc 66.L*.WIG /rm vaesenc WL, HL, VL
v0f38 dd 66.L*.WIG /rm vaesenclast WL, HL, VL
v0f38 de 66.L*.WIG /rm vaesdec WL, HL, VL
v0f38 df 66.L*.WIG /rm vaesdeclast WL, HL, VL
v0f38 f2 np.L0.WIG /m andnl M, Bd, Gd
v0f38 f2 np.L0.WIG /r andnl Ed, Bd, Gd
v0f38 f5 np.L0.WIG /m bzhil Bd, M, Gd
v0f38 f5 np.L0.WIG /r bzhil Bd, Ed, Gd
v0f38 f5 f3.L0.WIG /m pextl M, Bd, Gd
v0f38 f5 f3.L0.WIG /r pextl Ed, Bd, Gd
v0f38 f5 f2.L0.WIG /m pdepl M, Bd, Gd
v0f38 f5 f2.L0.WIG /r pdepl Ed, Bd, Gd
v0f38 f6 f2.L0.WIG /m mulxl M, Bd, Gd
v0f38 f6 f2.L0.WIG /r mulxl Ed, Bd, Gd
v0f38 f7 np.L0.WIG /m bextrl Bd, M, Gd
v0f38 f7 np.L0.WIG /r bextrl Bd, Ed, Gd
v0f38 f7 66.L0.WIG /m shlxl Bd, M, Gd
v0f38 f7 66.L0.WIG /r shlxl Bd, Ed, Gd
v0f38 f7 f3.L0.WIG /m sarxl Bd, M, Gd
v0f38 f7 f3.L0.WIG /r sarxl Bd, Ed, Gd
v0f38 f7 f2.L0.WIG /m shrxl Bd, M, Gd
v0f38 f7 f2.L0.WIG /r shrxl Bd, Ed, Gd
v0f3a 00 66.L1.W1 /rm vpermq Ub, Wy, Vy
v0f3a 01 66.L1.W1 /rm vpermpd Ub, Wy, Vy
v0f3a 02 66.L*.W0 /rm vpblendd Ub, WL, HL, VL
v0f3a 04 66.L*.W0 /rm vpermilps Ub, WL, VL
v0f3a 05 66.L*.W0 /rm vpermilpd Ub, WL, VL
v0f3a 06 66.L1.W0 /rm vperm2f128 Ub, Wy, Hy, Vy
v0f3a 08 66.L*.WIG /rm vroundps Ub, WL, VL
v0f3a 09 66.L*.WIG /rm vroundpd Ub, WL, VL
v0f3a 0a 66.LIG.WIG /rm vroundss Ub, W, H, V
v0f3a 0b 66.LIG.WIG /rm vroundsd Ub, W, H, V
v0f3a 0c 66.L*.WIG /rm vblendps Ub, WL, HL, VL
v0f3a 0d 66.L*.WIG /rm vblendpd Ub, WL, HL, VL
v0f3a 0e 66.L*.WIG /rm vpblendw Ub, WL, HL, VL
v0f3a 0f 66.L*.WIG /rm vpalignr Ub, WL, HL, VL
v0f3a 14 66.L0.W0 /m vpextrb Ub, V, M
v0f3a 14 66.L0.W0 /r vpextrb Ub, V, Ed
v0f3a 15 66.L0.W0 /m vpextrw Ub, V, M
v0f3a 15 66.L0.W0 /r vpextrw Ub, V, Ed
v0f3a 16 66.L0.W0 /m vpextrd Ub, V, M
v0f3a 16 66.L0.W1 /m vpextrq Ub, V, M
v0f3a 16 66.L0.W0 /r vpextrd Ub, V, Ed
v0f3a 16 66.L0.W1 /r vpextrq Ub, V, Eq
v0f3a 17 66.L0.WIG /m vextractps Ub, V, M
v0f3a 17 66.L0.WIG /r vextractps Ub, V, Ed
v0f3a 18 66.L1.W0 /rm vinsertf128 Ub, W, Hy, Vy
v0f3a 19 66.L1.W0 /rm vextractf128 Ub, Vy, W
v0f3a 1d 66.L*.W0 /rm vcvtps2ph Ub, VL, W
v0f3a 20 66.L0.W0 /m vpinsrb Ub, M, H, V
v0f3a 20 66.L0.W0 /r vpinsrb Ub, Ed, H, V
v0f3a 21 66.L0.WIG /rm vinsertps Ub, W, H, V
v0f3a 22 66.L0.W0 /m vpinsrd Ub, M, H, V
v0f3a 22 66.L0.W1 /m vpinsrq Ub, M, H, V
v0f3a 22 66.L0.W0 /r vpinsrd Ub, Ed, H, V
v0f3a 22 66.L0.W1 /r vpinsrq Ub, Eq, H, V
v0f3a 30 66.L0.W0 /r kshiftrb Ub, Km, Kr
v0f3a 30 66.L0.W1 /r kshiftrw Ub, Km, Kr
v0f3a 31 66.L0.W0 /r kshiftrd Ub, Km, Kr
v0f3a 31 66.L0.W1 /r kshiftrq Ub, Km, Kr
v0f3a 32 66.L0.W0 /r kshiftlb Ub, Km, Kr
v0f3a 32 66.L0.W1 /r kshiftlw Ub, Km, Kr
v0f3a 33 66.L0.W0 /r kshiftld Ub, Km, Kr
v0f3a 33 66.L0.W1 /r kshiftlq Ub, Km, Kr
v0f3a 38 66.L1.W0 /rm vinserti128 Ub, W, Hy, Vy
v0f3a 39 66.L1.W0 /rm vextracti128 Ub, Vy, W
v0f3a 40 66.L*.WIG /rm vdpps Ub, WL, HL, VL
v0f3a 41 66.L0.WIG /rm vdppd Ub, W, H, V
v0f3a 42 66.L*.WIG /rm vmpsadbw Ub, WL, HL, VL
v0f3a 44 66.L*.WIG /rm vpclmulqdq Ub, WL, HL, VL
v0f3a 46 66.L1.W0 /rm vperm2i128 Ub, Wy, Hy, Vy
v0f3a 48 66.L*.WIG /rm vpermil2ps Ub@1, LL@0, WL, HL, VL
v0f3a 49 66.L*.WIG /rm vpermil2pd Ub@1, LL@0, WL, HL, VL
v0f3a 4a 66.L*.W0 /rm vblendvps LL, WL, HL, VL
v0f3a 4b 66.L*.W0 /rm vblendvpd LL, WL, HL, VL
v0f3a 4c 66.L*.W0 /rm vpblendvb LL, WL, HL, VL
v0f3a 5c 66.L*.W0 /rm vfmaddsubps LL, WL, HL, VL
v0f3a 5c 66.L*.W1 /rm vfmaddsubps WL, LL, HL, VL
v0f3a 5d 66.L*.W0 /rm vfmaddsubpd LL, WL, HL, VL
v0f3a 5d 66.L*.W1 /rm vfmaddsubpd WL, LL, HL, VL
v0f3a 5e 66.L*.W0 /rm vfmsubaddps LL, WL, HL, VL
v0f3a 5e 66.L*.W1 /rm vfmsubaddps WL, LL, HL, VL
v0f3a 5f 66.L*.W0 /rm vfmsubaddpd LL, WL, HL, VL
v0f3a 5f 66.L*.W1 /rm vfmsubaddpd WL, LL, HL, VL
v0f3a 60 66.L0.W0 /rm vpcmpestrm Ub, W, V
v0f3a 61 66.L0.W0 /rm vpcmpestri Ub, W, V
v0f3a 62 66.L0.W0 /rm vpcmpistrm Ub, W, V
v0f3a 63 66.L0.W0 /rm vpcmpistri Ub, W, V
v0f3a 68 66.L*.W0 /rm vfmaddps LL, WL, HL, VL
v0f3a 68 66.L*.W1 /rm vfmaddps WL, LL, HL, VL
v0f3a 69 66.L*.W0 /rm vfmaddpd LL, WL, HL, VL
v0f3a 69 66.L*.W1 /rm vfmaddpd WL, LL, HL, VL
v0f3a 6a 66.LIG.W0 /rm vfmaddss L, W, H, V
v0f3a 6a 66.LIG.W1 /rm vfmaddss W, L, H, V
v0f3a 6b 66.LIG.W0 /rm vfmaddsd L, W, H, V
v0f3a 6b 66.LIG.W1 /rm vfmaddsd W, L, H, V
v0f3a 6c 66.L*.W0 /rm vfmsubps LL, WL, HL, VL
v0f3a 6c 66.L*.W1 /rm vfmsubps WL, LL, HL, VL
v0f3a 6d 66.L*.W0 /rm vfmsubpd LL, WL, HL, VL
v0f3a 6d 66.L*.W1 /rm vfmsubpd WL, LL, HL, VL
v0f3a 6e 66.LIG.W0 /rm vfmsubss L, W, H, V
v0f3a 6e 66.LIG.W1 /rm vfmsubss W, L, H, V
v0f3a 6f 66.LIG.W0 /rm vfmsubsd L, W, H, V
v0f3a 6f 66.LIG.W1 /rm vfmsubsd W, L, H, V
v0f3a 78 66.L*.W0 /rm vfnmaddps LL, WL, HL, VL
v0f3a 78 66.L*.W1 /rm vfnmaddps WL, LL, HL, VL
v0f3a 79 66.L*.W0 /rm vfnmaddpd LL, WL, HL, VL
v0f3a 79 66.L*.W1 /rm vfnmaddpd WL, LL, HL, VL
v0f3a 7a 66.LIG.W0 /rm vfnmaddss L, W, H, V
v0f3a 7a 66.LIG.W1 /rm vfnmaddss W, L, H, V
v0f3a 7b 66.LIG.W0 /rm vfnmaddsd L, W, H, V
v0f3a 7b 66.LIG.W1 /rm vfnmaddsd W, L, H, V
v0f3a 7c 66.L*.W0 /rm vfnmsubps LL, WL, HL, VL
v0f3a 7c 66.L*.W1 /rm vfnmsubps WL, LL, HL, VL
v0f3a 7d 66.L*.W0 /rm vfnmsubpd LL, WL, HL, VL
v0f3a 7d 66.L*.W1 /rm vfnmsubpd WL, LL, HL, VL
v0f3a 7e 66.LIG.W0 /rm vfnmsubss L, W, H, V
v0f3a 7e 66.LIG.W1 /rm vfnmsubss W, L, H, V
v0f3a 7f 66.LIG.W0 /rm vfnmsubsd L, W, H, V
v0f3a 7f 66.LIG.W1 /rm vfnmsubsd W, L, H, V
v0f3a ce 66.L*.W1 /rm vgf2p8affineqb Ub, WL, HL, VL
v0f3a cf 66.L*.W1 /rm vgf2p8affineinvqb Ub, WL, HL, VL
v0f3a df 66.L0.WIG /rm vaeskeygenassist Ub, W, V
v0f3a f0 f2.L0.WIG /m rorxl Ub, M, Gd
v0f3a f0 f2.L0.WIG /r rorxl Ub, Ed, Gd
v0f 71 66.L*.WIG /2r vpsrlw Ub, WL, HL
v0f 71 66.L*.WIG /4r vpsraw Ub, WL, HL
v0f 71 66.L*.WIG /6r vpsllw Ub, WL, HL
v0f 72 66.L*.WIG /2r vpsrld Ub, WL, HL
v0f 72 66.L*.WIG /4r vpsrad Ub, WL, HL
v0f 72 66.L*.WIG /6r vpslld Ub, WL, HL
v0f 73 66.L*.WIG /2r vpsrlq Ub, WL, HL
v0f 73 66.L*.WIG /3r vpsrldq Ub, WL, HL
v0f 73 66.L*.WIG /6r vpsllq Ub, WL, HL
v0f 73 66.L*.WIG /7r vpslldq Ub, WL, HL
v0f ae np.L0.WIG /2m vldmxcsr M
v0f ae np.L0.WIG /3m vstmxcsr M
v0f38 f3 np.L0.WIG /1 blsrl Ed, Bd
v0f38 f3 np.L0.WIG /2 blsmskl Ed, Bd
v0f38 f3 np.L0.WIG /3 blsil Ed, Bd
v0f38 90 66.L0.W0 /m vpgatherdd H, Mx, V
v0f38 90 66.L1.W0 /m vpgatherdd Hy, My, Vy
v0f38 90 66.L0.W1 /m vpgatherdq H, Mx, V
v0f38 90 66.L1.W1 /m vpgatherdq Hy, Mx, Vy
v0f38 91 66.L0.W0 /m vpgatherqd H, Mx, V
v0f38 91 66.L1.W0 /m vpgatherqd H, My, V
v0f38 91 66.L0.W1 /m vpgatherqq H, Mx, V
v0f38 91 66.L1.W1 /m vpgatherqq Hy, My, Vy
v0f38 92 66.L0.W0 /m vgatherdps H, Mx, V
v0f38 92 66.L1.W0 /m vgatherdps Hy, My, Vy
v0f38 92 66.L0.W1 /m vgatherdpd H, Mx, V
v0f38 92 66.L1.W1 /m vgatherdpd Hy, Mx, Vy
v0f38 93 66.L0.W0 /m vgatherqps H, Mx, V
v0f38 93 66.L1.W0 /m vgatherqps H, My, V
v0f38 93 66.L0.W1 /m vgatherqpd H, Mx, V
v0f38 93 66.L1.W1 /m vgatherqpd Hy, My, Vy
`;
