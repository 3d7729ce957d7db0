// Renders generated/vpc-peering.ts from the OpenAPI document (src/document/generate.ts).
import { writeFileSync } from 'node:fs';
import { parseOptions } from '../src/cli/command-line.ts';
import { GENERATED_PATH, renderTypes } from '../src/document/generate.ts';

parseOptions({
  command: 'npm run generate',
  summary:
    'Renders the TypeScript types in generated/vpc-peering.ts from openapi/vpc-peering.yaml. Run it after changing the document: npm test fails while the two disagree.',
  options: {},
});
writeFileSync(GENERATED_PATH, await renderTypes());
console.log(`wrote ${GENERATED_PATH}`);
