import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
  getOperationAST,
  getVariableValues,
} from "graphql";

/**
 * Control characters that no text input may carry (NUL makes PostgreSQL refuse the statement; the
 * others have no place in a name, a note or an id). Tab, line feed and carriage return stay allowed.
 */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

/** How big the variables of one operation may be: they count towards the request's limits like its text. */
export const VARIABLE_LIMITS = {
  /** Items in any one list. */
  maxListItems: 1000,
  /** Values in all variables together (every list item, object field and scalar counts). */
  maxValues: 10_000,
  /** Nesting of lists and input objects. */
  maxDepth: 10,
  /** Characters in any one string. */
  maxStringLength: 100_000,
};

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });

/**
 * Text literals in the document itself (`login(username: "a\u0000b")`): refused at validation, on HTTP and
 * on the websocket alike, before any resolver sees them.
 */
export const NoControlCharactersRule: ValidationRule = (context) => ({
  StringValue(node) {
    if (hasControlCharacters(node.value)) {
      context.reportError(
        new GraphQLError("Text values must not contain control characters (only tab, line feed and carriage return are allowed).", { nodes: [node] }),
      );
    }
  },
});

/** Walks the raw variables once: sizes and control characters. Never echoes a value. */
function checkShape(variables: Record<string, unknown>): GraphQLError | null {
  let values = 0;
  const visit = (value: unknown, depth: number, name: string): GraphQLError | null => {
    if (++values > VARIABLE_LIMITS.maxValues) return badInput(`The variables hold more than ${VARIABLE_LIMITS.maxValues} values.`);
    if (depth > VARIABLE_LIMITS.maxDepth) return badInput(`Variable "$${name}" is nested deeper than ${VARIABLE_LIMITS.maxDepth} levels.`);
    if (typeof value === "string") {
      if (value.length > VARIABLE_LIMITS.maxStringLength)
        return badInput(`Variable "$${name}" holds a text longer than ${VARIABLE_LIMITS.maxStringLength} characters.`);
      if (hasControlCharacters(value))
        return badInput(`Variable "$${name}" holds text with control characters (only tab, line feed and carriage return are allowed).`);
      return null;
    }
    if (Array.isArray(value)) {
      if (value.length > VARIABLE_LIMITS.maxListItems) return badInput(`Variable "$${name}" holds a list longer than ${VARIABLE_LIMITS.maxListItems} items.`);
      for (const item of value) {
        const e = visit(item, depth + 1, name);
        if (e) return e;
      }
      return null;
    }
    if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        if (hasControlCharacters(key)) return badInput(`Variable "$${name}" holds a field name with control characters.`);
        const e = visit(item, depth + 1, name);
        if (e) return e;
      }
    }
    return null;
  };
  for (const [name, value] of Object.entries(variables)) {
    const e = visit(value, 0, hasControlCharacters(name) ? "?" : name.slice(0, 100));
    if (e) return e;
  }
  return null;
}

/**
 * Checks an operation's variables before the compiled query runs: their size, their text, and their
 * coercion to the declared types (graphql-js's own rules, so a wrong type, an unknown enum value or a
 * bad date is a BAD_USER_INPUT error, not a failure inside the executor). The executor still coerces
 * the raw values itself; this only decides whether it may start.
 */
export function checkVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: unknown,
  operation: OperationDefinitionNode | null | undefined = getOperationAST(document, operationName ?? undefined),
): readonly GraphQLError[] | null {
  if (variables !== undefined && variables !== null && (typeof variables !== "object" || Array.isArray(variables))) {
    return [new GraphQLError("The variables must be an object.", { extensions: { code: "BAD_REQUEST" } })];
  }
  const raw = (variables ?? {}) as Record<string, unknown>;
  const shape = checkShape(raw);
  if (shape) return [shape];
  if (!operation) return null;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], raw, { maxErrors: 10 });
  if (!coerced.errors) return null;
  return coerced.errors.map(
    (e) => new GraphQLError(e.message, { nodes: e.nodes, originalError: e.originalError, extensions: { ...e.extensions, code: "BAD_USER_INPUT" } }),
  );
}

/** True for an error of graphql-jit's own variable coercion (no path, about a variable). */
export function isVariableError(error: { message: string; path?: readonly unknown[] }): boolean {
  return !error.path && /^Variable "\$/.test(error.message);
}
