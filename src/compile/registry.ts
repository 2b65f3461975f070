/**
 * What every family's registry derives from its list of kinds (DESIGN.md, "Adding a kind"):
 * kind numbers, the WGSL constants and switches, and the CPU dispatch. A family (shapes/shape.ts
 * is the model) enrols its kinds in one list and calls these; it never writes a switch by hand.
 */
import { unknownKind, wgslKindName } from './layout.js';

/** A kind as a registry sees it: the scene file's "type". */
export interface Kind {
  readonly type: string;
}

/** Kind numbers: a kind's place in the list, from 1 (0 means none). */
export function kindNumbers<const K extends Kind>(kinds: readonly K[]): Readonly<Record<K['type'], number>> {
  return Object.freeze(Object.fromEntries(kinds.map((kind, i) => [kind.type, i + 1]))) as Record<K['type'], number>;
}

/** The kind of a number, for setup code; a number no kind has is an error naming the family. */
export function kindOf<K extends Kind>(family: string, kinds: readonly K[], kind: number): K {
  const found = kinds[kind - 1];
  if (found === undefined || !Number.isInteger(kind)) throw unknownKind(family, kind);
  return found;
}

type AnyFunction = (...args: never[]) => unknown;

export interface CpuDispatch<K extends Kind> {
  /** The generated function's name, for stack traces. */
  readonly name: string;
  readonly family: string;
  readonly kinds: readonly K[];
  /** Its parameter list, as JavaScript: `s, kinds, base, ray, tMin`. */
  readonly params: string;
  /** The expression of the kind number, over the parameters: `kinds[base]`. */
  readonly selector: string;
  /** The arguments each kind's function gets: `s, base, ray, tMin`. */
  readonly args: string;
  /** The kind's function; undefined: no case (the kind never reaches this dispatch). */
  readonly pick: (kind: K) => AnyFunction | undefined;
  /** Whether the call's value is returned (otherwise the case returns nothing after the call). */
  readonly returns: boolean;
}

/**
 * A CPU dispatch: `switch (selector)`, one case per kind calling its function, and a default
 * that throws. Generated rather than a table lookup: a call through a table is one call site for
 * every kind, which V8 cannot inline; here each case is its own call site, as in hand-written code.
 */
export function cpuDispatch<Dispatch, K extends Kind>(spec: CpuDispatch<K>): Dispatch {
  const functions: AnyFunction[] = [];
  const cases: string[] = [];
  spec.kinds.forEach((kind, i) => {
    const f = spec.pick(kind);
    if (f === undefined) return;
    functions.push(f);
    const call = `f${functions.length - 1}(${spec.args})`;
    cases.push(`    case ${i + 1}: ${spec.returns ? `return ${call};` : `${call}; return;`}`);
  });
  const source = [
    `return function ${spec.name}(${spec.params}) {`,
    `  const kind = ${spec.selector};`,
    '  switch (kind) {',
    ...cases,
    `    default: throw unknownKind(${JSON.stringify(spec.family)}, kind);`,
    '  }',
    '};',
  ].join('\n');
  return new Function(...functions.map((_, i) => `f${i}`), 'unknownKind', source)(...functions, unknownKind) as Dispatch;
}

/** `const SHAPE_SPHERE: u32 = 1u;` for each kind. */
export function wgslKindConstants(prefix: string, kinds: readonly Kind[]): string {
  return kinds.map((kind, i) => `const ${wgslKindName(prefix, kind.type)}: u32 = ${i + 1}u;`).join('\n');
}

/**
 * A WGSL function whose body is a switch over a kind number: one case per kind with a call,
 * and the kinds without one sharing the default's `fallback`.
 */
export function wgslDispatch<K extends Kind>(spec: {
  readonly prefix: string;
  readonly kinds: readonly K[];
  /** `hit_shape(i: u32, ray: Ray, t_min: f32) -> f32` */
  readonly signature: string;
  /** `shapes[i].kind` */
  readonly selector: string;
  /** The returned expression for a kind, or undefined for none. */
  readonly call: (kind: K) => string | undefined;
  readonly fallback: string;
  /** Kind constants of the family outside `kinds`, which share the fallback too. */
  readonly others?: readonly string[];
}): string {
  const name = (kind: K): string => wgslKindName(spec.prefix, kind.type);
  const cases = spec.kinds.flatMap((kind) => {
    const call = spec.call(kind);
    return call === undefined ? [] : [`    case ${name(kind)}: { return ${call}; }`];
  });
  const without = [...spec.kinds.filter((kind) => spec.call(kind) === undefined).map(name), ...(spec.others ?? [])];
  return [
    `fn ${spec.signature} {`,
    `  switch (${spec.selector}) {`,
    ...cases,
    `    case ${[...without, 'default'].join(', ')}: { return ${spec.fallback}; }`,
    '  }',
    '}',
  ].join('\n');
}
