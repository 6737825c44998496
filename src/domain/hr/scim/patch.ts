import { badRequest } from './scim-error.js';
import { SCIM_ROLLCALL_ACCOUNT, SCIM_USER_SCHEMAS, type ScimPatchOperation } from './scim-user-schema.js';
import { parseScimPatchPath, type ScimPatchPath } from './patch-path.js';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Attributes a client may not write (RFC 7643: `id` and `meta` are read-only). */
const READ_ONLY = new Set(['id', 'meta']);

/** The member of `object` named `name` in any case (SCIM attribute names are case-insensitive). */
function keyOf(object: JsonObject, name: string): string {
  return Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
}

function child(object: JsonObject, name: string, create: boolean): JsonObject | undefined {
  const key = keyOf(object, name);
  const existing = object[key];
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const made: JsonObject = {};
  object[key] = made;
  return made;
}

function setMember(object: JsonObject, name: string, value: unknown, merge: boolean): void {
  const key = keyOf(object, name);
  const existing = object[key];
  if (value === null || value === undefined) delete object[key];
  else if (merge && isObject(existing) && isObject(value)) {
    for (const [sub, subValue] of Object.entries(value)) setMember(existing, sub, subValue, true);
  } else object[key] = value;
}

const matches = (element: unknown, filter: NonNullable<ScimPatchPath['filter']>) => {
  if (!isObject(element)) return false;
  const actual = element[keyOf(element, filter.attribute)];
  return typeof actual === 'string' && typeof filter.value === 'string'
    ? actual.toLowerCase() === filter.value.toLowerCase()
    : actual === filter.value;
};

function applyFiltered(container: JsonObject, op: ScimPatchOperation, path: ScimPatchPath): void {
  const filter = path.filter!;
  const key = keyOf(container, path.attribute);
  const list = Array.isArray(container[key]) ? (container[key] as unknown[]) : [];
  const hits = list.filter((e) => matches(e, filter)) as JsonObject[];
  if (op.op === 'remove') {
    if (path.subAttribute === null) container[key] = list.filter((e) => !matches(e, filter));
    else for (const hit of hits) delete hit[keyOf(hit, path.subAttribute)];
    return;
  }
  if (path.subAttribute === null && !isObject(op.value))
    throw badRequest('invalidValue', `The value for a filtered path must be an object.`);
  if (hits.length === 0) {
    // Entra adds `emails[type eq "work"].value` to a user without one: the element is created.
    const made: JsonObject = { [filter.attribute]: filter.value };
    if (path.subAttribute === null) Object.assign(made, op.value);
    else made[path.subAttribute] = op.value;
    container[key] = [...list, made];
    return;
  }
  for (const hit of hits) {
    if (path.subAttribute !== null) setMember(hit, path.subAttribute, op.value, false);
    else
      for (const [name, value] of Object.entries(op.value as JsonObject)) setMember(hit, name, value, true);
  }
}

function applyAt(resource: JsonObject, op: ScimPatchOperation, pathText: string): void {
  const path = parseScimPatchPath(pathText);
  if (path.extension === null && READ_ONLY.has(path.attribute.toLowerCase()))
    throw badRequest('mutability', `${path.attribute} is read-only.`);
  if (path.extension === null && path.attribute.toLowerCase() === 'schemas') return;
  if (path.extension === SCIM_ROLLCALL_ACCOUNT)
    throw badRequest(
      'mutability',
      `${path.attribute} is read-only: Rollcall sets it from the account it made.`,
    );
  const container = path.extension === null ? resource : child(resource, path.extension, op.op !== 'remove');
  if (container === undefined) return;
  if (path.filter !== null) return applyFiltered(container, op, path);
  if (path.subAttribute !== null) {
    const parent = child(container, path.attribute, op.op !== 'remove');
    if (parent === undefined) return;
    if (op.op === 'remove') delete parent[keyOf(parent, path.subAttribute)];
    else setMember(parent, path.subAttribute, op.value, op.op === 'add' || op.op === 'replace');
    return;
  }
  const key = keyOf(container, path.attribute);
  if (op.op === 'remove') {
    delete container[key];
    return;
  }
  const existing = container[key];
  if (op.op === 'add' && Array.isArray(existing) && op.value !== null && op.value !== undefined) {
    container[key] = [...existing, ...(Array.isArray(op.value) ? op.value : [op.value])];
    return;
  }
  setMember(container, path.attribute, op.value, true);
}

/** An operation without a path: each member of the value object is an attribute (or a path). */
function applyWithoutPath(resource: JsonObject, op: ScimPatchOperation): void {
  if (op.op === 'remove') throw badRequest('noTarget', 'A remove operation needs a path.');
  if (!isObject(op.value))
    throw badRequest('invalidValue', 'An operation without a path needs an object value.');
  for (const [name, value] of Object.entries(op.value)) {
    const extension = SCIM_USER_SCHEMAS.find((urn) => urn.toLowerCase() === name.toLowerCase());
    if (extension && isObject(value)) {
      for (const [sub, subValue] of Object.entries(value))
        applyAt(resource, { ...op, value: subValue }, `${extension}:${sub}`);
    } else if (!['schemas', 'id', 'meta'].includes(name.toLowerCase())) {
      applyAt(resource, { ...op, value }, name);
    }
  }
}

/**
 * Applies PATCH operations (RFC 7644 §3.5.2) to a User resource, returning the new resource; the
 * caller validates and maps the result as it would a PUT. Complex values merge; `add` appends to
 * multi-valued attributes and `replace` replaces them.
 */
export function applyScimPatch(
  resource: Record<string, unknown>,
  operations: ScimPatchOperation[],
): Record<string, unknown> {
  const next = structuredClone(resource);
  for (const op of operations) {
    if (op.path === undefined) applyWithoutPath(next, op);
    else applyAt(next, op, op.path);
  }
  return next;
}
