import { describe, expect, it } from 'vitest';
import { loadDocument } from './document.ts';
import { collectExamples, invalidExamples } from './examples.ts';

const document = loadDocument();

describe('the examples of the OpenAPI document', () => {
  it('are all collected: none escapes the check', () => {
    const everyExampleInTheTree = (node: unknown): number =>
      typeof node !== 'object' || node === null
        ? 0
        : Object.entries(node).reduce(
            (n, [key, child]) => n + (key === 'examples' ? Object.keys(child as object).length : everyExampleInTheTree(child)),
            0,
          );
    expect(collectExamples(document)).toHaveLength(everyExampleInTheTree(document));
  });

  it('each validate against the schema they illustrate', () => {
    expect(invalidExamples(document)).toEqual([]);
  });

  it('are checked for real: a copy with one broken example is caught, naming it', () => {
    const broken = structuredClone(document);
    const created = broken.paths['/v2.0/vpc/peerings'].post.responses['201'].content['application/json'];
    created.examples.sameProject.value.peering.status = 'active';
    broken.components.responses.Unauthorized.content['application/json'].examples.missingToken.value = { message: 'no' };

    expect(invalidExamples(broken)).toEqual([
      expect.stringMatching(
        /responses\/201\/content\/application~1json\/examples\/sameProject: \/peering\/status must be equal to one of the allowed values/,
      ),
      expect.stringMatching(/Unauthorized\/content\/application~1json\/examples\/missingToken: .*required property 'error_msg'/),
    ]);
  });
});
