// Renders generated/ from the OpenAPI document and the requirement catalogue (src/document/generate.ts).
import { writeFileSync } from 'node:fs';
import { parseOptions } from '../src/cli/command-line.ts';
import { renderGenerated } from '../src/document/generate.ts';

parseOptions({
  command: 'npm run generate',
  summary:
    'Renders generated/vpc-peering.ts (the TypeScript types) from openapi/vpc-peering.yaml, and generated/requirement-ids.ts (the requirement and silence IDs a test may name) from openapi/requirements.yaml. Run it after changing either: npm test fails while they disagree.',
  options: {},
});
for (const { path, text } of await renderGenerated()) {
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
