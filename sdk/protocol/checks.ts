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
export const clientId: Check<number> = (v, path) => {
  if (v === 0) throw new ValidationError(path, 'Id 0 is reserved for server events; use an Id from 1 up');
  return integer(1, 4294967295)(v, path);
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

/** An array whose items all pass `item`. */
export const arrayOf =
  <T>(item: Check<T>, minItems = 0): Check<T[]> =>
  (v, path) => {
    if (!Array.isArray(v)) throw new ValidationError(path, `expected an array, got ${describe(v)}`);
    if (v.length < minItems) throw new ValidationError(path, `expected at least ${minItems} item(s)`);
    return v.map((x, i) => item(x, `${path}[${i}]`));
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
 * An object with these required and optional fields and no others. The key lists are taken once,
 * when the shape is built, not on every message.
 */
export const struct = <R extends Fields, O extends Fields = Record<string, never>>(
  required: R,
  optional?: O,
): Check<Out<R> & Partial<Out<O>>> => {
  const requiredEntries = Object.entries(required);
  const optionalEntries = optional ? Object.entries(optional) : [];
  const known = new Set([...requiredEntries, ...optionalEntries].map(([k]) => k));
  return (v, path) => {
    if (!isPlainObject(v)) throw new ValidationError(path, `expected an object, got ${describe(v)}`);
    for (const key in v)
      if (hasOwn(v, key) && !known.has(key))
        throw new ValidationError(`${path}.${key}`, 'unknown field (check spelling and spec version)');
    // JSON.parse makes `__proto__` an own key, which `for…in` still lists; the null-prototype
    // result below cannot have its prototype changed through it either way.
    if (hasOwn(v, '__proto__'))
      throw new ValidationError(`${path}.__proto__`, 'unknown field (check spelling and spec version)');
    const out: Record<string, unknown> = {};
    for (const [key, check] of requiredEntries) {
      if (!hasOwn(v, key)) throw new ValidationError(`${path}.${key}`, 'required field is missing');
      out[key] = check(v[key], `${path}.${key}`);
    }
    for (const [key, check] of optionalEntries)
      if (hasOwn(v, key) && v[key] !== undefined) out[key] = check(v[key], `${path}.${key}`);
    return out as Out<R> & Partial<Out<O>>;
  };
};

/** An object with exactly one key from `variants`; the key selects the check for its value. */
export const exactlyOne =
  <V extends Fields>(variants: V): Check<{ [K in keyof V]: { [P in K]: ReturnType<V[K]> } }[keyof V]> =>
  (v, path) => {
    if (!isPlainObject(v)) throw new ValidationError(path, `expected an object, got ${describe(v)}`);
    const keys = Object.keys(v);
    if (keys.length !== 1)
      throw new ValidationError(path, `expected exactly one of ${Object.keys(variants).join(', ')}`);
    const key = keys[0]!;
    const check = hasOwn(variants, key) ? variants[key] : undefined;
    if (!check)
      throw new ValidationError(
        path,
        `unknown kind ${JSON.stringify(key)}; expected one of ${Object.keys(variants).join(', ')}`,
      );
    return { [key]: check(v[key], `${path}.${key}`) } as never;
  };
