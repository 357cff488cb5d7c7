import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { COST_TAGS_ANNOTATION, parseCostTagsAnnotation } from '@headroom/core';
import fs from 'node:fs/promises';
import { isMap, parseAllDocuments } from 'yaml';
import { annotateCatalogInfoExamples } from './annotateCatalogInfo.examples';
import { workspaceFile } from './paths';
import { type InputShape, validateInput } from './validate';

export const ANNOTATE_CATALOG_INFO_ACTION_ID = 'headroom:catalog:annotate';

/** Annotation names, as `@headroom/plugin-headroom-common` and the backend read them. */
export const SLO_FILE_ANNOTATION = 'headroom.dev/slo-file';
export const LINE_OF_BUSINESS_ANNOTATION = 'headroom.dev/line-of-business';
export const CREATED_AT_ANNOTATION = 'headroom.dev/created-at';

const inputShape = {
  filePath: z =>
    z.string().min(1).default('catalog-info.yaml').describe('The entity file in the workspace'),
  costTags: z =>
    z
      .record(z.string())
      .refine(tags => Object.keys(tags).length > 0, 'must name at least one tag')
      .describe("Cost allocation tags (key: value) that the service's cloud resources carry"),
  sloFile: z =>
    z
      .string()
      .min(1)
      .default('./slos.yaml')
      .describe('The SLO file, relative to catalog-info.yaml or a URL'),
  lineOfBusiness: z =>
    z.string().trim().min(1).max(255).optional().describe('Line of business, when not inherited'),
  createdAt: z =>
    z
      .string()
      .datetime({ offset: true })
      .optional()
      .describe('When the service was created (ISO 8601); default: now'),
} satisfies InputShape;

interface Input {
  filePath: string;
  costTags: Record<string, string>;
  sloFile: string;
  lineOfBusiness?: string;
  createdAt?: string;
}

/** The cost-tags annotation for `tags`, refused when core's reader would not read it back. */
export function costTagsAnnotation(actionId: string, tags: Record<string, string>): string {
  const bad = Object.entries(tags).find(
    ([k, v]) => /[=,;\n]/.test(k) || /[,;\n]/.test(v) || !k.trim() || !v.trim(),
  );
  if (bad) {
    throw new InputError(
      `${actionId}: input.costTags.${bad[0]}: keys and values must be non-empty and free of = , ; and newlines`,
    );
  }
  const text = Object.entries(tags)
    .map(([k, v]) => `${k.trim()}=${v.trim()}`)
    .join(', ');
  const parsed = parseCostTagsAnnotation(text);
  if (typeof parsed === 'string') {
    throw new InputError(`${actionId}: input.costTags: ${parsed}`);
  }
  return text;
}

/**
 * `headroom:catalog:annotate`: adds Headroom's annotations to the Component in catalog-info.yaml
 * (SLO file, cost tags, line of business, creation time), keeping the rest of the file as it is.
 */
export function annotateCatalogInfoAction() {
  return createTemplateAction({
    id: ANNOTATE_CATALOG_INFO_ACTION_ID,
    description:
      "Adds Headroom's SLO file, cost tags, line of business and creation time annotations to a Component in catalog-info.yaml",
    examples: annotateCatalogInfoExamples,
    supportsDryRun: true,
    schema: {
      input: inputShape,
      output: {
        entityRef: z => z.string().describe('The annotated Component'),
        annotations: z => z.record(z.string()).describe('The annotations written'),
      },
    },
    async handler(ctx) {
      const id = ANNOTATE_CATALOG_INFO_ACTION_ID;
      const input = validateInput<Input>(id, inputShape, ctx.input);
      const file = workspaceFile(id, 'filePath', ctx.workspacePath, input.filePath);
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (e) {
        throw new InputError(
          `${id}: input.filePath '${input.filePath}' cannot be read: ${(e as Error).message}`,
        );
      }
      const docs = parseAllDocuments(text);
      if (!Array.isArray(docs)) {
        throw new InputError(`${id}: ${input.filePath} holds no YAML documents`);
      }
      for (const doc of docs) {
        if (doc.errors.length > 0) {
          throw new InputError(
            `${id}: ${input.filePath} is not valid YAML: ${doc.errors[0]!.message}`,
          );
        }
      }
      const components = docs.filter(d => isMap(d.contents) && d.get('kind') === 'Component');
      if (components.length !== 1) {
        throw new InputError(
          `${id}: ${input.filePath} must hold exactly one Component, found ${components.length}`,
        );
      }
      const doc = components[0]!;
      const name = doc.getIn(['metadata', 'name']);
      if (typeof name !== 'string' || !name) {
        throw new InputError(`${id}: the Component in ${input.filePath} has no metadata.name`);
      }
      const namespace = doc.getIn(['metadata', 'namespace']);
      const annotations: Record<string, string> = {
        [SLO_FILE_ANNOTATION]: input.sloFile,
        [COST_TAGS_ANNOTATION]: costTagsAnnotation(id, input.costTags),
        ...(input.lineOfBusiness ? { [LINE_OF_BUSINESS_ANNOTATION]: input.lineOfBusiness } : {}),
        [CREATED_AT_ANNOTATION]: new Date(input.createdAt ?? Date.now()).toISOString(),
      };
      for (const [key, value] of Object.entries(annotations)) {
        doc.setIn(['metadata', 'annotations', key], value);
      }
      await fs.writeFile(file, docs.map(d => d.toString()).join(''), 'utf8');
      const entityRef = stringifyEntityRef({
        kind: 'Component',
        namespace: typeof namespace === 'string' && namespace ? namespace : 'default',
        name,
      });
      ctx.logger.info(`Annotated ${entityRef} in ${input.filePath}`);
      ctx.output('entityRef', entityRef);
      ctx.output('annotations', annotations);
    },
  });
}
