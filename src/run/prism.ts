// Prism, started in-process from the project's own document: a stateless mock, or a validating
// proxy in front of another server. In-process because a spawned `prism` is orphaned when vitest
// is killed, and starts 50 times slower.
import { fileURLToPath } from 'node:url';
import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec, type IHttpConfig } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { DOCUMENT_PATH } from '../document/document.ts';

export interface RunningPrism {
  url: string;
  close(): Promise<void>;
}

/**
 * `errors: true` makes an example that breaks its own schema fail loudly (500), and in proxy mode
 * turns a real server's violating response into a 500 problem+json the client cannot miss.
 */
export async function startPrism(options: { upstream?: URL } = {}): Promise<RunningPrism> {
  const operations = await getHttpOperationsFromSpec(fileURLToPath(DOCUMENT_PATH));
  const shared = {
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: true,
    upstreamProxy: undefined,
    mock: { dynamic: false },
  };
  // As a proxy it judges only responses: the suite's refusal tests send invalid requests on
  // purpose, and they must reach the server, as must its credentials.
  const config: IHttpConfig = options.upstream
    ? { ...shared, isProxy: true, upstream: options.upstream, validateRequest: false, checkSecurity: false }
    : { ...shared, isProxy: false };
  const server = createServer(operations, {
    components: { logger: createLogger('prism', { level: 'silent' }) },
    config,
    cors: false,
  });
  const address = await server.listen(0, '127.0.0.1');
  return { url: address.replace(/\/$/, ''), close: () => server.close() };
}
