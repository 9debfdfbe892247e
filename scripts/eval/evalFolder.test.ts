import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readDataFolder } from './evalFolder';

describe('readDataFolder', () => {
  let dir = '';
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('counts a link to a file as the file (a subset made of links), and walks no linked folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lumen-folder-'));
    const data = join(dir, 'subset');
    await mkdir(join(data, 'n01440764'), { recursive: true });
    await mkdir(join(dir, 'elsewhere'));
    await writeFile(join(dir, 'elsewhere', 'tench.jpg'), 'jpeg bytes');
    await writeFile(join(data, 'n01440764', 'own.jpg'), 'jpeg bytes');
    await symlink(join(dir, 'elsewhere', 'tench.jpg'), join(data, 'n01440764', 'linked.jpg'));
    await symlink(join(dir, 'elsewhere'), join(data, 'folder-link'));
    await symlink(join(dir, 'missing.jpg'), join(data, 'n01440764', 'dangling.jpg'));
    const folder = await readDataFolder(data, null);
    expect([...folder.files.keys()].sort()).toEqual(['subset/n01440764/linked.jpg', 'subset/n01440764/own.jpg']);
  });
});
