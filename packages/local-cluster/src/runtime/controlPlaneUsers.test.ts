import { createTokens, renderTokenAuthFile } from './controlPlaneUsers.ts';

describe('renderTokenAuthFile', () => {
  it('writes token,user,uid and quotes the groups column', () => {
    const tokens = {
      admin: 'a1',
      reconciler: 'r1',
      lowPrivilege: 'l1',
      noAccess: 'n1',
    };
    expect(renderTokenAuthFile(tokens).split('\n')).toEqual([
      'a1,nodepools-admin,nodepools-admin,"system:masters"',
      'r1,nodepools-reconciler,nodepools-reconciler',
      'l1,nodepools-viewer,nodepools-viewer',
      'n1,nodepools-no-access,nodepools-no-access',
      '',
    ]);
  });

  it('creates distinct random tokens', () => {
    const tokens = Object.values(createTokens());
    expect(new Set(tokens).size).toBe(4);
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{48}$/);
  });
});
