// A quote is compared with what a page shows, not with how its reStructuredText spells it: markup,
// table bars, bullets and whitespace read as the words they show, on the page and in the quote
// alike, and each word is traced back to the line of the file it stands on.
import { describe, expect, it } from 'vitest';
import { indexOfWords, readPage, shownWords } from './source-text.ts';

describe('the words a quote shows', () => {
  it.each([
    ['a role shows its text', 'peering | :ref:`peering <vpc_peering_0003__table1026243410414>` object', 'peering peering object'],
    ['a role without text shows its target', 'See :ref:`vpc_api_0002`.', 'See vpc_api_0002.'],
    ['a link shows its text', 'see `API Usage Guidelines <https://docs.otc.t-systems.com/x.html>`__.', 'see API Usage Guidelines.'],
    [
      'literal, bold and emphasis show their words',
      '``limit``, **Accepted** and *yyyy-MM-ddTHH:mm:ss*',
      'limit, Accepted and yyyy-MM-ddTHH:mm:ss',
    ],
    ['asterisks that mark nothing stay', '"request_id": "******"', '"request_id": "******"'],
    ['cell bars and bullets go', '| 404 | VPC.0003 | -  **ACTIVE** |', '404 VPC.0003 ACTIVE'],
    ['typographic quotes read as plain ones', '“fail” and ‘ok’', '"fail" and \'ok\''],
    [
      'whitespace, and spaces inside JSON brackets, go',
      '{ "code":  "VPC.0002",\n  "message": "x" }',
      '{"code": "VPC.0002", "message": "x"}',
    ],
    ['an escaped character is itself', 'a\\_b', 'a_b'],
  ])('%s', (_, text, shown) => {
    expect(shownWords(text)).toBe(shown);
  });
});

describe('a page', () => {
  const page = readPage(
    [
      ':original_name: vpc_peering_0001.html',
      '',
      '.. _vpc_peering_0001:',
      '',
      'Querying VPC Peering Connections',
      '================================',
      '',
      '.. table:: **Table 1** Parameter description',
      '',
      '   +-------+-----------+------------------------------------------------------+',
      '   | Name  | Mandatory | Description                                          |',
      '   +=======+===========+======================================================+',
      '   | limit | No        | Specifies the number of records that will be         |',
      '   |       |           | returned on each page. The value is from 0 to 2000.  |',
      '   +-------+-----------+------------------------------------------------------+',
      '',
      '.. code-block::',
      '',
      '   {',
      '       "code": "VPC.0002"',
      '   }',
    ].join('\n'),
  );

  it('reads as its words: no borders, labels or directive names, a wrapped cell joined', () => {
    expect(page.text).toBe(
      'Querying VPC Peering Connections Table 1 Parameter description Name Mandatory Description ' +
        'limit No Specifies the number of records that will be returned on each page. The value is from 0 to 2000. {"code": "VPC.0002"}',
    );
  });

  it('gives the line of the file that words stand on', () => {
    expect(page.lineAt(page.text.indexOf('Querying'))).toBe(5);
    expect(page.lineAt(page.text.indexOf('The value is from'))).toBe(14);
    expect(page.lineAt(page.text.indexOf('"code"'))).toBe(20);
  });

  it('is cut into sentences, each with its line', () => {
    expect(page.sentences).toContainEqual({ text: 'The value is from 0 to 2000.', line: 14 });
  });

  it('finds words only as whole words', () => {
    expect(indexOfWords('Nonexistent. None', 'None')).toBe(13);
    expect(indexOfWords('VPC.0003 VPC does not exist.', 'VPC does not exist.')).toBe(9);
    expect(indexOfWords('a peerings list', 'peering')).toBe(-1);
  });
});
