// A reply as the client hands one over, made up for the self-tests of what judges replies: a status,
// a body, and an exchange a failure can render.
import type { Reply } from './client.ts';

export function fakeReply<T>(operationId: string, status: number, data?: T): Reply<T> {
  return {
    status,
    ...(data !== undefined && { data }),
    exchange: {
      operationId,
      method: 'GET',
      url: 'http://127.0.0.1/v2.0/vpc/peerings',
      headers: {},
      status,
      contentType: 'application/json',
      responseText: JSON.stringify(data ?? ''),
    },
  };
}
