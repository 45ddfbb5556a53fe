import { ClassTransformOptions, instanceToPlain, plainToInstance } from 'class-transformer';

const OPAQUE_JSON = Symbol('continuum:opaque-json');

/**
 * Marks a DTO field that holds free-form JSON (metadata, tool calls): validated as it is,
 * but never walked by class-transformer, which spends microseconds on every nested object
 * (20,000 `{}` in one 64 KB body held the event loop for about 100 ms).
 */
export const OpaqueJson = (): PropertyDecorator => (target, property) => {
  const fields: string[] = Reflect.getOwnMetadata(OPAQUE_JSON, target) ?? [...(Reflect.getMetadata(OPAQUE_JSON, target) ?? [])];
  Reflect.defineMetadata(OPAQUE_JSON, [...fields, String(property)], target);
};

function opaqueFieldsOf(type: unknown): string[] {
  return typeof type === 'function' ? (Reflect.getMetadata(OPAQUE_JSON, type.prototype) ?? []) : [];
}

/**
 * class-transformer for the ValidationPipe, with the opaque fields of the top-level DTO set
 * aside during the transformation and put back as they came, for the validators to check.
 */
export const opaqueJsonAwareTransformer = {
  plainToInstance<T>(type: new (...args: unknown[]) => T, plain: unknown, options?: ClassTransformOptions): T | T[] {
    const opaque = opaqueFieldsOf(type);
    if (opaque.length === 0 || typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
      return plainToInstance(type, plain, options);
    }
    const rest: Record<string, unknown> = { ...(plain as Record<string, unknown>) };
    const setAside: Record<string, unknown> = {};
    for (const field of opaque) {
      if (Object.hasOwn(rest, field)) {
        setAside[field] = rest[field];
        delete rest[field];
      }
    }
    return Object.assign(plainToInstance(type, rest, options) as object, setAside) as T;
  },
  classToPlain: instanceToPlain,
};
