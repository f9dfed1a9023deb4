import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import express from 'express';
import { mockServices } from '@backstage/backend-test-utils';
import { createRouter } from './createRouter';

/** Every route the router serves, as "METHOD /path/{param}". */
function servedRoutes(router: express.Router): string[] {
  const out: string[] = [];
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          out.push(
            `${method.toUpperCase()} ${layer.route.path.replace(
              /:(\w+)/g,
              '{$1}',
            )}`,
          );
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((router as any).stack);
  return out.sort();
}

describe('openapi.yaml', () => {
  it('documents exactly the routes the router serves', async () => {
    const doc = parse(
      readFileSync(resolve(__dirname, '../../openapi.yaml'), 'utf8'),
    );
    const documented = Object.entries(doc.paths as Record<string, object>)
      .flatMap(([path, ops]) =>
        Object.keys(ops).map(method => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    const router = await createRouter({
      config: { platformOwner: 'group:default/platform', clusters: [] },
      db: async () => ({} as any),
      reconciler: { health: () => [] },
      store: {} as any,
      workflow: {} as any,
      authorizer: {} as any,
      httpAuth: mockServices.httpAuth.mock(),
      userInfo: mockServices.userInfo.mock(),
      auditor: mockServices.auditor.mock(),
    });
    expect(servedRoutes(router)).toEqual(documented);
  });
});
