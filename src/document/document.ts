// The OpenAPI document and the requirement catalogue, read once per process, with an index of
// operations by operationId: the one place that knows where things live in the document.
import { readYaml } from './yaml-cache.ts';

export const DOCUMENT_PATH = new URL('../../openapi/vpc-peering.yaml', import.meta.url);
export const CATALOGUE_PATH = new URL('../../openapi/requirements.yaml', import.meta.url);

/** The document as parsed YAML, navigated by JSON pointer: its shape is the document's to define. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, read by path
export type OpenApiDocument = Record<string, any>;

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  /** JSON pointer (into the document) of each documented response, keyed by status code. */
  responses: Map<string, string>;
  /** JSON pointer of the JSON request body's schema, when the operation takes one. */
  requestSchema?: string;
  /** JSON pointer of each query parameter's schema, keyed by parameter name. */
  queryParameters: Map<string, string>;
}

export interface Requirement {
  id: string;
  level: 'MUST' | 'SHOULD' | 'MAY';
  /** The public source, and where in it. */
  source: string;
  /** Its words, verbatim, every passage joined by `[...]`; every MUST has them. */
  quote?: string;
  /** The same words passage by passage, each with the source it is found in. */
  passages?: QuotedPassage[];
  /** How far the words carry a MUST: they state it, an official client depends on it, or it is our reading. */
  evidence?: 'stated' | 'client' | 'reading';
  rule: string;
  operations: string[];
  needs: 'any' | 'state' | 'clock';
  refused_with?: number[];
  withdrawn?: string;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export function loadDocument(path: URL = DOCUMENT_PATH): OpenApiDocument {
  return readYaml(path);
}

/** A point where the sources are silent, and the choices a conforming server may make there. */
export interface Silence {
  id: string;
  point: string;
  said: string;
  /** By the short name a test records the server's choice under. */
  choices: Record<string, string>;
  /** Where the point spans classes of request a server may treat apart: a choice is held within one. */
  classes?: Record<string, string>;
  requirements: string[];
}

/** Words of one source, as the catalogue quotes them. */
export interface QuotedPassage {
  /** A path in the docs repository, or the https address of a page outside it. */
  from: string;
  /** Where its first words were found in the docs repository at the checked commit. */
  line?: number;
  text: string;
}

/** The docs repository that a passage's path is in, and the commit its quotes were last found at. */
export interface DocsRepository {
  url: string;
  checked_commit: string;
}

export function isInDocsRepository(passage: QuotedPassage): boolean {
  return !passage.from.startsWith('https://');
}

type CatalogueEntry = Omit<Requirement, 'quote' | 'passages'> & { quote?: QuotedPassage[] };

let catalogue: readonly Requirement[] | undefined;

/** The catalogue at `path`; the project's own is parsed once per process, however many runs judge by it. */
export function loadCatalogue(path: URL = CATALOGUE_PATH): Requirement[] {
  if (path !== CATALOGUE_PATH) return parseCatalogue(path);
  catalogue ??= parseCatalogue(path);
  return [...catalogue];
}

function parseCatalogue(path: URL): Requirement[] {
  return readYaml(path).requirements.map(({ quote, ...entry }: CatalogueEntry) =>
    quote ? { ...entry, quote: quote.map((p) => p.text).join(' [...] '), passages: quote } : entry,
  );
}

export function loadDocsRepository(path: URL = CATALOGUE_PATH): DocsRepository {
  return readYaml(path).docs_repository;
}

let requirementsById: Map<string, Requirement> | undefined;
let silencesById: Map<string, Silence> | undefined;

/** One requirement of the catalogue, by its ID, if the catalogue has it. */
export function findRequirement(id: string): Requirement | undefined {
  requirementsById ??= new Map(loadCatalogue().map((r) => [r.id, r]));
  return requirementsById.get(id);
}

/** One requirement of the catalogue, by its ID. */
export function requirement(id: string): Requirement {
  const found = findRequirement(id);
  if (!found) throw new Error(`${id} is not in openapi/requirements.yaml`);
  return found;
}

/** One silence of the catalogue, by its ID. */
export function silence(id: string): Silence {
  silencesById ??= new Map(loadSilences().map((s) => [s.id, s]));
  const found = silencesById.get(id);
  if (!found) throw new Error(`${id} is not a silence of openapi/requirements.yaml`);
  return found;
}

export function loadSilences(path: URL = CATALOGUE_PATH): Silence[] {
  return readYaml(path).silences;
}

export function pointer(...tokens: string[]): string {
  return '#/' + tokens.map((t) => t.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

export function resolve(document: OpenApiDocument, ref: string): OpenApiDocument {
  return ref
    .slice(2)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((node, token) => node?.[token], document);
}

/** Follows a `$ref` (for example a shared response under components) to its target pointer. */
function dereferenced(document: OpenApiDocument, at: string): string {
  const ref = resolve(document, at)?.$ref;
  return typeof ref === 'string' ? dereferenced(document, ref) : at;
}

export function indexOperations(document: OpenApiDocument): Map<string, Operation> {
  const index = new Map<string, Operation>();
  for (const [path, item] of Object.entries<OpenApiDocument>(document.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const responses = new Map(
        Object.keys(op.responses).map((status) => [status, dereferenced(document, pointer('paths', path, method, 'responses', status))]),
      );
      const queryParameters = new Map<string, string>();
      (op.parameters ?? []).forEach((p: OpenApiDocument, i: number) => {
        if (p.in === 'query') queryParameters.set(p.name, pointer('paths', path, method, 'parameters', String(i), 'schema'));
      });
      const body = op.requestBody?.content?.['application/json'];
      index.set(op.operationId, {
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        responses,
        queryParameters,
        ...(body && {
          requestSchema: pointer('paths', path, method, 'requestBody', 'content', 'application/json', 'schema'),
        }),
      });
    }
  }
  return index;
}
