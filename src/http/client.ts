// The validating client: one method per operation, typed by the generated types, and a
// middleware that checks every response against the document before any test sees it (unless
// built with `validate: false`, for the tests whose own assertions are that check).
import createClient, { createQuerySerializer, type Middleware } from 'openapi-fetch';
import type {
  paths,
  SchemaCreatePeeringRequest,
  SchemaPeering,
  SchemaPeeringList,
  SchemaPeeringResponse,
  SchemaUpdatePeeringRequest,
} from '../../generated/vpc-peering.ts';
import { documentValidators } from '../document/validators.ts';
import type { Exchange } from './exchange.ts';
import { ConformanceFailure } from './failure.ts';
import { checkResponse } from '../document/response-check.ts';
import type { Traffic } from './traffic.ts';
import {
  DEFAULT_DEADLINE_MS,
  NoAnswer,
  PlainRequest,
  Transport,
  type Credentials,
  type PlainResponse,
  type TransportOptions,
} from './transport.ts';

export type { Credentials } from './transport.ts';

export type ListQuery = NonNullable<paths['/v2.0/vpc/peerings']['get']['parameters']['query']>;

/** A response that passed the document's checks (on a validating client). `data` is set for 2xx,
 * `error` otherwise. */
export interface Reply<T> {
  status: number;
  data?: T;
  error?: unknown;
  exchange: Exchange;
}

/** What the ledger needs of a peering a create made. */
export interface CreatedPeering {
  id: string;
  name: string;
}

export interface ClientOptions {
  /** Called the moment a create answers 2xx with an id, before the response is judged, so a
   * peering made by a non-conforming server is still cleaned up. */
  onCreated?: (peering: CreatedPeering) => void;
  /** Called just before a create is sent, with the body as it will go out; what it gives back is
   * called once the create has answered, or failed to. */
  onSending?: (body: unknown) => () => void;
  /** Called when a delete answers 204. */
  onDeleted?: (id: string) => void;
  /** How long one attempt may take; 30 s unless the run says otherwise. */
  deadlineMs?: number;
  onRetry?: TransportOptions['onRetry'];
  wait?: TransportOptions['wait'];
  /** The span of the test this client sends for: each request's parent span. */
  testSpanId?: string;
  /** Told of every request as it goes out and as it ends; `enter` may refuse to send it. */
  gate?: { enter(): void; leave(): void };
  /** Whether each response is checked against the document before the caller sees it: true
   * unless set to false, for the tests whose own assertions check what the document states. */
  validate?: boolean;
  /** The wire, with what it remembers (missed deadlines, traffic): shared by the clients given
   * the same one; a client given none has its own. */
  transport?: Transport;
}

/** openapi-fetch's default query serializer, built once: given none, it builds one per request. */
const serializeQuery = createQuerySerializer();

const operationsByRoute = new Map([...documentValidators().operations.values()].map((op) => [`${op.method} ${op.path}`, op.operationId]));

/** The exchange behind a reply, found again through the response it belongs to. */
function exchangeOf(response: Response): Exchange {
  return (response as unknown as PlainResponse).exchange;
}

/** The id a create's 2xx answer carries, wrapped as documented or flat as a broken server might. */
function createdPeering(response: PlainResponse): CreatedPeering | undefined {
  try {
    const body = response.parse() as { peering?: { id?: unknown; name?: unknown }; id?: unknown; name?: unknown } | null;
    const peering = body?.peering ?? body;
    return typeof peering?.id === 'string' ? { id: peering.id, name: String(peering.name ?? '') } : undefined;
  } catch {
    return undefined;
  }
}

const operationOf = (method: string, schemaPath: string) => operationsByRoute.get(`${method} ${schemaPath}`) ?? `${method} ${schemaPath}`;

/** Every client's, validating or not: names each request's operation before it is sent (so that
 * every attempt's exchange, a retried one too, is recorded with it), turns a request that got no
 * answer into a failure, and records a create's peering the moment it answers 2xx. */
function recording(onCreated?: (peering: CreatedPeering) => void): Middleware {
  return {
    onRequest({ request, schemaPath }) {
      (request as unknown as PlainRequest).operationId = operationOf(request.method, schemaPath);
    },
    onError({ error }) {
      if (!(error instanceof NoAnswer)) return undefined;
      return new ConformanceFailure({ title: `${error.exchange.operationId}: ${error.exchange.error}`, exchange: error.exchange });
    },
    onResponse({ response }) {
      const plain = response as unknown as PlainResponse;
      if (plain.exchange.operationId === 'createVpcPeering' && plain.ok) {
        const created = createdPeering(plain);
        if (created) onCreated?.(created);
      }
    },
  };
}

/** The one place responses are checked against the document (status, content type, body schema),
 * before the caller sees them; each response it checks is counted for the report. */
const validating = (traffic: Traffic): Middleware => ({
  onResponse({ response }) {
    const plain = response as unknown as PlainResponse;
    const exchange = plain.exchange;
    const violation = checkResponse(exchange.operationId, exchange.status, exchange.contentType, exchange.responseText, plain);
    traffic.countValidated();
    if (violation) {
      throw new ConformanceFailure({
        breaks: violation.ids,
        title: `${exchange.operationId}: the response breaks the document`,
        exchange,
        documented: violation.documented,
      });
    }
  },
});

/** What a client that does not validate still cannot hand over: a 2xx body that is not JSON, which
 * openapi-fetch would fail to parse with an error that shows no exchange. Each response it hands
 * over is counted, so that the report accounts for every answer. */
const unvalidated = (traffic: Traffic): Middleware => ({
  onResponse({ response }) {
    const plain = response as unknown as PlainResponse;
    const exchange = plain.exchange;
    traffic.countUnvalidated();
    if (!plain.ok || plain.status === 204 || exchange.responseText === '') return;
    try {
      plain.parse();
    } catch {
      throw new ConformanceFailure({
        title: `${exchange.operationId} answered ${exchange.status} with a body that is not JSON`,
        exchange,
        expected: 'a JSON body',
      });
    }
  },
});

export class PeeringClient {
  private readonly http;

  private readonly onSending?: ClientOptions['onSending'];

  private readonly onDeleted?: ClientOptions['onDeleted'];

  private readonly gate?: ClientOptions['gate'];

  constructor(
    readonly baseUrl: string,
    credentials: Credentials,
    options: ClientOptions = {},
  ) {
    if (options.onSending) this.onSending = options.onSending;
    if (options.onDeleted) this.onDeleted = options.onDeleted;
    if (options.gate) this.gate = options.gate;
    // Credentials go on at the transport, the token beside the signing: given to openapi-fetch as
    // a header, the token made it build a WHATWG Headers for every request.
    const transport = options.transport ?? new Transport();
    const sending: TransportOptions = {
      deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
      credentials,
      ...(options.onRetry && { onRetry: options.onRetry }),
      ...(options.wait && { wait: options.wait }),
      ...(options.testSpanId && { testSpanId: options.testSpanId }),
    };
    this.http = createClient<paths>({
      baseUrl,
      querySerializer: serializeQuery,
      Request: PlainRequest as unknown as typeof Request,
      fetch: ((req: PlainRequest) => transport.send(req, sending)) as unknown as (input: Request) => Promise<Response>,
    });
    // openapi-fetch calls onResponse last-registered first: the recorder, registered last, names
    // the operation and records a created peering before the response is judged.
    this.http.use(
      options.validate === false ? unvalidated(transport.traffic) : validating(transport.traffic),
      recording(options.onCreated),
    );
  }

  async create(body: SchemaCreatePeeringRequest): Promise<Reply<SchemaPeeringResponse>> {
    return this.createRaw(body);
  }

  /** Sends any body, valid or not: for the refusal tests. */
  async createRaw(body: unknown): Promise<Reply<SchemaPeeringResponse>> {
    return this.call(async () => {
      const answered = this.onSending?.(body);
      try {
        return await this.http.POST('/v2.0/vpc/peerings', { body: body as SchemaCreatePeeringRequest });
      } finally {
        answered?.();
      }
    });
  }

  async list(query: ListQuery = {}): Promise<Reply<SchemaPeeringList>> {
    return this.call(() => this.http.GET('/v2.0/vpc/peerings', { params: { query } }));
  }

  /** Sends any query string, valid or not: for the refusal tests. */
  async listRaw(query: Record<string, string>): Promise<Reply<SchemaPeeringList>> {
    return this.call(() => this.http.GET('/v2.0/vpc/peerings', { params: { query: query as ListQuery } }));
  }

  async show(id: string): Promise<Reply<SchemaPeeringResponse>> {
    return this.call(() => this.http.GET('/v2.0/vpc/peerings/{peering_id}', { params: { path: { peering_id: id } } }));
  }

  async update(id: string, body: SchemaUpdatePeeringRequest): Promise<Reply<SchemaPeeringResponse>> {
    return this.updateRaw(id, body);
  }

  /** Sends any body, valid or not: for the refusal tests. */
  async updateRaw(id: string, body: unknown): Promise<Reply<SchemaPeeringResponse>> {
    return this.call(() =>
      this.http.PUT('/v2.0/vpc/peerings/{peering_id}', {
        params: { path: { peering_id: id } },
        body: body as SchemaUpdatePeeringRequest,
      }),
    );
  }

  async accept(id: string): Promise<Reply<SchemaPeering>> {
    return this.call(() => this.http.PUT('/v2.0/vpc/peerings/{peering_id}/accept', { params: { path: { peering_id: id } } }));
  }

  async reject(id: string): Promise<Reply<SchemaPeering>> {
    return this.call(() => this.http.PUT('/v2.0/vpc/peerings/{peering_id}/reject', { params: { path: { peering_id: id } } }));
  }

  async delete(id: string): Promise<Reply<undefined>> {
    const reply = await this.call(() => this.http.DELETE('/v2.0/vpc/peerings/{peering_id}', { params: { path: { peering_id: id } } }));
    if (reply.status === 204) this.onDeleted?.(id);
    return reply;
  }

  /** One call, told to the gate from before it is sent until its answer has been judged, so that
   * whoever waits for the gate also waits for what the answer records (a created peering). */
  private async call<T>(send: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Reply<T>> {
    this.gate?.enter();
    try {
      const result = await send();
      return { status: result.response.status, data: result.data, error: result.error, exchange: exchangeOf(result.response) };
    } finally {
      this.gate?.leave();
    }
  }
}
