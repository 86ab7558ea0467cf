/**
 * Small composable validators. Each takes an unknown value and its path in the message and
 * returns the typed value or throws a {@link ValidationError} that says exactly what is wrong.
 * Message shapes for every spec version are written with these, so a shape is data, not code.
 */

/** Thrown by a check; `path` points at the offending field. */
export class ValidationError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

/** A validator for one value. */
export type Check<T> = (value: unknown, path: string) => T;

const describe = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'number') return String(v);
  return typeof v === 'object' ? 'an object' : typeof v;
};

/** An integer within [min, max]. */
export const integer =
  (min: number, max: number): Check<number> =>
  (v, path) => {
    if (typeof v !== 'number' || !Number.isInteger(v))
      throw new ValidationError(path, `expected an integer, got ${describe(v)}`);
    if (v < min || v > max) throw new ValidationError(path, `${v} is outside ${min}..${max}`);
    return v;
  };

/** Unsigned 32-bit integer. */
export const u32 = integer(0, 4294967295);
/** Signed 32-bit integer. */
export const i32 = integer(-2147483648, 2147483647);
/** A client message Id: 1..2^32-1 (0 is reserved for server events). */
const clientIdRange = integer(1, 4294967295);
export const clientId: Check<number> = (v, path) => {
  if (v === 0) throw new ValidationError(path, 'Id 0 is reserved for server events; use an Id from 1 up');
  return clientIdRange(v, path);
};

/** A finite number within [min, max]. */
export const number =
  (min: number, max: number): Check<number> =>
  (v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ValidationError(path, `expected a number, got ${describe(v)}`);
    if (v < min || v > max) throw new ValidationError(path, `${v} is outside ${min}..${max}`);
    return v;
  };

/** A number in 0..1 (speeds, positions, scalars of older specs). */
export const unit = number(0, 1);

export const string: Check<string> = (v, path) => {
  if (typeof v !== 'string') throw new ValidationError(path, `expected a string, got ${describe(v)}`);
  return v;
};

export const boolean: Check<boolean> = (v, path) => {
  if (typeof v !== 'boolean') throw new ValidationError(path, `expected true or false, got ${describe(v)}`);
  return v;
};

/** One of a fixed set of strings. */
export const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v, path) => {
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
      throw new ValidationError(path, `expected one of ${values.join(', ')}, got ${describe(v)}`);
    return v as T;
  };

/**
 * Runs a child check with a path relative to its parent (`suffix`), and only when it throws builds
 * the full path. Building `${path}.${key}` for every field of every message was a measurable
 * share of a command's cost; an error path is needed only on the way out.
 */
const within = <T>(check: Check<T>, value: unknown, path: string, suffix: string): T => {
  try {
    return check(value, '');
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(path + suffix + err.path, err.problem);
    throw err;
  }
};

/** An array whose items all pass `item`. */
export const arrayOf =
  <T>(item: Check<T>, minItems = 0): Check<T[]> =>
  (v, path) => {
    if (!Array.isArray(v)) throw new ValidationError(path, `expected an array, got ${describe(v)}`);
    if (v.length < minItems) throw new ValidationError(path, `expected at least ${minItems} item(s)`);
    const out = new Array<T>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = within(item, v[i], path, `[${i}]`);
    return out;
  };

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A map of field name to check, as `struct` and `exactlyOne` take. */
export type Fields = Record<string, Check<unknown>>;
/** The typed object a `Fields` map checks to. */
export type Out<F extends Fields> = { [K in keyof F]: ReturnType<F[K]> };

/**
 * Own-property test. Input is matched with it everywhere, so a field or message named after an
 * `Object.prototype` member (`constructor`, `toString`, `__proto__`) is never mistaken for one.
 */
export const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/**
 * An object with these required and optional fields and no others. Compiled once per shape: the
 * key lists and their `.key` path suffixes are taken when the shape is built; a message that
 * passes costs one pass over its own keys and one call per field, with no strings built.
 */
export const struct = <R extends Fields, O extends Fields = Record<string, never>>(
  required: R,
  optional?: O,
): Check<Out<R> & Partial<Out<O>>> => {
  const reqKeys = Object.keys(required);
  const reqChecks = reqKeys.map((k) => required[k]!);
  const optKeys = optional ? Object.keys(optional) : [];
  const optChecks = optKeys.map((k) => optional![k]!);
  const known = new Set([...reqKeys, ...optKeys]);
  const reqSuffix = reqKeys.map((k) => `.${k}`);
  const optSuffix = optKeys.map((k) => `.${k}`);
  return (v, path) => {
    if (!isPlainObject(v)) throw new ValidationError(path, `expected an object, got ${describe(v)}`);
    for (const key in v)
      if (!known.has(key) && hasOwn(v, key))
        throw new ValidationError(`${path}.${key}`, 'unknown field (check spelling and spec version)');
    // JSON.parse makes `__proto__` an own key, which `for…in` still lists; the null-prototype
    // result below cannot have its prototype changed through it either way.
    if (hasOwn(v, '__proto__'))
      throw new ValidationError(`${path}.__proto__`, 'unknown field (check spelling and spec version)');
    const out: Record<string, unknown> = {};
    for (let i = 0; i < reqKeys.length; i++) {
      const key = reqKeys[i]!;
      if (!hasOwn(v, key)) throw new ValidationError(path + reqSuffix[i]!, 'required field is missing');
      out[key] = within(reqChecks[i]!, v[key], path, reqSuffix[i]!);
    }
    for (let i = 0; i < optKeys.length; i++) {
      const key = optKeys[i]!;
      if (hasOwn(v, key) && v[key] !== undefined)
        out[key] = within(optChecks[i]!, v[key], path, optSuffix[i]!);
    }
    return out as Out<R> & Partial<Out<O>>;
  };
};

/** An object with exactly one key from `variants`; the key selects the check for its value. */
export const exactlyOne = <V extends Fields>(
  variants: V,
): Check<{ [K in keyof V]: { [P in K]: ReturnType<V[K]> } }[keyof V]> => {
  // Path suffixes made once per shape, like struct's.
  const suffixes = new Map(Object.keys(variants).map((k) => [k, `.${k}`]));
  return (v, path) => {
    if (!isPlainObject(v)) throw new ValidationError(path, `expected an object, got ${describe(v)}`);
    let key: string | undefined;
    let count = 0;
    for (const k in v)
      if (hasOwn(v, k)) {
        key ??= k;
        count++;
      }
    // `__proto__` from JSON.parse is an own key too; it is no variant, so it fails below.
    if (hasOwn(v, '__proto__') && key === undefined) key = '__proto__';
    if (count !== 1 || key === undefined)
      throw new ValidationError(path, `expected exactly one of ${Object.keys(variants).join(', ')}`);
    const check = hasOwn(variants, key) ? variants[key] : undefined;
    if (!check)
      throw new ValidationError(
        path,
        `unknown kind ${JSON.stringify(key)}; expected one of ${Object.keys(variants).join(', ')}`,
      );
    return { [key]: within(check, v[key], path, suffixes.get(key)!) } as never;
  };
};
