import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A checkout of another revision of this repository to run the services from (a "before" to measure against
 * the working tree in the same run). It shares this checkout's installed packages, except the workspace's own
 * (@oms/*), which point into it: each revision runs its own code on the same dependencies.
 */
export function revisionCheckout(root: string, revision: string): string {
  const sha = execFileSync('git', ['rev-parse', '--verify', `${revision}^{commit}`], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  // Outside the repository, so that no tool of this checkout (lint, tests, Nx) walks into it.
  const dir = path.join(os.tmpdir(), 'oms-bench-revisions', sha.slice(0, 12));
  if (!existsSync(path.join(dir, '.git'))) {
    execFileSync('git', ['worktree', 'prune'], { cwd: root });
    execFileSync('git', ['worktree', 'add', '--detach', '--force', dir, sha], { cwd: root, stdio: 'ignore' });
  }
  const modules = path.join(dir, 'node_modules');
  if (!existsSync(modules)) {
    mkdirSync(modules);
    const shared = path.join(root, 'node_modules');
    for (const entry of readdirSync(shared)) {
      if (entry === '@oms') continue;
      symlinkSync(path.join(shared, entry), path.join(modules, entry));
    }
    // The workspace's packages are relative links (../../libs/x): made again here, they resolve into this checkout.
    mkdirSync(path.join(modules, '@oms'));
    for (const entry of readdirSync(path.join(shared, '@oms'))) {
      symlinkSync(readlinkSync(path.join(shared, '@oms', entry)), path.join(modules, '@oms', entry));
    }
  }
  return dir;
}
