import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import {
  isDnsLabel,
  maxPoolNameLength,
  teamSlugOf,
  teamSlugProblem,
} from './names';
import { poolSpecSchema } from './PoolSpec';
import { isLifetime } from '../lifetime/lifetime';

/** The three things a team can ask for. */
export const REQUEST_KINDS = ['create', 'update', 'decommission'] as const;
/** A request's kind. */
export type RequestKind = (typeof REQUEST_KINDS)[number];

function parseGroupRef(
  text: string,
): { namespace: string; name: string } | undefined {
  try {
    const ref = parseEntityRef(text, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    return ref.kind.toLocaleLowerCase('en-US') === 'group' ? ref : undefined;
  } catch {
    return undefined;
  }
}

/** The team's name as it appears in the cluster, from its group reference ({@link teamSlugOf}). */
export function teamSlug(ownerRef: string): string {
  const ref = parseGroupRef(ownerRef);
  if (!ref) throw new Error(`"${ownerRef}" is not a group reference`);
  return teamSlugOf(ref);
}

/** A catalog Group reference, normalised to `group:<namespace>/<name>`. */
export const ownerRefSchema = z.string().transform((text, ctx) => {
  const ref = parseGroupRef(text);
  if (!ref) {
    ctx.addIssue({
      code: 'custom',
      message:
        'must be a catalog Group reference such as "group:default/team-a"',
    });
    return z.NEVER;
  }
  const problem = teamSlugProblem(ref);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return stringifyEntityRef({
    kind: 'group',
    namespace: ref.namespace,
    name: ref.name,
  });
});

const clusterName = z
  .string()
  .refine(isDnsLabel, 'must be the name of a configured cluster (a DNS label)');
const poolName = z
  .string()
  .refine(
    isDnsLabel,
    "must be lower-case letters, digits and '-', start and end alphanumeric",
  );
const justification = z
  .string()
  .trim()
  .min(10, 'explain in at least 10 characters why the team needs this')
  .max(2000, 'at most 2000 characters');

/** How long the grant lasts from its approval; see `grantedLifetime` for the cluster's default. */
export const lifetimeSchema = z
  .string()
  .refine(
    isLifetime,
    'must be a number of days, hours or minutes, such as "30d"',
  );

const target = {
  owner: ownerRefSchema,
  cluster: clusterName,
  pool: poolName,
  justification,
};

/** A request to create, change or remove a pool, as a team files it. */
export const poolRequestSchema = z
  .discriminatedUnion('kind', [
    z
      .object({
        kind: z.literal('create'),
        ...target,
        spec: poolSpecSchema,
        lifetime: lifetimeSchema.optional(),
      })
      .strict(),
    // An update with only a new lifetime (and the pool's spec) is an Extend.
    z
      .object({
        kind: z.literal('update'),
        ...target,
        spec: poolSpecSchema,
        lifetime: lifetimeSchema.optional(),
      })
      .strict(),
    z.object({ kind: z.literal('decommission'), ...target }).strict(),
  ])
  .superRefine((request, ctx) => {
    const team = teamSlug(request.owner);
    const max = maxPoolNameLength(team);
    if (request.pool.length > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['pool'],
        message: `must be at most ${max} characters: the NodePool is named "${team}.<pool>", which must fit in 63`,
      });
    }
  });

/** A validated pool request. */
export type PoolRequest = z.output<typeof poolRequestSchema>;
/** A validated request that carries a spec (create or update). */
export type PoolSpecRequest = Extract<
  PoolRequest,
  { kind: 'create' | 'update' }
>;
