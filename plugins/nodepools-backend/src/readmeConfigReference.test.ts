import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfigSchema } from '@backstage/config-loader';

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

/** Every key path of the `nodepools` schema: `clusters[].policy.quorum`; union branches merged. */
function keyPaths(node: JsonSchema, prefix = ''): string[] {
  const branches = [node, ...(node.anyOf ?? [])];
  const paths = branches.flatMap(branch => [
    ...Object.entries(branch.properties ?? {}).flatMap(([key, child]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return [path, ...keyPaths(child, path)];
    }),
    ...(branch.items ? keyPaths(branch.items, `${prefix}[]`) : []),
  ]);
  return [...new Set(paths)];
}

/** The keys in the first column of the README's configuration reference table. */
function documentedKeys(readme: string): string[] {
  const section = readme
    .split('## Configuration reference')[1]
    .split('\n## ')[0];
  return [...section.matchAll(/^\| `([^`]+)` +\|/gm)].map(m => m[1]);
}

const within = (path: string, key: string) =>
  path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[]`);

describe("the README's configuration reference", () => {
  it('documents every key of the config schema, and no key the schema lacks', async () => {
    const schema = await loadConfigSchema({
      dependencies: ['@nodepools/plugin-nodepools-node'],
    });
    const { schemas } = schema.serialize() as unknown as {
      schemas: { value: { properties?: Record<string, JsonSchema> } }[];
    };
    const nodepools = schemas.find(s => s.value.properties?.nodepools)!.value
      .properties!.nodepools;
    const paths = keyPaths(nodepools);
    const documented = documentedKeys(
      readFileSync(resolve(__dirname, '../README.md'), 'utf8'),
    );

    expect(documented.filter(key => !paths.includes(key))).toEqual([]);
    // A key is covered when the table lists it, one of its parents, or one of its children.
    expect(
      paths.filter(
        path => !documented.some(key => within(path, key) || within(key, path)),
      ),
    ).toEqual([]);
    expect(documented.length).toBeGreaterThan(30);
  }, 60_000);
});
