import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';

/** An action's input fields, as `createTemplateAction` takes them: one zod factory per field. */
export type InputShape = { [field: string]: (zImpl: typeof z) => z.ZodType };

/**
 * Validates `input` against the action's own schema. The scaffolder checks the JSON schema
 * derived from it before the handler runs, but a handler called any other way (tests, other
 * actions) must not trust its input either; and this message names the action and each field.
 */
export function validateInput<T>(actionId: string, shape: InputShape, input: unknown): T {
  const schema = z
    .object(Object.fromEntries(Object.entries(shape).map(([k, f]) => [k, f(z)])))
    .strict();
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data as T;
  const problems = parsed.error.issues.map(issue => {
    if (issue.code === 'unrecognized_keys') {
      return `unknown input ${issue.keys.join(', ')}`;
    }
    return `input.${issue.path.join('.')}: ${issue.message}`;
  });
  throw new InputError(`${actionId}: ${problems.join('; ')}`);
}
