// The wire against a server having bad moments: 503 and 429 are retried, honouring Retry-After,
// a bounded number of times; nothing else is; a silent server meets the deadline, and one that
// keeps missing it is no longer waited on; a connection reset mid-body is a clear failure.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeeringClient } from './client.ts';
import { ConformanceFailure } from './failure.ts';
import { Transport } from './transport.ts';

const PEERING = {
  id: randomUUID(),
  name: 'n',
  status: 'ACTIVE',
  request_vpc_info: { vpc_id: randomUUID() },
  accept_vpc_info: { vpc_id: randomUUID() },
};
const TOKEN = 'transport-test-token';

/** The answers to give, in order; the last one repeats. */
let script: ((res: ServerResponse) => void)[] = [];
let requests = 0;
let server: Server;
let baseUrl: string;

const ok = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ peering: PEERING }));
const status =
  (code: number, headers: Record<string, string> = {}) =>
  (res: ServerResponse) =>
    res.writeHead(code, headers).end();

beforeAll(async () => {
  server = createServer((_, res) => {
    const answer = script[Math.min(requests, script.length - 1)]!;
    requests++;
    answer(res);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** A client whose waits before retries are recorded, not waited: no test here reads a clock. Each
 * has a transport of its own, so no test sees another's missed deadlines or traffic. */
function client(deadlineMs = 5_000) {
  const retries: number[] = [];
  const waits: number[] = [];
  const transport = new Transport();
  const c = new PeeringClient(
    baseUrl,
    { token: TOKEN },
    {
      deadlineMs,
      transport,
      onRetry: (code) => retries.push(code),
      wait: async (ms) => {
        waits.push(ms);
      },
    },
  );
  return { c, retries, waits, transport };
}

async function failureOf(call: Promise<unknown>): Promise<ConformanceFailure> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConformanceFailure);
  return error as ConformanceFailure;
}

function serve(...answers: ((res: ServerResponse) => void)[]) {
  script = answers;
  requests = 0;
}

describe('the transport', () => {
  it('retries 503 after the Retry-After it is given, then succeeds', async () => {
    serve(status(503, { 'retry-after': '1' }), status(503, { 'retry-after': '1' }), ok);
    const { c, retries, waits } = client();
    expect((await c.show(PEERING.id)).status).toBe(200);
    expect(retries).toEqual([503, 503]);
    expect(waits).toEqual([1000, 1000]);
  });

  it('counts three attempts sent and one response validated for a show retried twice', async () => {
    serve(status(503), status(503), ok);
    const { c, transport } = client();
    expect((await c.show(PEERING.id)).status).toBe(200);
    expect(transport.traffic.take()).toMatchObject({ sent: 3, validated: 1 });
  });

  it('retries a burst of 429 with exponential backoff, and caps a long Retry-After', async () => {
    serve(status(429), status(429), status(429), status(429, { 'retry-after': '3600' }), ok);
    const { c, retries, waits } = client();
    expect((await c.show(PEERING.id)).status).toBe(200);
    expect(retries).toEqual([429, 429, 429, 429]);
    expect(waits).toEqual([100, 200, 400, 10_000]);
  });

  it('gives up after 5 retries, and the 503 is then judged like any answer', async () => {
    serve(status(503, { 'retry-after': '0' }));
    const { c, retries } = client();
    const failure = await failureOf(c.show(PEERING.id));
    expect(retries).toHaveLength(5);
    expect(requests).toBe(6);
    expect(failure.message).toContain('503 is not among them');
  });

  it('does not retry anything else', async () => {
    serve(status(500), ok);
    const { c, retries } = client();
    await failureOf(c.show(PEERING.id));
    expect(retries).toEqual([]);
    expect(requests).toBe(1);
  });

  it('fails a request that gets no answer within the deadline, naming the operation and the deadline, and stops waiting on it after two', async () => {
    serve(() => {});
    const { c } = client(300);
    for (let miss = 1; miss <= 2; miss++) {
      const failure = await failureOf(c.show(PEERING.id));
      expect(failure.message).toContain('showVpcPeering: no answer within the 0.3 s request deadline');
      expect(failure.message).toMatch(/Sent: +GET \/v2\.0\/vpc\/peerings\//);
    }
    const third = await failureOf(c.show(PEERING.id));
    expect(third.message).toContain('already missed its 0.3 s deadline 2 times in this run');
    expect(requests, 'the third show was not sent').toBe(2);
  });

  it('remembers missed deadlines in its transport: a client sharing it does not send, one with its own does', async () => {
    serve(() => {});
    const { c, transport } = client(300);
    for (let miss = 1; miss <= 2; miss++) await failureOf(c.show(PEERING.id));
    const sharing = new PeeringClient(baseUrl, { token: TOKEN }, { deadlineMs: 300, transport });
    expect((await failureOf(sharing.show(PEERING.id))).message).toContain('already missed its 0.3 s deadline 2 times in this run');
    expect(requests, 'the show on the shared transport was not sent').toBe(2);
    expect((await failureOf(client(300).c.show(PEERING.id))).message).toContain('no answer within the 0.3 s request deadline');
    expect(requests, 'the show on a transport of its own was sent').toBe(3);
  });

  it('fails a connection reset in the middle of the body, without retrying', async () => {
    serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' }).write('{"peering":');
      setImmediate(() => res.socket?.destroy());
    });
    const { c, retries } = client();
    const failure = await failureOf(c.list());
    expect(failure.message).toMatch(/listVpcPeerings: the connection failed/);
    expect(retries).toEqual([]);
    expect(failure.message).not.toContain(TOKEN);
  });
});
