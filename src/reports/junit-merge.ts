// The runs' junit.xml made into one JUnit document for CI: every run's test suites under one
// <testsuites>, whose counts are the sums of theirs. Each suite is kept as vitest wrote it; runs
// against named targets have the target before each suite's and test case's name, as the same
// file run against two regions is two suites to a CI's test view.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { MergeError } from './merge.ts';

export interface JunitDocument {
  /** The report directory it came from, to name in a sentence about it. */
  dir: string;
  xml: string;
  /** The target the user named for the run, if any. */
  target?: string;
}

/** An element as the parser gives it in document order: its name's key holds its children, `:@` its attributes. */
interface XmlNode {
  [name: string]: XmlNode[] | Record<string, string> | undefined;
  ':@'?: Record<string, string>;
}

const childrenOf = (node: XmlNode, name: string) => node[name] as XmlNode[];

const OPTIONS = { preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false } as const;
const COUNTS = ['tests', 'failures', 'errors', 'skipped'] as const;

export function mergeJunit(documents: JunitDocument[]): string {
  const roots = documents.map(rootOf);
  const suites = roots.flatMap((root, i) => childrenOf(root, 'testsuites').filter((n) => 'testsuite' in n).map((s) => named(s, documents[i]!.target)));
  const sum = (name: string) => roots.reduce((total, root) => total + Number(root[':@']?.[name] ?? 0), 0);
  const attributes: Record<string, string> = { name: roots[0]?.[':@']?.name ?? 'vitest tests' };
  for (const count of COUNTS) if (roots.some((root) => root[':@']?.[count] !== undefined)) attributes[count] = String(sum(count));
  attributes.time = String(sum('time'));
  const builder = new XMLBuilder({ ...OPTIONS, format: true, indentBy: '    ', suppressEmptyNode: true });
  return `<?xml version="1.0" encoding="UTF-8" ?>\n${(builder.build([{ testsuites: suites, ':@': attributes }]) as string).trimStart()}`;
}

function rootOf({ dir, xml }: JunitDocument): XmlNode {
  const root = (new XMLParser(OPTIONS).parse(xml) as XmlNode[]).find((n) => 'testsuites' in n);
  if (!root) throw new MergeError(`${dir}/junit.xml is not a JUnit report: it has no <testsuites>.`);
  return root;
}

/** A suite with its target before its name and its test cases' class names. */
function named(suite: XmlNode, target: string | undefined): XmlNode {
  if (target === undefined) return suite;
  const prefix = (node: XmlNode, attribute: string): XmlNode => ({
    ...node,
    ':@': { ...node[':@'], [attribute]: `${target}: ${node[':@']?.[attribute] ?? ''}` },
  });
  return { ...prefix(suite, 'name'), testsuite: childrenOf(suite, 'testsuite').map((n) => ('testcase' in n ? prefix(n, 'classname') : n)) };
}
