import crypto from 'node:crypto';
import fs from 'node:fs';
import { createTokens, renderTokenAuthFile } from './controlPlaneUsers.ts';
import type { ControlPlaneTokens } from './controlPlaneUsers.ts';
import type { StateFiles } from './stateFiles.ts';

/**
 * Clears what a previous run left in the state dir (etcd data, certificates, logs: every start
 * is a fresh cluster) and writes this run's credentials: a token per user and the service
 * account signing key pair. Returns the tokens.
 */
export function prepareStateDir(files: StateFiles): ControlPlaneTokens {
  for (const dir of [files.etcdDataDir, files.certDir])
    fs.rmSync(dir, { recursive: true, force: true });
  for (const log of [
    files.etcdLog,
    files.apiserverLog,
    files.supervisorLog,
    files.schedulerLog,
    files.controllerManagerLog,
    files.kwokLog,
    files.karpenterLog,
  ])
    fs.rmSync(log, { force: true });
  fs.mkdirSync(files.certDir, { recursive: true, mode: 0o700 });

  const tokens = createTokens();
  fs.writeFileSync(files.tokenFile, renderTokenAuthFile(tokens), {
    mode: 0o600,
  });
  const keys = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  fs.writeFileSync(files.serviceAccountPublicKey, keys.publicKey, {
    mode: 0o600,
  });
  fs.writeFileSync(files.serviceAccountPrivateKey, keys.privateKey, {
    mode: 0o600,
  });
  return tokens;
}
