import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

/**
 * The response schemas of the OpenAPI document (docs/integration.md § The contract), written as JSON Schema
 * beside the code that builds each answer and registered by name; `openApiDocument` adds them to
 * `components.schemas`. Objects list every field they answer with; `additionalProperties` is only said
 * where a map or an extensible object is meant (the e2e tier checks every answer with undeclared fields
 * refused, test/support/openapi-check.ts).
 */
export type Schema = SchemaObject | ReferenceObject;

const registry = new Map<string, SchemaObject>();

/** Registers named schemas (a stage's file calls it at load); a name defined twice differently fails. */
export function defineSchemas(schemas: Record<string, SchemaObject>): void {
  for (const [name, schema] of Object.entries(schemas)) {
    const known = registry.get(name);
    if (known && JSON.stringify(known) !== JSON.stringify(schema))
      throw new Error(`OpenAPI schema ${name} is defined twice`);
    registry.set(name, schema);
  }
}

export function registeredSchemas(): Record<string, SchemaObject> {
  return Object.fromEntries([...registry.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });

// Small builders, so that a schema reads like the interface it mirrors.
export const str = (extra: SchemaObject = {}): SchemaObject => ({ type: 'string', ...extra });
export const int = (extra: SchemaObject = {}): SchemaObject => ({ type: 'integer', ...extra });
export const num = (extra: SchemaObject = {}): SchemaObject => ({ type: 'number', ...extra });
export const bool = (extra: SchemaObject = {}): SchemaObject => ({ type: 'boolean', ...extra });
export const day = (description?: string): SchemaObject => ({
  type: 'string',
  format: 'date',
  ...(description ? { description } : {}),
});
export const instant = (description?: string): SchemaObject => ({
  type: 'string',
  format: 'date-time',
  ...(description ? { description } : {}),
});
export const oneOf = (values: readonly string[], description?: string): SchemaObject => ({
  type: 'string',
  enum: [...values],
  ...(description ? { description } : {}),
});
export const arr = (items: Schema, extra: SchemaObject = {}): SchemaObject => ({
  type: 'array',
  items,
  ...extra,
});
export const nullable = (s: SchemaObject): SchemaObject => ({ ...s, nullable: true });
/** A reference that may be null (OpenAPI 3.0 ignores a `nullable` beside `$ref`). */
export const nullableRef = (name: string): SchemaObject => ({ allOf: [ref(name)], nullable: true });
export const mapOf = (values: Schema, description?: string): SchemaObject => ({
  type: 'object',
  additionalProperties: values,
  ...(description ? { description } : {}),
});

/** An object with its required and optional fields (nothing else, unless `open`). */
export function obj(
  required: Record<string, Schema>,
  optional: Record<string, Schema> = {},
  extra: SchemaObject = {},
): SchemaObject {
  const names = Object.keys(required);
  return {
    type: 'object',
    ...(names.length ? { required: names } : {}),
    properties: { ...required, ...optional },
    ...extra,
  };
}

/** `{items: [...]}`, the shape of every list. */
export const listOf = (item: Schema): SchemaObject => obj({ items: arr(item) });

const json = (schema: Schema) => ({ 'application/json': { schema } });

/** A JSON answer of this status, by schema name or inline schema. */
export const ApiAnswer = (status: number, schema: string | SchemaObject, description = '') =>
  ApiResponse({ status, description, content: json(typeof schema === 'string' ? ref(schema) : schema) });

/** The problem+json answers a route gives besides the `default` every route has (see openApiDocument). */
export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: 'application/problem+json with a stable code (docs/errors.md)',
        content: { 'application/problem+json': { schema: ref('Problem') } },
      }),
    ),
  );

/** One problem+json answer, its description naming the codes it carries. */
export const ApiProblem = (status: number, description: string) =>
  ApiResponse({ status, description, content: { 'application/problem+json': { schema: ref('Problem') } } });

/** An answer that is not JSON (a PDF, an event stream). */
export const ApiBinaryAnswer = (status: number, mediaType: string, description = '') =>
  ApiResponse({
    status,
    description,
    content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } },
  });
