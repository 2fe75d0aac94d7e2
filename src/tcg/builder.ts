// The front ends' API for emitting TCG ops, in the spirit of QEMU's tcg_gen_* (tcg/tcg-op.c).
// Method names follow QEMU's (`gen_add_i64`, `gen_brcondi_i32`, ...) so QEMU's translators read
// across. The builder emits ops of both widths; how 64-bit ops are executed on this 32-bit-style host
// is decided later (paired-slot bytecode, or lowering to i32 ops by lower-i64.ts).
import { TcgContext, type Label, type Temp } from "./context.ts";
import { Cond, Opc, Type } from "./opcodes.ts";

export class TcgBuilder {
  constructor(readonly ctx: TcgContext) {}

  // ---- temps and constants
  temp_new_i32(): Temp {
    return this.ctx.tempNew(Type.I32);
  }
  temp_new_i64(): Temp {
    return this.ctx.tempNew(Type.I64);
  }
  const_i32(v: number): Temp {
    return this.ctx.constI32(v);
  }
  const_i64(v: number | bigint): Temp {
    return this.ctx.constI64(v);
  }
  /** An i64 constant from its two 32-bit words (a 64-bit guest's addresses, without a bigint). */
  const_i64_pair(lo: number, hi: number): Temp {
    return this.ctx.constNew(Type.I64, lo, hi);
  }
  label_new(): Label {
    return this.ctx.labelNew();
  }

  private op1(opc: Opc, t: Type, d: Temp, a: Temp): void {
    this.ctx.emitArgs(opc, t, 2, d, a);
  }
  private op2(opc: Opc, t: Type, d: Temp, a: Temp, b: Temp): void {
    this.ctx.emitArgs(opc, t, 3, d, a, b);
  }
  private k(t: Type, v: number | bigint): Temp {
    if (t !== Type.I32) return this.ctx.constI64(v);
    return this.ctx.constI32(typeof v === "number" ? v | 0 : Number(BigInt.asIntN(32, v)));
  }

  // ---- 32-bit
  gen_mov_i32(d: Temp, a: Temp): void {
    if (d !== a) this.op1(Opc.mov, Type.I32, d, a);
  }
  gen_movi_i32(d: Temp, v: number): void {
    this.op1(Opc.mov, Type.I32, d, this.const_i32(v));
  }
  gen_add_i32(d: Temp, a: Temp, b: Temp): void {
    this.op2(Opc.add, Type.I32, d, a, b);
  }
  gen_addi_i32(d: Temp, a: Temp, v: number): void {
    this.op2(Opc.add, Type.I32, d, a, this.const_i32(v));
  }
  gen_sub_i32(d: Temp, a: Temp, b: Temp): void {
    this.op2(Opc.sub, Type.I32, d, a, b);
  }
  gen_subi_i32(d: Temp, a: Temp, v: number): void {
    this.op2(Opc.sub, Type.I32, d, a, this.const_i32(v));
  }
  gen_neg_i32(d: Temp, a: Temp): void {
    this.op1(Opc.neg, Type.I32, d, a);
  }
  gen_mul_i32(d: Temp, a: Temp, b: Temp): void {
    this.op2(Opc.mul, Type.I32, d, a, b);
  }
  gen_muli_i32(d: Temp, a: Temp, v: number): void {
    this.op2(Opc.mul, Type.I32, d, a, this.const_i32(v));
  }
  gen_and_i32(d: Temp, a: Temp, b: Temp): void {
    this.op2(Opc.and, Type.I32, d, a, b);
  }
  gen_andi_i32(d: Temp, a: Temp, v: number): void {
    this.op2(Opc.and, Type.I32, d, a, this.const_i32(v));
  }
  gen_or_i32(d: Temp, a: Temp, b: Temp): void {
    this.op2(Opc.or, Type.I32, d, a, b);
  }
  gen_ori_i32(d: Temp, a: Temp, v: number): void {
    this.op2(Opc.or, Type.I32, d, a, this.const_i32(v));
  }
  gen_xor_i32(d: Temp, a: Temp, b: Temp): void {
    this.op2(Opc.xor, Type.I32, d, a, b);
  }
  gen_xori_i32(d: Temp, a: Temp, v: number): void {
    this.op2(Opc.xor, Type.I32, d, a, this.const_i32(v));
  }
  gen_shli_i32(d: Temp, a: Temp, v: number): void {
    this.op2(Opc.shl, Type.I32, d, a, this.const_i32(v));
  }
  gen_shri_i32(d: Temp, a: Temp, v: number): void {
    this.op2(Opc.shr, Type.I32, d, a, this.const_i32(v));
  }
  gen_sari_i32(d: Temp, a: Temp, v: number): void {
    this.op2(Opc.sar, Type.I32, d, a, this.const_i32(v));
  }

  // ---- 64-bit
  gen_mov_i64(d: Temp, a: Temp): void {
    if (d !== a) this.op1(Opc.mov, Type.I64, d, a);
  }
  gen_movi_i64(d: Temp, v: number | bigint): void {
    this.op1(Opc.mov, Type.I64, d, this.const_i64(v));
  }
  gen_add_i64(d: Temp, a: Temp, b: Temp): void {
    this.op2(Opc.add, Type.I64, d, a, b);
  }
  gen_addi_i64(d: Temp, a: Temp, v: number | bigint): void {
    this.op2(Opc.add, Type.I64, d, a, this.const_i64(v));
  }
  gen_sub_i64(d: Temp, a: Temp, b: Temp): void {
    this.op2(Opc.sub, Type.I64, d, a, b);
  }
  gen_subi_i64(d: Temp, a: Temp, v: number | bigint): void {
    this.op2(Opc.sub, Type.I64, d, a, this.const_i64(v));
  }
  gen_neg_i64(d: Temp, a: Temp): void {
    this.op1(Opc.neg, Type.I64, d, a);
  }
  gen_mul_i64(d: Temp, a: Temp, b: Temp): void {
    this.op2(Opc.mul, Type.I64, d, a, b);
  }
  gen_muli_i64(d: Temp, a: Temp, v: number | bigint): void {
    this.op2(Opc.mul, Type.I64, d, a, this.const_i64(v));
  }
  gen_and_i64(d: Temp, a: Temp, b: Temp): void {
    this.op2(Opc.and, Type.I64, d, a, b);
  }
  gen_andi_i64(d: Temp, a: Temp, v: number | bigint): void {
    this.op2(Opc.and, Type.I64, d, a, this.const_i64(v));
  }
  gen_or_i64(d: Temp, a: Temp, b: Temp): void {
    this.op2(Opc.or, Type.I64, d, a, b);
  }
  gen_ori_i64(d: Temp, a: Temp, v: number | bigint): void {
    this.op2(Opc.or, Type.I64, d, a, this.const_i64(v));
  }
  gen_xor_i64(d: Temp, a: Temp, b: Temp): void {
    this.op2(Opc.xor, Type.I64, d, a, b);
  }
  gen_xori_i64(d: Temp, a: Temp, v: number | bigint): void {
    this.op2(Opc.xor, Type.I64, d, a, this.const_i64(v));
  }
  gen_shli_i64(d: Temp, a: Temp, v: number): void {
    this.op2(Opc.shl, Type.I64, d, a, this.const_i64(v));
  }
  gen_shri_i64(d: Temp, a: Temp, v: number): void {
    this.op2(Opc.shr, Type.I64, d, a, this.const_i64(v));
  }
  gen_sari_i64(d: Temp, a: Temp, v: number): void {
    this.op2(Opc.sar, Type.I64, d, a, this.const_i64(v));
  }

  // ---- width-generic forms (t = Type.I32 / Type.I64), used by both widths' named methods above and by
  // front ends that are generic over the target word size (QEMU's _tl).
  mov(t: Type, d: Temp, a: Temp): void {
    if (d !== a) this.op1(Opc.mov, t, d, a);
  }
  movi(t: Type, d: Temp, v: number | bigint): void {
    this.op1(Opc.mov, t, d, this.k(t, v));
  }
  unary(opc: Opc.neg | Opc.not | Opc.ctpop, t: Type, d: Temp, a: Temp): void {
    this.op1(opc, t, d, a);
  }
  /** add sub mul divs divu rems remu and or xor andc orc eqv nand nor shl shr sar rotl rotr muluh mulsh clz ctz */
  binary(opc: Opc, t: Type, d: Temp, a: Temp, b: Temp): void {
    this.op2(opc, t, d, a, b);
  }
  /** The same with a constant second operand. */
  binaryi(opc: Opc, t: Type, d: Temp, a: Temp, v: number | bigint): void {
    this.op2(opc, t, d, a, this.k(t, v));
  }
  gen_mulu2(t: Type, lo: Temp, hi: Temp, a: Temp, b: Temp): void {
    this.ctx.emitArgs(Opc.mulu2, t, 4, lo, hi, a, b);
  }
  gen_muls2(t: Type, lo: Temp, hi: Temp, a: Temp, b: Temp): void {
    this.ctx.emitArgs(Opc.muls2, t, 4, lo, hi, a, b);
  }
  gen_extract(t: Type, d: Temp, a: Temp, pos: number, len: number): void {
    this.ctx.emitArgs(Opc.extract, t, 4, d, a, pos, len);
  }
  gen_sextract(t: Type, d: Temp, a: Temp, pos: number, len: number): void {
    this.ctx.emitArgs(Opc.sextract, t, 4, d, a, pos, len);
  }
  /** d = a with bits [pos, pos+len) replaced by the low bits of b. */
  gen_deposit(t: Type, d: Temp, a: Temp, b: Temp, pos: number, len: number): void {
    this.ctx.emitArgs(Opc.deposit, t, 5, d, a, b, pos, len);
  }
  /** d = bits [pos, pos+width) of the double-width value b:a. */
  gen_extract2(t: Type, d: Temp, a: Temp, b: Temp, pos: number): void {
    this.ctx.emitArgs(Opc.extract2, t, 4, d, a, b, pos);
  }
  gen_ext8s(t: Type, d: Temp, a: Temp): void {
    this.gen_sextract(t, d, a, 0, 8);
  }
  gen_ext8u(t: Type, d: Temp, a: Temp): void {
    this.gen_extract(t, d, a, 0, 8);
  }
  gen_ext16s(t: Type, d: Temp, a: Temp): void {
    this.gen_sextract(t, d, a, 0, 16);
  }
  gen_ext16u(t: Type, d: Temp, a: Temp): void {
    this.gen_extract(t, d, a, 0, 16);
  }
  gen_ext32s_i64(d: Temp, a: Temp): void {
    this.gen_sextract(Type.I64, d, a, 0, 32);
  }
  gen_ext32u_i64(d: Temp, a: Temp): void {
    this.gen_extract(Type.I64, d, a, 0, 32);
  }
  /** flags: 1 = input is zero-extended, 2 = zero-extend output, 4 = sign-extend output (QEMU TCG_BSWAP_*). */
  gen_bswap16(t: Type, d: Temp, a: Temp, flags: number): void {
    this.ctx.emitArgs(Opc.bswap16, t, 3, d, a, flags);
  }
  gen_bswap32(t: Type, d: Temp, a: Temp, flags: number): void {
    this.ctx.emitArgs(Opc.bswap32, t, 3, d, a, flags);
  }
  gen_bswap64_i64(d: Temp, a: Temp): void {
    this.ctx.emitArgs(Opc.bswap64, Type.I64, 3, d, a, 0);
  }
  gen_setcond(t: Type, cond: Cond, d: Temp, a: Temp, b: Temp): void {
    this.ctx.emitArgs(Opc.setcond, t, 4, d, a, b, cond);
  }
  gen_setcondi(t: Type, cond: Cond, d: Temp, a: Temp, v: number | bigint): void {
    this.gen_setcond(t, cond, d, a, this.k(t, v));
  }
  gen_negsetcond(t: Type, cond: Cond, d: Temp, a: Temp, b: Temp): void {
    this.ctx.emitArgs(Opc.negsetcond, t, 4, d, a, b, cond);
  }
  /** d = (c1 cond c2) ? v1 : v2 */
  gen_movcond(t: Type, cond: Cond, d: Temp, c1: Temp, c2: Temp, v1: Temp, v2: Temp): void {
    this.ctx.emitArgs(Opc.movcond, t, 6, d, c1, c2, v1, v2, cond);
  }
  gen_brcond(t: Type, cond: Cond, a: Temp, b: Temp, l: Label): void {
    if (cond === Cond.ALWAYS) this.gen_br(l);
    else if (cond !== Cond.NEVER) this.ctx.emitArgs(Opc.brcond, t, 4, a, b, cond, l);
  }
  gen_brcondi(t: Type, cond: Cond, a: Temp, v: number | bigint, l: Label): void {
    this.gen_brcond(t, cond, a, this.k(t, v), l);
  }

  // ---- 32-bit-host internals (used by lower-i64.ts, available to front ends as in QEMU)
  gen_add2_i32(rl: Temp, rh: Temp, al: Temp, ah: Temp, bl: Temp, bh: Temp): void {
    this.ctx.emitArgs(Opc.add2, Type.I32, 6, rl, rh, al, ah, bl, bh);
  }
  gen_sub2_i32(rl: Temp, rh: Temp, al: Temp, ah: Temp, bl: Temp, bh: Temp): void {
    this.ctx.emitArgs(Opc.sub2, Type.I32, 6, rl, rh, al, ah, bl, bh);
  }
  gen_brcond2_i32(cond: Cond, al: Temp, ah: Temp, bl: Temp, bh: Temp, l: Label): void {
    this.ctx.emitArgs(Opc.brcond2, Type.I32, 6, al, ah, bl, bh, cond, l);
  }
  gen_setcond2_i32(cond: Cond, d: Temp, al: Temp, ah: Temp, bl: Temp, bh: Temp): void {
    this.ctx.emitArgs(Opc.setcond2, Type.I32, 6, d, al, ah, bl, bh, cond);
  }

  // ---- size changes
  gen_ext_i32_i64(d: Temp, a: Temp): void {
    this.ctx.emitArgs(Opc.ext_i32_i64, Type.I64, 2, d, a);
  }
  gen_extu_i32_i64(d: Temp, a: Temp): void {
    this.ctx.emitArgs(Opc.extu_i32_i64, Type.I64, 2, d, a);
  }
  gen_extrl_i64_i32(d: Temp, a: Temp): void {
    this.ctx.emitArgs(Opc.extrl_i64_i32, Type.I32, 2, d, a);
  }
  gen_extrh_i64_i32(d: Temp, a: Temp): void {
    this.ctx.emitArgs(Opc.extrh_i64_i32, Type.I32, 2, d, a);
  }

  // ---- control flow
  gen_br(l: Label): void {
    this.ctx.emitArgs(Opc.br, Type.I32, 1, l);
  }
  gen_set_label(l: Label): void {
    this.ctx.emitArgs(Opc.set_label, Type.I32, 1, l);
  }

  // ---- guest-state fields by byte offset into env (for state that has no global)
  gen_ld(opc: Opc.ld8u | Opc.ld8s | Opc.ld16u | Opc.ld16s | Opc.ld32u | Opc.ld32s | Opc.ld, t: Type, d: Temp, byteOffset: number): void {
    this.ctx.emitArgs(opc, t, 2, d, byteOffset);
  }
  gen_st(opc: Opc.st8 | Opc.st16 | Opc.st32 | Opc.st, t: Type, v: Temp, byteOffset: number): void {
    this.ctx.emitArgs(opc, t, 2, v, byteOffset);
  }

  // ---- guest memory. The address is a 64-bit temp plus a constant offset (tciemu's fused form of
  // QEMU's add + qemu_ld), so `ld rd, imm(rs1)` is one op.
  gen_qemu_ld(t: Type, val: Temp, addr: Temp, offset: number, memop: number, mmuIdx: number): void {
    this.ctx.emitArgs(Opc.qemu_ld, t, 5, val, addr, offset | 0, memop, mmuIdx);
  }
  gen_qemu_st(t: Type, val: Temp, addr: Temp, offset: number, memop: number, mmuIdx: number): void {
    this.ctx.emitArgs(Opc.qemu_st, t, 5, val, addr, offset | 0, memop, mmuIdx);
  }

  // ---- helpers: the output (if any) then up to four inputs
  gen_call(helperId: number, out: Temp | null, ins: Temp[]): void {
    if (ins.length > 4) throw new Error("helpers take at most four inputs");
    const info = this.ctx.helpers[helperId];
    if ((info.out === null) !== (out === null)) throw new Error(`helper ${info.name}: output mismatch`);
    // args: the output (if any), the inputs, then the helper id
    const n = ins.length;
    const o = out === null ? 0 : 1;
    const op = this.ctx.emitOp(Opc.call, Type.I32, o, n, o + n + 1);
    const a = op.args;
    if (out !== null) a[0] = out;
    for (let i = 0; i < n; i++) a[o + i] = ins[i];
    a[o + n] = helperId;
  }

  // ---- translation-block control
  /** Marks the start of a guest instruction; its words are the unwind data (pc lo, pc hi, extra). */
  gen_insn_start(pcLo: number, pcHi: number, extra = 0): void {
    this.ctx.emitArgs(Opc.insn_start, Type.I32, 3, pcLo | 0, pcHi | 0, extra | 0);
  }
  gen_goto_tb(n: 0 | 1): void {
    this.ctx.emitArgs(Opc.goto_tb, Type.I32, 1, n);
  }
  /** Leaves the TB. `val` = -1: no chaining; 0/1: this TB's jump slot that may be chained. */
  gen_exit_tb(val: number): void {
    this.ctx.emitArgs(Opc.exit_tb, Type.I32, 1, val);
  }
  gen_goto_ptr(ptr: Temp): void {
    this.ctx.emitArgs(Opc.goto_ptr, Type.I32, 1, ptr);
  }
  /** Looks up the TB for the CPU's current pc and jumps to it, or returns to the main loop. */
  gen_lookup_and_goto_ptr(): void {
    this.ctx.emitArgs(Opc.lookup_and_goto_ptr, Type.I32, 0);
  }
  gen_mb(type: number): void {
    this.ctx.emitArgs(Opc.mb, Type.I32, 1, type);
  }
  /** Budget check at the start of every TB; the instruction count is patched in by the exec layer. */
  gen_tb_start(): void {
    this.ctx.emitArgs(Opc.tb_start, Type.I32, 2, 0, 0);
  }
}
