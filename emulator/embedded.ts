// The emulator as a conformance run's target, started in the run's own process: `npm run
// conformance` with no --target, or with --emulator-* options. The entry points hand this to the
// run, so that the engine in src/ never imports the emulator: to the engine it is a target like
// any other, a URL and tenants, with a control route for its clock. The server and the variants are
// loaded only when asked for, so a run against a real endpoint does not pay for them.
import { randomBytes } from 'node:crypto';

/** How the embedded emulator is started: which variant, how late, how consistent, how paged. */
export interface EmbeddedOptions {
  variant?: string;
  latencyMs?: number;
  eventual?: boolean;
  pageSize?: number;
}

/** Starts it; a variant that does not exist is refused in one sentence naming the choices. */
export async function startEmbeddedEmulator(options: EmbeddedOptions) {
  const [{ startEmulator }, { EVENTUAL }, variant] = await Promise.all([
    import('./server.ts'),
    import('./peerings.ts'),
    options.variant ? variantNamed(options.variant) : undefined,
  ]);
  const controlToken = randomBytes(16).toString('hex');
  const emulator = await startEmulator({
    controlToken,
    ...(variant && { variant }),
    ...(options.latencyMs && { latencyMs: options.latencyMs }),
    ...(options.eventual && { consistency: EVENTUAL }),
    ...(options.pageSize && { pageSize: options.pageSize }),
  });
  const latency = options.latencyMs ? `, answering after ${options.latencyMs} ms` : '';
  const eventual = options.eventual
    ? `, eventually consistent (deletes complete ${EVENTUAL.deleteDelayMs} ms after their 204, lists lag ${EVENTUAL.listLagMs} ms)`
    : '';
  const paged = options.pageSize ? `, paging lists at ${options.pageSize}` : '';
  const description =
    (variant
      ? `the embedded emulator's ${variant.name} variant (${variant.breaks ? `breaks ${variant.breaks}: ` : ''}${variant.summary})`
      : 'the embedded reference emulator') +
    latency +
    eventual +
    paged;
  return {
    target: {
      kind: 'emulator' as const,
      baseUrl: emulator.url,
      serverUrl: emulator.url,
      description,
      capabilities: ['state' as const, 'clock' as const],
      tenants: Object.values(emulator.tenants).map(({ role, projectId, token, vpcIds, ak, sk }) => ({
        role,
        projectId,
        token,
        vpcIds,
        ...(ak && sk && { ak, sk }),
      })),
      control: { url: emulator.url, token: controlToken },
    },
    close: () => emulator.close(),
  };
}

async function variantNamed(name: string) {
  const { VARIANTS, VARIANT_CHOICES } = await import('./variants.ts');
  const found = VARIANTS.find((v) => v.name === name);
  if (!found) throw new Error(`There is no emulator variant "${name}": choose ${VARIANT_CHOICES}.`);
  return found;
}
