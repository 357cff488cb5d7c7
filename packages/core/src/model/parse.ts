import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { readAlertWindowsDocument } from './alertWindows';
import { finishSlo, type ParseOptions, type SloDraft } from './common';
import { IssueSink, type PathPart } from './issues';
import {
  emptyOpenSloIndex,
  indexOpenSloDocument,
  OPENSLO_V1_KINDS,
  parseOpenSloV1Slo,
  type OpenSloIndex,
} from './openslo';
import { parseOpenSloV1AlphaSlo, validateOpenSloV1AlphaService } from './opensloV1alpha';
import { validateOpenSloV2Alpha } from './opensloV2alpha';
import { parsePyrraSlo } from './pyrra';
import { checkSloQueries } from './promqlSelector';
import { parseSlothDocument } from './sloth';
import type { AlertWindowsSpec, InputObject, ParseResult, Slo, SloIssue } from './types';

export type { ParseOptions } from './common';

/** `${service}-${name}`, Sloth's `sloth_id`. */
export function sloId(slo: Pick<Slo, 'service' | 'name'>): string {
  return `${slo.service}-${slo.name}`;
}

type Detected =
  | { kind: 'sloth'; crd: boolean }
  | { kind: 'alertWindows' }
  | { kind: 'openslo/v1'; openSloKind: (typeof OPENSLO_V1_KINDS)[number] }
  | { kind: 'openslo/v1alpha' }
  | { kind: 'openslo/v1alpha-service' }
  | { kind: 'openslo/v2alpha' }
  | { kind: 'pyrra' }
  | { kind: 'ignored' };

const API_VERSIONS = 'openslo/v1, openslo/v1alpha, sloth.slok.dev/v1 or pyrra.dev/v1alpha1';

function detect(doc: unknown, sink: IssueSink): Detected | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    sink.add([], 'must be a mapping (an SLO document)');
    return undefined;
  }
  const d = doc as Record<string, unknown>;
  const { apiVersion, kind, version } = d;
  const expectKind = (kinds: readonly string[]): boolean => {
    if (typeof kind === 'string' && kinds.includes(kind)) return true;
    sink.add(
      ['kind'],
      kind === undefined
        ? 'is required'
        : `must be one of ${kinds.join(', ')} for ${String(apiVersion)}`,
    );
    return false;
  };
  if (apiVersion === undefined) {
    if (version === 'prometheus/v1') return { kind: 'sloth', crd: false };
    if (version !== undefined) {
      sink.add(
        ['version'],
        `unknown version ${JSON.stringify(version)}; Sloth files use prometheus/v1`,
      );
    } else {
      sink.add(
        [],
        `is not an SLO document: it needs apiVersion (${API_VERSIONS}) or Sloth's version: prometheus/v1`,
      );
    }
    return undefined;
  }
  switch (apiVersion) {
    case 'openslo/v1':
      return expectKind(OPENSLO_V1_KINDS)
        ? { kind: 'openslo/v1', openSloKind: kind as (typeof OPENSLO_V1_KINDS)[number] }
        : undefined;
    case 'openslo/v1alpha':
      if (kind === 'Service') return { kind: 'openslo/v1alpha-service' };
      return expectKind(['SLO', 'Service']) ? { kind: 'openslo/v1alpha' } : undefined;
    case 'openslo.com/v2alpha':
      return expectKind(OPENSLO_V1_KINDS) ? { kind: 'openslo/v2alpha' } : undefined;
    case 'sloth.slok.dev/v1':
      if (!expectKind(['PrometheusServiceLevel', 'AlertWindows'])) return undefined;
      return kind === 'AlertWindows' ? { kind: 'alertWindows' } : { kind: 'sloth', crd: true };
    case 'pyrra.dev/v1alpha1':
      return expectKind(['ServiceLevelObjective']) ? { kind: 'pyrra' } : undefined;
    default:
      sink.add(
        ['apiVersion'],
        `unknown apiVersion ${JSON.stringify(apiVersion)}; expected ${API_VERSIONS}`,
      );
      return undefined;
  }
}

interface InputDoc {
  value: unknown;
  /** Set for YAML input: finds the line of a field. */
  yaml?: Document.Parsed;
  lineCounter?: LineCounter;
  /** The document could not be read (YAML syntax error): skip it. */
  broken?: boolean;
  /** A document with nothing in it (e.g. only comments), skipped silently. */
  empty?: boolean;
  /** Where the object sits in its YAML document: `[i]` for the i-th item of a top-level list. */
  prefix?: PathPart[];
}

/**
 * Reads SLO definitions from YAML text holding one or more documents, in any supported format
 * (OpenSLO v1 and v1alpha, Sloth prometheus/v1 and PrometheusServiceLevel, Pyrra
 * ServiceLevelObjective, Sloth AlertWindows). Never throws on bad input: every problem is an issue
 * naming the file, the document and the field.
 */
export function parseSloDocuments(
  text: string,
  file: string,
  options: ParseOptions = {},
): ParseResult {
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(String(text ?? ''), {
      lineCounter,
      prettyErrors: true,
    }) as Document.Parsed[];
  } catch (e) {
    return {
      slos: [],
      issues: [{ file, docIndex: 0, path: '', message: `invalid YAML: ${errorText(e)}` }],
    };
  }
  const empty: ParseResult = {
    slos: [],
    issues: [{ file, docIndex: 0, path: '', message: 'is empty: no SLO documents' }],
  };
  // parseAllDocuments gives an EmptyStream (not an array) for some empty texts.
  if (!Array.isArray(docs) || docs.length === 0) return empty;
  const issues: SloIssue[] = [];
  // A document holding a list (as the OpenSLO tools write them) gives one input per item;
  // `docIndex` then counts objects across the file, lists and documents together, as oslo does.
  const inputs: InputDoc[] = [];
  for (const doc of docs) {
    const docIndex = inputs.length;
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = err.linePos?.[0];
        issues.push({
          file,
          docIndex,
          path: '',
          message: `invalid YAML: ${firstLine(err.message)}`,
          ...(pos ? { line: pos.line, column: pos.col } : {}),
        });
      }
      inputs.push({ value: undefined, broken: true });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      issues.push({ file, docIndex, path: '', message: `invalid YAML: ${errorText(e)}` });
      inputs.push({ value: undefined, broken: true });
      continue;
    }
    if (value === null || value === undefined) inputs.push({ value, empty: true });
    else if (Array.isArray(value))
      value.forEach((item: unknown, i) =>
        inputs.push({ value: item, yaml: doc, lineCounter, prefix: [i] }),
      );
    else inputs.push({ value, yaml: doc, lineCounter });
  }
  if (inputs.every(input => input.empty)) return empty;
  const result = parseInputs(inputs, file, options);
  result.issues = [...issues, ...result.issues].sort((a, b) => a.docIndex - b.docIndex);
  return result;
}

/**
 * The same as `parseSloDocuments` for an object that is already parsed (a JSON request body);
 * an array is read as a list of documents.
 */
export function sloFromObject(obj: unknown, file: string, options: ParseOptions = {}): ParseResult {
  const values = Array.isArray(obj) ? obj : [obj];
  return parseInputs(
    values.map(value => ({ value })),
    file,
    options,
  );
}

function parseInputs(inputs: InputDoc[], file: string, options: ParseOptions): ParseResult {
  const sinks = inputs.map((_, i) => new IssueSink(file, i));
  const detected: (Detected | undefined)[] = [];
  const index: OpenSloIndex = emptyOpenSloIndex();
  const alertWindows: AlertWindowsSpec[] = [];

  // First pass: documents that others refer to (OpenSLO SLIs, policies, ...) and alert windows.
  inputs.forEach((input, i) => {
    const sink = sinks[i] as IssueSink;
    if (input.broken || input.empty) {
      detected.push(undefined);
      return;
    }
    const d = guard(sink, () => detect(input.value, sink));
    detected.push(d);
    if (d?.kind === 'alertWindows') {
      const spec = guard(sink, () => readAlertWindowsDocument(input.value, sink, options));
      if (spec) alertWindows.push(spec);
    } else if (d?.kind === 'openslo/v1' && d.openSloKind !== 'SLO') {
      const kind = d.openSloKind;
      guard(sink, () => indexOpenSloDocument(input.value, kind, sink, index, options));
    }
  });

  // Windows given in the input win over those passed in options for the same period.
  const windows = [...alertWindows, ...(options.alertWindows ?? [])];
  const ctx = { options, alertWindows: windows, services: index.services };
  const slos: Slo[] = [];
  const seen = new Map<string, number>();
  inputs.forEach((input, i) => {
    const sink = sinks[i] as IssueSink;
    const d = detected[i];
    if (!d) return;
    const drafts = guard(sink, (): SloDraft[] => {
      switch (d.kind) {
        case 'sloth':
          return parseSlothDocument(input.value, sink, options, d.crd);
        case 'openslo/v1':
          return d.openSloKind === 'SLO'
            ? parseOpenSloV1Slo(input.value, sink, index, options)
            : [];
        case 'openslo/v1alpha':
          return parseOpenSloV1AlphaSlo(input.value, sink, options);
        case 'openslo/v1alpha-service':
          validateOpenSloV1AlphaService(input.value, sink, options);
          return [];
        case 'openslo/v2alpha':
          return validateOpenSloV2Alpha(input.value, sink, options);
        case 'pyrra':
          return parsePyrraSlo(input.value, sink, options);
        default:
          return [];
      }
    });
    for (const draft of drafts ?? []) {
      const slo = guard(sink, () => finishSlo(draft, sink, ctx));
      if (!slo || !guard(sink, () => checkSloQueries(slo, input.value, sink))) continue;
      const id = sloId(slo);
      const first = seen.get(id);
      if (first !== undefined) {
        sink.add(
          d.kind === 'sloth' ? [] : ['metadata', 'name'],
          `duplicates SLO ${id} of document ${first + 1}`,
        );
        continue;
      }
      seen.set(id, i);
      slos.push(slo);
    }
  });

  const issues: SloIssue[] = [];
  inputs.forEach((input, i) => {
    const sink = sinks[i] as IssueSink;
    sink.issues.forEach((issue, k) => {
      const parts = sink.paths[k];
      const pos =
        input.yaml && parts
          ? locate(input.yaml, input.lineCounter as LineCounter, [
              ...(input.prefix ?? []),
              ...parts,
            ])
          : undefined;
      issues.push(pos ? { ...issue, line: pos.line, column: pos.col } : issue);
    });
  });
  const objects: InputObject[] = [];
  inputs.forEach((input, docIndex) => {
    if (input.broken || input.empty) return;
    const v = (input.value && typeof input.value === 'object' ? input.value : {}) as {
      apiVersion?: unknown;
      kind?: unknown;
      version?: unknown;
      metadata?: { name?: unknown } | null;
    };
    const text = (x: unknown) => (typeof x === 'string' ? x : undefined);
    const o: InputObject = { docIndex };
    const apiVersion = text(v.apiVersion) ?? text(v.version);
    const kind = text(v.kind);
    const name = text(v.metadata?.name);
    if (apiVersion) o.apiVersion = apiVersion;
    if (kind) o.kind = kind;
    if (name) o.name = name;
    objects.push(o);
  });
  const result: ParseResult = { slos, issues, objects };
  if (alertWindows.length > 0) result.alertWindows = alertWindows;
  return result;
}

/** The line of the deepest node on `parts` that exists (a missing field points at its parent). */
function locate(
  doc: Document.Parsed,
  lc: LineCounter,
  parts: PathPart[],
): { line: number; col: number } | undefined {
  for (let n = parts.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(parts.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lc.linePos(range[0]);
  }
  return undefined;
}

function guard<T>(sink: IssueSink, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    // A parser bug must not take the caller down with it; report it against the document.
    sink.add([], `could not be read: ${errorText(e)}`);
    return undefined;
  }
}

function errorText(e: unknown): string {
  return firstLine(e instanceof Error ? e.message : String(e));
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? '').replace(/:$/, '');
}
