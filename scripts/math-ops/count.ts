// Counts, from the TypeScript source itself, the hardware operators one call of a math function needs and
// its critical path: the mechanical replacement for a hand-counted table (hw-models/math-recipes.ts).
//
// The count is static, as HLS builds hardware: every branch of an `if` or `?:` is instantiated (both sides
// exist in a pipelined datapath, a mux picks one), and every call site of a helper is inlined with its own
// operators. The critical path is the longest chain of dependent operators, weighted by their latency.
//
// What each piece of source costs:
//   f32(a op b)          one binary32 operator: fadd (+ and -), fmul, fdiv
//   f32(x)               fptrunc when x is a double (glibc's final rounding); nothing when x is already binary32
//   a op b (bare)        double operators (dadd, dmul, ddiv) when an operand is a double; add32 (or nothing,
//                        for * and / by a power of two: a shift) when both are integers
//   &, |, ^, ~, <<, >>   nothing (wiring and a few LUTs); their operands are integers
//   comparisons          fcmp, dcmp, or add32 for integers (a comparator is a subtract)
//   table[i]             rom (a read of a constant table, i not a literal); table[0] is a constant
//   Math.trunc(x)        fptosi (dptosi for a double); nothing for an integer argument
//   Math.imul            imul32
//   a function tagged `@op NAME` in its doc comment: one NAME (nothing for `@op wire`), its body unread
//   any other call of a function of kernels/math: inlined
// Anything else (loops, unknown calls) is refused: write the math so it can be counted, or extend this.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

export type Kind = 'int' | 'float' | 'double';

/** One evaluated expression: the ops on its longest dependency chain, its kind, and whether it is a constant. */
interface Value {
  chain: string[];
  kind: Kind;
  constant: boolean;
  number?: number; // a constant's value, when known
}

export interface MathCount {
  ops: Record<string, number>; // operator instances per call
  chain: string[]; // the critical path, first operator first
}

const CONST: Value = { chain: [], kind: 'int', constant: true };

/** A parsed module: its functions and its module-level constants and variables. */
interface Module {
  file: string;
  functions: Map<string, ts.FunctionDeclaration>;
  values: Map<string, Value>; // module-level const and let
  imports: Map<string, { file: string; name: string }>;
  domain: 'double' | 'binary32'; // what a bare literal with a fraction is
  f32Names: Set<string>; // local aliases of Math.fround
}

export class MathOpCounter {
  private readonly modules = new Map<string, Module>();
  private counts = new Map<string, number>();

  /** weight(op) is the op's latency used to pick the critical path (e.g. cycles at 250 MHz). */
  constructor(private readonly weight: (op: string) => number) {}

  /** Counts one call of the exported function `name` of `file`, its arguments binary32 values. */
  count(file: string, name: string): MathCount {
    this.counts = new Map();
    const module = this.load(resolve(file));
    const fn = module.functions.get(name);
    if (!fn) throw new Error(`${file}: no function ${name}`);
    const args = fn.parameters.map((): Value => ({ chain: [], kind: 'float', constant: false }));
    const result = this.callFunction(module, fn, args);
    return { ops: Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b))), chain: result.chain };
  }

  private load(file: string): Module {
    const known = this.modules.get(file);
    if (known) return known;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const module: Module = {
      file,
      functions: new Map(),
      values: new Map(),
      imports: new Map(),
      domain: file.includes('/glibc/') ? 'double' : 'binary32',
      f32Names: new Set(),
    };
    this.modules.set(file, module);
    for (const statement of source.statements) {
      if (ts.isImportDeclaration(statement) && statement.importClause?.namedBindings && ts.isNamedImports(statement.importClause.namedBindings)) {
        const from = (statement.moduleSpecifier as ts.StringLiteral).text;
        if (!from.startsWith('.') && !from.startsWith('/')) continue; // kernels/math imports only its own files
        const target = resolve(dirname(file), from.replace(/\.js$/, '.ts'));
        for (const element of statement.importClause.namedBindings.elements) {
          module.imports.set(element.name.text, { file: target, name: (element.propertyName ?? element.name).text });
        }
      } else if (ts.isFunctionDeclaration(statement) && statement.name) {
        module.functions.set(statement.name.text, statement);
      } else if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) {
          if (!ts.isIdentifier(d.name)) continue;
          const init = d.initializer;
          if (init && ts.isPropertyAccessExpression(init) && init.getText() === 'Math.fround') {
            module.f32Names.add(d.name.text);
            continue;
          }
          module.values.set(d.name.text, this.moduleValue(module, init));
        }
      }
    }
    return module;
  }

  /** What a module-level initializer holds: a constant of some kind (tables included), or a variable's start. */
  private moduleValue(module: Module, init: ts.Expression | undefined): Value {
    if (!init) return { chain: [], kind: 'int', constant: false };
    const declarations = init.parent.parent;
    if (ts.isVariableDeclarationList(declarations) && (declarations.flags & ts.NodeFlags.Let) !== 0) return { chain: [], kind: 'int', constant: false }; // module state
    const text = init.getText();
    if (/^(f32FromHex|intToF32)\(/.test(text)) return { chain: [], kind: 'float', constant: true };
    if (/^Uint32Array\.from|^Int32Array\.from/.test(text)) return { chain: [], kind: 'int', constant: true };
    const number = constantNumber(init, module);
    if (number !== undefined) return { chain: [], kind: Number.isInteger(number) ? 'int' : module.domain === 'double' ? 'double' : 'float', constant: true, number };
    return { chain: [], kind: module.domain === 'double' ? 'double' : 'float', constant: true };
  }

  private emit(op: string, inputs: Value[], kind: Kind): Value {
    this.counts.set(op, (this.counts.get(op) ?? 0) + 1);
    return { chain: [...longest(inputs.map((v) => v.chain), this.weight), op], kind, constant: false };
  }

  private callFunction(module: Module, fn: ts.FunctionDeclaration, args: Value[]): Value {
    const env = new Map<string, Value>();
    fn.parameters.forEach((p, i) => env.set((p.name as ts.Identifier).text, args[i] ?? CONST));
    const returns: Value[] = [];
    this.block(module, fn.body!.statements, env, returns);
    return merge(returns, this.weight);
  }

  private block(module: Module, statements: readonly ts.Statement[], env: Map<string, Value>, returns: Value[]): void {
    for (const s of statements) this.statement(module, s, env, returns);
  }

  private statement(module: Module, s: ts.Statement, env: Map<string, Value>, returns: Value[]): void {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) throw refuse(module, d, 'a destructuring declaration');
        env.set(d.name.text, d.initializer ? this.expr(module, d.initializer, env) : { chain: [], kind: 'double', constant: false });
      }
    } else if (ts.isExpressionStatement(s)) {
      this.expr(module, s.expression, env);
    } else if (ts.isReturnStatement(s)) {
      returns.push(s.expression ? this.expr(module, s.expression, env) : CONST);
    } else if (ts.isBlock(s)) {
      this.block(module, s.statements, env, returns);
    } else if (ts.isIfStatement(s)) {
      const condition = this.expr(module, s.expression, env);
      const thenEnv = new Map(env);
      const elseEnv = new Map(env);
      this.statement(module, s.thenStatement, thenEnv, returns);
      if (s.elseStatement) this.statement(module, s.elseStatement, elseEnv, returns);
      // a variable set in either branch is a mux after the condition
      for (const name of new Set([...thenEnv.keys(), ...elseEnv.keys()])) {
        const [a, b] = [thenEnv.get(name), elseEnv.get(name)];
        if (a !== env.get(name) || b !== env.get(name)) env.set(name, merge([a ?? CONST, b ?? CONST, { ...condition, kind: (a ?? b)!.kind }], this.weight));
      }
    } else {
      throw refuse(module, s, `a ${ts.SyntaxKind[s.kind]}`);
    }
  }

  private expr(module: Module, e: ts.Expression, env: Map<string, Value>): Value {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return this.expr(module, e.expression, env);
    if (ts.isNumericLiteral(e)) {
      const number = Number(e.text.replace(/_/g, ''));
      return { chain: [], kind: Number.isInteger(number) ? 'int' : module.domain === 'double' ? 'double' : 'float', constant: true, number };
    }
    if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return CONST;
    if (ts.isIdentifier(e)) return this.identifier(module, e.text, env);
    if (ts.isPrefixUnaryExpression(e)) {
      const v = this.expr(module, e.operand, env);
      if (e.operator === ts.SyntaxKind.TildeToken) return { ...v, kind: 'int' };
      if (e.operator === ts.SyntaxKind.ExclamationToken) return { ...v, kind: 'int' };
      return { ...v, number: v.number === undefined ? undefined : -v.number }; // a sign flip is wiring
    }
    if (ts.isConditionalExpression(e)) {
      const parts = [e.condition, e.whenTrue, e.whenFalse].map((x) => this.expr(module, x, env));
      return { ...merge(parts, this.weight), kind: widest(parts[1].kind, parts[2].kind) };
    }
    if (ts.isBinaryExpression(e)) return this.binary(module, e, env);
    if (ts.isCallExpression(e)) return this.call(module, e, env);
    if (ts.isElementAccessExpression(e)) {
      const index = this.expr(module, e.argumentExpression, env);
      const table = this.expr(module, e.expression, env);
      if (index.constant) return { chain: table.chain, kind: table.kind, constant: table.constant };
      return this.emit('rom', [index, table], table.kind);
    }
    if (ts.isPropertyAccessExpression(e)) {
      const object = this.expr(module, e.expression, env); // a field of a constant table, or a table picked by a mux
      return { chain: object.chain, kind: e.name.text === 'sign' ? object.kind : object.kind, constant: object.constant };
    }
    throw refuse(module, e, `a ${ts.SyntaxKind[e.kind]}`);
  }

  private identifier(module: Module, name: string, env: Map<string, Value>): Value {
    const local = env.get(name) ?? module.values.get(name);
    if (local) return local;
    if (name === 'NaN' || name === 'Infinity' || name === 'undefined') return CONST;
    const imported = module.imports.get(name);
    if (imported) {
      const other = this.load(imported.file);
      const value = other.values.get(imported.name);
      if (value) return value;
    }
    throw new Error(`${module.file}: cannot count '${name}' (not a parameter, local, module constant or imported constant)`);
  }

  private binary(module: Module, e: ts.BinaryExpression, env: Map<string, Value>): Value {
    const op = e.operatorToken.kind;
    const K = ts.SyntaxKind;
    if (op === K.EqualsToken) {
      if (!ts.isIdentifier(e.left)) throw refuse(module, e, 'an assignment to something other than a variable');
      const v = this.expr(module, e.right, env);
      this.assign(module, e.left.text, v, env);
      return v;
    }
    const compound: Partial<Record<ts.SyntaxKind, ts.BinaryOperator>> = {
      [K.PlusEqualsToken]: K.PlusToken,
      [K.MinusEqualsToken]: K.MinusToken,
      [K.AsteriskEqualsToken]: K.AsteriskToken,
      [K.AmpersandEqualsToken]: K.AmpersandToken,
      [K.BarEqualsToken]: K.BarToken,
    };
    if (compound[op] !== undefined) {
      if (!ts.isIdentifier(e.left)) throw refuse(module, e, 'a compound assignment to something other than a variable');
      const v = this.arithmetic(module, compound[op]!, this.expr(module, e.left, env), this.expr(module, e.right, env), e);
      this.assign(module, e.left.text, v, env);
      return v;
    }
    const a = this.expr(module, e.left, env);
    const b = this.expr(module, e.right, env);
    return this.arithmetic(module, op, a, b, e);
  }

  private assign(module: Module, name: string, v: Value, env: Map<string, Value>): void {
    if (env.has(name)) env.set(name, v);
    else if (module.values.has(name)) module.values.set(name, v); // module state (a second result)
    else throw new Error(`${module.file}: assignment to unknown '${name}'`);
  }

  private arithmetic(module: Module, op: ts.SyntaxKind, a: Value, b: Value, at: ts.Node): Value {
    const K = ts.SyntaxKind;
    if (a.constant && b.constant) return { chain: [], kind: widest(a.kind, b.kind), constant: true, number: fold(op, a.number, b.number) };
    // a constant operand takes the other's kind, as the C++ twins write 0.75f beside a float and 1.0 beside a double
    const operandKind = a.constant ? b.kind : b.constant ? a.kind : widest(a.kind, b.kind);
    switch (op) {
      case K.AmpersandToken:
      case K.BarToken:
      case K.CaretToken:
      case K.LessThanLessThanToken:
      case K.GreaterThanGreaterThanToken:
      case K.GreaterThanGreaterThanGreaterThanToken: {
        // a double or binary32 operand is converted to an integer first (C's (int32_t) r)
        const [x, y] = [a, b].map((v) => (v.constant || v.kind === 'int' ? v : this.emit(v.kind === 'double' ? 'dptosi' : 'fptosi', [v], 'int')));
        return { chain: longest([x.chain, y.chain], this.weight), kind: 'int', constant: false };
      }
      case K.AmpersandAmpersandToken:
      case K.BarBarToken:
        return { chain: longest([a.chain, b.chain], this.weight), kind: 'int', constant: false };
      case K.LessThanToken:
      case K.GreaterThanToken:
      case K.LessThanEqualsToken:
      case K.GreaterThanEqualsToken:
      case K.EqualsEqualsEqualsToken:
      case K.ExclamationEqualsEqualsToken:
        return this.emit(operandKind === 'int' ? 'add32' : operandKind === 'double' ? 'dcmp' : 'fcmp', [a, b], 'int');
      case K.PlusToken:
      case K.MinusToken:
      case K.AsteriskToken:
      case K.SlashToken:
      case K.PercentToken: {
        const kind = operandKind;
        const scaling = (op === K.AsteriskToken || op === K.SlashToken) && (isPowerOfTwo(a) || isPowerOfTwo(b));
        if (scaling) return { chain: longest([a.chain, b.chain], this.weight), kind, constant: false }; // an exponent or bit shift
        if (kind === 'int') {
          if (op === K.PlusToken || op === K.MinusToken) return this.emit('add32', [a, b], 'int');
          if (op === K.AsteriskToken) return this.emit('imul32', [a, b], 'int');
          throw refuse(module, at, 'an integer division or remainder');
        }
        // binary32 operands outside f32(...) (glibc's x + y for NaN): in double, then stored as binary32, which
        // for + - * / rounds as one binary32 operation would
        if (kind === 'float') return this.emit(op === K.AsteriskToken ? 'fmul' : op === K.SlashToken ? 'fdiv' : 'fadd', [a, b], 'float');
        const name = op === K.AsteriskToken ? 'dmul' : op === K.SlashToken ? 'ddiv' : op === K.PercentToken ? undefined : 'dadd';
        if (!name) throw refuse(module, at, 'a double remainder');
        return this.emit(name, [a, b], 'double');
      }
      default:
        throw refuse(module, at, `the operator ${ts.tokenToString(op as ts.BinaryOperator) ?? K[op]}`);
    }
  }

  private call(module: Module, e: ts.CallExpression, env: Map<string, Value>): Value {
    const callee = e.expression.getText();
    if (module.f32Names.has(callee)) return this.f32Call(module, e.arguments[0], env);
    const args = e.arguments.map((a) => this.expr(module, a, env));
    if (callee === 'Math.trunc') return args[0].kind === 'int' ? args[0] : this.emit(args[0].kind === 'double' ? 'dptosi' : 'fptosi', args, 'int');
    if (callee === 'Math.imul') return this.emit('imul32', args, 'int');
    if (callee === 'Number.isNaN') return this.emit(args[0].kind === 'double' ? 'dcmp' : 'fcmp', args, 'int');
    if (!ts.isIdentifier(e.expression)) throw refuse(module, e, `the call ${callee}(...)`);
    const [target, fn] = this.resolveFunction(module, callee);
    const tag = opTag(fn);
    if (tag !== undefined) {
      const kind = tagKind(tag, args);
      const result = tag.op === 'wire' ? { chain: longest(args.map((a) => a.chain), this.weight), kind, constant: false } : this.emit(tag.op, args, kind);
      // a tagged function that leaves results in module variables: they come out of the same operator
      for (const name of assignedModuleVariables(fn, target)) target.values.set(name, { ...result, kind: 'int' });
      return result;
    }
    return this.callFunction(target, fn, args);
  }

  /** f32(a op b) is one binary32 operator; f32(x) rounds a double x (fptrunc) or passes a binary32 x. */
  private f32Call(module: Module, arg: ts.Expression, env: Map<string, Value>): Value {
    let inner = arg;
    while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
    const K = ts.SyntaxKind;
    if (ts.isBinaryExpression(inner) && [K.PlusToken, K.MinusToken, K.AsteriskToken, K.SlashToken].includes(inner.operatorToken.kind)) {
      const a = this.expr(module, inner.left, env);
      const b = this.expr(module, inner.right, env);
      if (a.constant && b.constant) return { chain: [], kind: 'float', constant: true };
      const op = inner.operatorToken.kind === K.AsteriskToken ? 'fmul' : inner.operatorToken.kind === K.SlashToken ? 'fdiv' : 'fadd';
      return this.emit(op, [a, b], 'float');
    }
    const v = this.expr(module, arg, env);
    return v.kind === 'double' && !v.constant ? this.emit('fptrunc', [v], 'float') : { ...v, kind: 'float' };
  }

  private resolveFunction(module: Module, name: string): [Module, ts.FunctionDeclaration] {
    const local = module.functions.get(name);
    if (local) return [module, local];
    const imported = module.imports.get(name);
    if (imported) {
      const other = this.load(imported.file);
      const fn = other.functions.get(imported.name);
      if (fn) return [other, fn];
    }
    throw new Error(`${module.file}: cannot count a call of '${name}' (not a function of kernels/math)`);
  }
}

/** The `@op NAME` tag of a function's doc comment. */
function opTag(fn: ts.FunctionDeclaration): { op: string } | undefined {
  const docs = ts.getJSDocCommentsAndTags(fn).map((d) => d.getText()).join('\n');
  const match = /@op\s+([a-z0-9]+)/.exec(docs);
  return match ? { op: match[1] } : undefined;
}

/** What a tagged operator produces. */
function tagKind(tag: { op: string }, args: Value[]): Kind {
  if (['fpext', 'sitodp', 'add32'].includes(tag.op) && args.length > 0) return tag.op === 'add32' ? args[0].kind : 'double';
  if (tag.op === 'sitofp') return 'float';
  if (tag.op === 'wire') return args.length === 1 && args[0].kind !== 'int' ? 'int' : 'float';
  return 'int';
}

/** Module-level variables a function's body assigns (its results beyond the return value). */
function assignedModuleVariables(fn: ts.FunctionDeclaration, module: Module): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && module.values.has(node.left.text)) names.push(node.left.text);
    ts.forEachChild(node, visit);
  };
  visit(fn.body!);
  return names;
}

function refuse(module: Module, node: ts.Node, what: string): Error {
  const { line } = node.getSourceFile().getLineAndCharacterOfPosition(node.getStart());
  return new Error(`${module.file}:${line + 1}: the op counter cannot count ${what}: ${node.getText().slice(0, 80)}`);
}

const KIND_ORDER: Kind[] = ['int', 'float', 'double'];
const widest = (a: Kind, b: Kind): Kind => (KIND_ORDER.indexOf(a) >= KIND_ORDER.indexOf(b) ? a : b);

const isPowerOfTwo = (v: Value): boolean => v.constant && v.number !== undefined && v.number !== 0 && Number.isInteger(Math.log2(Math.abs(v.number)));

function chainWeight(chain: string[], weight: (op: string) => number): number {
  return chain.reduce((sum, op) => sum + weight(op), 0);
}

function longest(chains: string[][], weight: (op: string) => number): string[] {
  let best: string[] = [];
  for (const c of chains) if (chainWeight(c, weight) > chainWeight(best, weight) || (chainWeight(c, weight) === chainWeight(best, weight) && c.length > best.length)) best = c;
  return best;
}

function merge(values: Value[], weight: (op: string) => number): Value {
  if (values.length === 0) return CONST;
  const kind = values.map((v) => v.kind).reduce(widest);
  return { chain: longest(values.map((v) => v.chain), weight), kind, constant: values.every((v) => v.constant) };
}

/** A module-level numeric constant's value, when it is a literal or simple arithmetic of known constants. */
function constantNumber(e: ts.Expression, module: Module): number | undefined {
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return constantNumber(e.expression, module);
  if (ts.isNumericLiteral(e)) return Number(e.text.replace(/_/g, ''));
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken) {
    const v = constantNumber(e.operand, module);
    return v === undefined ? undefined : -v;
  }
  if (ts.isIdentifier(e)) return module.values.get(e.text)?.number;
  if (ts.isBinaryExpression(e)) return fold(e.operatorToken.kind, constantNumber(e.left, module), constantNumber(e.right, module));
  return undefined;
}

function fold(op: ts.SyntaxKind, a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  const K = ts.SyntaxKind;
  switch (op) {
    case K.PlusToken: return a + b;
    case K.MinusToken: return a - b;
    case K.AsteriskToken: return a * b;
    case K.SlashToken: return a / b;
    case K.AsteriskAsteriskToken: return a ** b;
    case K.LessThanLessThanToken: return a << b;
    case K.GreaterThanGreaterThanToken: return a >> b;
    case K.AmpersandToken: return a & b;
    case K.BarToken: return a | b;
    default: return undefined;
  }
}
