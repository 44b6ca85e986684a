#!/usr/bin/env node
// What `pnpm test` needs besides Node and pnpm: Chromium (the browser tests), redis-server (the
// session-redis suites) and python3-zeep (the sandbox's zeep client suite). Missing ones are
// installed from Debian when this user may run apt-get (root, or sudo without a password);
// otherwise one line names the command to run. Exit code 0 when everything is there afterwards.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const ok = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const onPath = (name) => ok('sh', ['-c', `command -v ${name}`]);
const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const CHECKS = [
  {
    pkg: 'chromium',
    present: () => (process.env.CHROMIUM_PATH ? executable(process.env.CHROMIUM_PATH) : onPath('chromium')),
  },
  {
    pkg: 'redis-server',
    present: () =>
      process.env.REDIS_SERVER_PATH ? executable(process.env.REDIS_SERVER_PATH) : onPath('redis-server'),
  },
  {
    // Debian's package belongs to /usr/bin/python3, which may not be the first python3 on PATH.
    pkg: 'python3-zeep',
    present: () => ok('python3', ['-c', 'import zeep']) || ok('/usr/bin/python3', ['-c', 'import zeep']),
  },
];

const missing = () => CHECKS.filter((check) => !check.present()).map((check) => check.pkg);

const needed = missing();
if (needed.length === 0) process.exit(0);

const command = `apt-get install -y ${needed.join(' ')}`;
const asRoot = process.getuid?.() === 0 ? [] : ok('sudo', ['-n', 'true']) ? ['sudo', '-n'] : undefined;
if (!onPath('apt-get') || asRoot === undefined) {
  console.error(
    `pnpm test needs ${needed.join(', ')}: install them (Debian/Ubuntu: sudo ${command}) and run it again`,
  );
  process.exit(1);
}

console.log(`installing ${needed.join(', ')} from Debian (${command})`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const apt = (args) =>
  asRoot.length > 0
    ? spawnSync('sudo', ['-n', 'apt-get', ...args], { stdio: 'inherit', env })
    : spawnSync('apt-get', args, { stdio: 'inherit', env });
apt(['update', '-qq']);
apt(['install', '-y', '-qq', ...needed]);
const still = missing();
if (still.length > 0) {
  console.error(`pnpm test needs ${still.join(', ')}: apt-get did not install them; run sudo ${command}`);
  process.exit(1);
}
