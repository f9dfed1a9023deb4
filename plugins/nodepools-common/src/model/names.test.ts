import fc from 'fast-check';
import {
  isDnsLabel,
  maxPoolNameLength,
  nodePoolName,
  poolNameProblem,
  teamSlugOf,
  teamSlugProblem,
} from './names';

// Few parts, each a prefix or suffix of another around a '-', so that a naming rule which merely
// joins them with '-' collides many times in a run (it did: team a + pool b-a vs team a-b + pool a).
const part = fc.constantFrom('a', 'b', 'a-b', 'b-a', 'a-b-a');
const namespace = fc.oneof(fc.constant('default'), part);
const pool = fc.record({ namespace, name: part, pool: part });

describe('NodePool naming', () => {
  it('gives two different (group, pool) pairs two different NodePool names', () => {
    fc.assert(
      fc.property(pool, pool, (x, y) => {
        const same =
          x.namespace === y.namespace && x.name === y.name && x.pool === y.pool;
        const nameOf = (p: typeof x) => nodePoolName(teamSlugOf(p), p.pool);
        expect(nameOf(x) === nameOf(y)).toBe(same);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the examples the naming issue named apart', () => {
    const name = (ns: string, group: string, p: string) =>
      nodePoolName(teamSlugOf({ namespace: ns, name: group }), p);
    expect(name('default', 'a', 'b-c')).not.toBe(name('default', 'a-b', 'c'));
    expect(teamSlugOf({ namespace: 'emea', name: 'payments' })).not.toBe(
      teamSlugOf({ namespace: 'default', name: 'emea-payments' }),
    );
    expect(name('emea', 'payments', 'gpu')).toBe('emea.payments.gpu');
  });

  it('yields label values Kubernetes accepts for every team it admits, with the longest pool name allowed', () => {
    const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
    const label = fc
      .stringMatching(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/)
      .filter(isDnsLabel);
    fc.assert(
      fc.property(
        fc.oneof(fc.constant('default'), label),
        label,
        (ns, group) => {
          const team = { namespace: ns, name: group };
          fc.pre(teamSlugProblem(team) === undefined);
          const slug = teamSlugOf(team);
          expect(slug).toMatch(labelValue);
          const max = maxPoolNameLength(slug);
          if (max < 1) return;
          const name = nodePoolName(slug, 'a'.repeat(max));
          expect(name.length).toBeLessThanOrEqual(63);
          expect(name).toMatch(labelValue);
        },
      ),
    );
  });

  it('names the part of a group that cannot be used in a cluster', () => {
    expect(teamSlugProblem({ namespace: 'default', name: 'Payments' })).toMatch(
      /group name "Payments"/,
    );
    expect(teamSlugProblem({ namespace: 'a.b', name: 'c' })).toMatch(
      /group namespace "a.b"/,
    );
    expect(
      teamSlugProblem({ namespace: 'x'.repeat(40), name: 'y'.repeat(40) }),
    ).toMatch(/longer than the 63/);
  });
});

describe('poolNameProblem', () => {
  it('says in words what a pool name may hold, never as a pattern', () => {
    expect(poolNameProblem('gpu-batch', 'payments')).toBeUndefined();
    expect(poolNameProblem('')).toBe('Enter a name for the pool');
    expect(poolNameProblem('GPU')).toBe(
      'Use lower-case letters only: Kubernetes names have no capitals',
    );
    expect(poolNameProblem('gpu_batch.v2')).toBe(
      `Use only lower-case letters, digits and '-': "_", "." are not allowed`,
    );
    expect(poolNameProblem('gpu batch')).toBe(
      "Use only lower-case letters, digits and '-': spaces are not allowed",
    );
    expect(poolNameProblem('-gpu')).toBe(
      "Start and end the name with a letter or a digit, not '-'",
    );
    const team = 'a'.repeat(50);
    expect(poolNameProblem('b'.repeat(12), team)).toBeUndefined();
    expect(poolNameProblem('b'.repeat(13), team)).toBe(
      `Use at most 12 characters, so that the NodePool name ${team}.… fits in 63`,
    );
  });

  it('accepts exactly the names the request schema accepts for the team', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[-a-zA-Z0-9_. ]{0,70}$/),
        fc.constantFrom('payments', 'a'.repeat(40)),
        (name, team) => {
          expect(poolNameProblem(name, team) === undefined).toBe(
            isDnsLabel(name) && name.length <= maxPoolNameLength(team),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});
