// The emulator's HTTP face: routes and request checks come from the OpenAPI document, the
// decisions from the state machine. node:http and nothing more: seven operations on three
// paths need no framework, and every layer added would cost the throughput the suite relies on.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { Operation } from '../src/document/document.ts';
import { describeErrors, documentValidators } from '../src/document/validators.ts';
import { systemClock } from './clock.ts';
import { generateTenants, type Tenants, type Tenant } from './tenants.ts';
import { authorizationOf, verifySignature } from './signatures.ts';
import { PeeringStore, SEVEN_DAYS_MS, type Consistency, type CreateBody, type StoreQuery, type UpdateBody } from './peerings.ts';
import { gatewayBody, neutronBody, refuse, type StoreResult, type Refusal } from './refusals.ts';
import type { EmulatorReply, Variant } from './variant.ts';

export interface EmulatorOptions {
  tenants?: Tenants;
  /** How long a request may stay PENDING_ACCEPTANCE; default 7 days. */
  pendingExpiryMs?: number;
  /** Larger request bodies are refused with 413; a peering body is well under 1 KiB. */
  maxBodyBytes?: number;
  /** Changes one behaviour: a mutant, a tolerant variant or a fault. */
  variant?: Variant;
  /** Added before every response, to stand in for a distant endpoint. */
  latencyMs?: number;
  /** Deletes that complete in the background and lists that lag, as on a real cloud. */
  consistency?: Consistency;
  /** The longest page a list answers, whatever its `limit` asks: forced small, the emulator pages
   * as a real endpoint does its long lists (2000 a page, by the list page's default `limit`). */
  pageSize?: number;
  /** Enables `POST /_emulator/peerings/{id}/age` for requests carrying this token in
   * `x-emulator-control`: the suite's clock, peering by peering. */
  controlToken?: string;
}

interface Call {
  caller: Tenant;
  peeringId: string;
  query: URLSearchParams;
  body: unknown;
  /** Where this server is reached, for the links it writes. */
  origin: string;
}

const validators = documentValidators();

/** Each documented operation as a matcher on its path template, in the document's own terms. */
const routes = [...validators.operations.values()].map((op) => ({
  op,
  pattern: new RegExp(`^${op.path.replaceAll('.', '\\.').replace(/\{[^}]+\}/g, '([^/]+)')}$`),
}));

export function createEmulatorHandler(options: EmulatorOptions = {}) {
  const variant = options.variant;
  const tenants = options.tenants ?? variant?.tenants?.() ?? generateTenants();
  const storeOptions = {
    clock: systemClock,
    pendingExpiryMs: options.pendingExpiryMs ?? SEVEN_DAYS_MS,
    ...(options.consistency && { consistency: options.consistency }),
  };
  const store = variant?.store?.(tenants, storeOptions) ?? new PeeringStore(tenants, storeOptions);
  const tenantsByToken = new Map(Object.values(tenants).map((t) => [t.token, t]));
  const tenantsByAk = new Map(
    Object.values(tenants)
      .filter((t) => t.ak)
      .map((t) => [t.ak!, t]),
  );
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const listParameters = validators.queryParameters('listVpcPeerings');

  const fromOutcome = <T>(outcome: StoreResult<T>, status: number, wrap: (value: T) => unknown): EmulatorReply =>
    outcome.ok ? { status, ...(status !== 204 && { body: wrap(outcome.value) }) } : refusal(outcome.refusal);

  const checkedBody = <T>(operationId: string, body: unknown): StoreResult<T> => {
    const validate = validators.requestBody(operationId);
    if (variant?.admits?.(operationId, body)) return { ok: true, value: body as T };
    return validate(body)
      ? { ok: true, value: body as T }
      : refuse(400, 'InvalidInput', `Invalid input: ${describeErrors(validate.errors)}`);
  };

  const operations: Record<string, (call: Call) => EmulatorReply> = {
    createVpcPeering: ({ caller, body }) => {
      const checked = checkedBody<{ peering: CreateBody }>('createVpcPeering', body);
      if (!checked.ok) return refusal(checked.refusal);
      return fromOutcome(store.create(caller, checked.value.peering), 201, (peering) => ({ peering }));
    },
    listVpcPeerings: ({ caller, query, origin }) => {
      const parsed = parseListQuery(query);
      if (!parsed.ok) return refusal(parsed.refusal);
      const { pageSize } = options;
      const page = store.list(
        caller,
        pageSize ? { ...parsed.value, limit: Math.min(parsed.value.limit || pageSize, pageSize) } : parsed.value,
      );
      return fromOutcome(page, 200, ({ peerings, nextMarker }) => ({
        peerings,
        ...(nextMarker && { peerings_links: [{ href: nextLink(origin, query, nextMarker), rel: 'next' }] }),
      }));
    },
    showVpcPeering: ({ caller, peeringId }) => fromOutcome(store.show(caller, peeringId), 200, (peering) => ({ peering })),
    updateVpcPeering: ({ caller, peeringId, body }) => {
      const checked = checkedBody<{ peering: UpdateBody }>('updateVpcPeering', body);
      if (!checked.ok) return refusal(checked.refusal);
      return fromOutcome(store.update(caller, peeringId, checked.value.peering), 200, (peering) => ({ peering }));
    },
    acceptVpcPeering: ({ caller, peeringId }) => fromOutcome(store.accept(caller, peeringId), 200, (peering) => peering),
    rejectVpcPeering: ({ caller, peeringId }) => fromOutcome(store.reject(caller, peeringId), 200, (peering) => peering),
    deleteVpcPeering: ({ caller, peeringId }) => fromOutcome(store.delete(caller, peeringId), 204, () => undefined),
  };

  function parseListQuery(query: URLSearchParams): StoreResult<StoreQuery> {
    const parsed: Record<string, string | number> = {};
    for (const [name, read] of listParameters) {
      const raw = query.get(name);
      if (raw === null) continue;
      const given = read(raw);
      const readAnyway = 'errors' in given ? variant?.readsQuery?.(name, raw) : undefined;
      if (readAnyway !== undefined) parsed[name] = readAnyway;
      else if ('errors' in given) return refuse(400, 'InvalidInput', `Invalid input for ${name}: ${describeErrors(given.errors)}`);
      else parsed[name] = given.value;
    }
    return { ok: true, value: parsed as StoreQuery };
  }

  async function ageRoute(req: IncomingMessage, id: string): Promise<EmulatorReply> {
    if (req.method !== 'POST' || req.headers['x-emulator-control'] !== options.controlToken) {
      return refusal({ status: 404, type: 'HTTPNotFound', message: 'No such control route.' });
    }
    const read = await readBody(req, maxBodyBytes);
    const seconds = read.ok ? (JSON.parse(read.value || 'null') as { seconds?: unknown } | null)?.seconds : undefined;
    if (typeof seconds !== 'number') return refusal({ status: 400, type: 'InvalidInput', message: 'Send {"seconds": N}.' });
    return store.age(id, seconds * 1000)
      ? { status: 204 }
      : refusal({ status: 404, type: 'PeeringNotFound', message: `Peering ${id} could not be found.` });
  }

  async function handle(req: IncomingMessage): Promise<EmulatorReply> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    // The control route is the suite's clock, not the API: a variant's faults never touch it.
    const aging = options.controlToken ? /^\/_emulator\/peerings\/([^/]+)\/age$/.exec(url.pathname) : null;
    if (aging) return ageRoute(req, aging[1]!);
    const intercepted = await variant?.intercept?.(req);
    if (intercepted) return intercepted;
    const matches = routes.map(({ op, pattern }) => ({ op, match: pattern.exec(url.pathname) })).filter((r) => r.match);
    if (matches.length === 0) return refusal({ status: 404, type: 'HTTPNotFound', message: `No resource at ${url.pathname}.` });
    const route = matches.find((r) => r.op.method === req.method);
    if (!route) {
      const allow = matches.map((r) => r.op.method).join(', ');
      return {
        ...refusal({ status: 405, type: 'HTTPMethodNotAllowed', message: `${req.method} is not allowed here; use ${allow}.` }),
        headers: { allow },
      };
    }
    const reply = await answer(req, route.op, route.match!, url);
    return variant?.reply ? variant.reply(route.op.operationId, reply) : reply;
  }

  async function answer(req: IncomingMessage, op: Operation, match: RegExpExecArray, url: URL): Promise<EmulatorReply> {
    // The body is read first: a signature covers it.
    let text = '';
    if (op.requestSchema) {
      const read = await readBody(req, maxBodyBytes);
      if (!read.ok) return refusal(read.refusal);
      text = read.value;
    }
    const caller = authenticate(req, text);
    if (!caller)
      return {
        status: 401,
        body: gatewayBody('Incorrect IAM authentication information: the token or signature is missing or not valid.'),
      };

    let body: unknown;
    if (op.requestSchema) {
      try {
        body = JSON.parse(text);
      } catch {
        return refusal({ status: 400, type: 'MalformedRequestBody', message: 'The body is not valid JSON.' });
      }
    }
    const peeringId = decodeURIComponent(match[1] ?? '');
    return operations[op.operationId]!({ caller, peeringId, query: url.searchParams, body, origin: `http://${req.headers.host}` });
  }

  /** A token, or an AK/SK signature; a variant may decide otherwise. */
  function authenticate(req: IncomingMessage, body: string): Tenant | undefined {
    const auth = authorizationOf(req);
    if (auth) {
      const signer = verifySignature(req, body, auth, tenantsByAk, systemClock.now());
      return variant?.signer ? variant.signer(auth, signer, tenantsByAk) : signer;
    }
    const token = String(req.headers['x-auth-token'] ?? '');
    return variant?.caller ? variant.caller(token, tenantsByToken) : tenantsByToken.get(token);
  }

  async function listener(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: EmulatorReply;
    try {
      reply = await handle(req);
    } catch (error) {
      // URIError from a malformed %-escape is the client's fault; anything else is a bug here.
      reply =
        error instanceof URIError
          ? refusal({ status: 400, type: 'InvalidInput', message: 'The path is not valid percent-encoding.' })
          : refusal({ status: 500, type: 'InternalError', message: String(error) });
    }
    const holdMs = (options.latencyMs ?? 0) + (variant?.answersAfterMs ?? 0);
    if (holdMs) await delay(holdMs);
    send(res, reply);
  }

  return { listener, tenants, store };
}

function refusal(r: Refusal): EmulatorReply {
  return { status: r.status, body: neutronBody(r) };
}

function nextLink(origin: string, query: URLSearchParams, marker: string): string {
  const next = new URLSearchParams(query);
  next.set('marker', marker);
  return `${origin}/v2.0/vpc/peerings?${next}`;
}

function readBody(req: IncomingMessage, limit: number): Promise<StoreResult<string>> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Keep reading, discarding, so the client sees the 413 rather than a reset mid-upload.
        req.removeAllListeners('data');
        req.resume();
        done(refuse(413, 'RequestEntityTooLarge', `The body is over ${limit} bytes.`));
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => done({ ok: true, value: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => done(refuse(400, 'MalformedRequestBody', 'The body could not be read.')));
  });
}

function send(res: ServerResponse, { status, body, headers, text: raw }: EmulatorReply): void {
  if (raw) {
    res
      .writeHead(status, { ...headers, 'content-type': raw.contentType, 'content-length': Buffer.byteLength(raw.content) })
      .end(raw.content);
    return;
  }
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      ...headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      // A client that sent too much is still sending: closing is the only way to stop it.
      ...(status === 413 && { connection: 'close' }),
    })
    .end(text);
}

export interface RunningEmulator {
  url: string;
  tenants: Tenants;
  store: PeeringStore;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions & { port?: number; host?: string } = {}): Promise<RunningEmulator> {
  const { listener, tenants, store } = createEmulatorHandler(options);
  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => void listener(req, res));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((ready, fail) => server.once('error', fail).listen(options.port ?? 0, host, ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    tenants,
    store,
    close: () =>
      new Promise((closed) => {
        server.close(() => closed());
        server.closeAllConnections();
      }),
  };
}
