import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import {
  poolRequestSchema,
  validateWith,
} from '@nodepools/plugin-nodepools-common';
import { sampleFormAnswers } from '@nodepools/plugin-nodepools-common/testUtils';

const templatesDir = resolve(__dirname, '../templates');
const templates = readdirSync(templatesDir)
  .filter(f => f.endsWith('.yaml'))
  .map(file => ({
    file,
    entity: parse(readFileSync(join(templatesDir, file), 'utf8')),
  }));

/** What a team member would fill in. */
const answers: Record<string, unknown> = sampleFormAnswers;

/** Renders `${{ parameters.x }}` placeholders that stand for a whole value, as the scaffolder does. */
function render(value: unknown): unknown {
  if (typeof value === 'string') {
    const match = /^\$\{\{\s*parameters\.([\w.]+)\s*\}\}$/.exec(value);
    return match
      ? match[1].split('.').reduce<any>((v, key) => v?.[key], answers)
      : value;
  }
  if (Array.isArray(value)) return value.map(render);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, render(v)]),
    );
  return value;
}

describe('the shipped templates (templates/)', () => {
  it('has the three templates', () => {
    expect(templates.map(t => t.entity.metadata.name).sort()).toEqual([
      'change-node-pool',
      'decommission-node-pool',
      'request-node-pool',
    ]);
  });

  it.each(templates)(
    '$file passes the scaffolder template schema',
    async ({ entity }) => {
      expect(await templateEntityV1beta3Validator.check(entity)).toBe(true);
    },
  );

  it.each(templates)('$file files a request the core accepts', ({ entity }) => {
    const steps = entity.spec.steps.filter(
      (s: { action: string }) => s.action === 'nodepools:request',
    );
    expect(steps).toHaveLength(1);
    const input = render(steps[0].input);
    expect(validateWith(poolRequestSchema, input)).toMatchObject({ ok: true });
  });

  it.each(templates)(
    '$file asks for every parameter it uses, each with a description or title',
    ({ entity }) => {
      const asked = new Set(
        entity.spec.parameters.flatMap((page: { properties: object }) =>
          Object.keys(page.properties),
        ),
      );
      const used = [
        ...JSON.stringify(entity.spec.steps).matchAll(/parameters\.(\w+)/g),
      ].map(m => m[1]);
      for (const name of used) expect(asked).toContain(name);
    },
  );

  it.each(templates)('$file explains every field in a line', ({ entity }) => {
    for (const page of entity.spec.parameters)
      for (const [name, property] of Object.entries<{ description?: string }>(
        page.properties,
      ))
        expect({ name, description: property.description?.trim() }).toEqual({
          name,
          description: expect.stringMatching(/^[^\n]{10,}$/),
        });
  });

  // The fields that dry-run the request must dry-run the one the step files: a change checked
  // as a create is refused for a pool that exists.
  it.each(templates)(
    "$file tells the fields that dry-run the request the step's kind",
    ({ entity }) => {
      const step = entity.spec.steps.find(
        (s: { action: string }) => s.action === 'nodepools:request',
      );
      const dryRunning: Array<Record<string, any>> =
        entity.spec.parameters.flatMap(
          (page: { properties: Record<string, Record<string, any>> }) =>
            Object.values(page.properties).filter(p =>
              [
                'NodePoolAdvanced',
                'NodePoolLimits',
                'NodePoolNodeClassPicker',
                'NodePoolRequestCheck',
                'NodePoolSpecList',
              ].includes(p['ui:field']),
            ),
        );
      expect(dryRunning.map(p => p['ui:field'])).toContain(
        'NodePoolRequestCheck',
      );
      for (const field of dryRunning)
        expect(field['ui:options']?.requestKind ?? 'create').toBe(
          step.input.kind,
        );
    },
  );
});
