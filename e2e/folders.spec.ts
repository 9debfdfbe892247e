/**
 * Folders and SVG on the Classify view (issue 7, items 3 and 4): a dropped or picked folder is
 * walked to the bottom, its images get cards named by their path below the folder (equal names
 * stay apart), everything else is counted in one line; an SVG drawn at test time is rasterised
 * and classified, a broken one gets an error card that says so.
 */
import { mkdtempSync, mkdirSync, copyFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, test, type Page } from './fixtures';
import { fileChoosers, PHOTOS, photoFile, requireShared, settledResults } from './support';

const MODEL = '?model=mobilenet_v1_025_224_graph&backend=wasm';

async function openClassify(page: Page): Promise<void> {
  await page.goto(`./${MODEL}`);
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-status', 'ready');
}

/** A folder tree for the fake drop: path → file bytes (as numbers, to cross into the page) and type. */
type TreeFile = { path: string; bytes: number[]; type: string };

/**
 * Dispatches a drop whose DataTransfer hands out folder entries. A synthetic DataTransfer cannot
 * carry directories, so the entries are look-alikes of FileSystemDirectoryEntry built in the page,
 * read back in batches of two like the real readEntries (which then ends with an empty batch).
 */
async function dropFolders(page: Page, folders: TreeFile[], loose: TreeFile[]): Promise<void> {
  await page.evaluate(
    ({ folders, loose }) => {
      type Node = { name: string; children: Map<string, Node>; file: File | null };
      const root: Node = { name: '', children: new Map(), file: null };
      for (const f of folders) {
        const parts = f.path.split('/');
        let node = root;
        for (const part of parts.slice(0, -1)) {
          if (!node.children.has(part)) node.children.set(part, { name: part, children: new Map(), file: null });
          node = node.children.get(part) as Node;
        }
        const name = parts[parts.length - 1] ?? '';
        node.children.set(name, { name, children: new Map(), file: new File([new Uint8Array(f.bytes)], name, { type: f.type }) });
      }
      const entry = (node: Node): object =>
        node.file
          ? { isFile: true, isDirectory: false, name: node.name, file: (ok: (f: File) => void) => setTimeout(() => ok(node.file as File), 0) }
          : {
              isFile: false,
              isDirectory: true,
              name: node.name,
              createReader: () => {
                const children = [...node.children.values()].map(entry);
                let offset = 0;
                return {
                  readEntries: (ok: (e: object[]) => void) => {
                    const batch = children.slice(offset, offset + 2);
                    offset += batch.length;
                    setTimeout(() => ok(batch), 0);
                  },
                };
              },
            };
      const items = [
        ...[...root.children.values()].map((node) => ({ kind: 'file', getAsFile: () => null, webkitGetAsEntry: () => entry(node) })),
        ...loose.map((f) => {
          const file = new File([new Uint8Array(f.bytes)], f.path, { type: f.type });
          return { kind: 'file', getAsFile: () => file, webkitGetAsEntry: () => ({ isFile: true, isDirectory: false, name: f.path }) };
        }),
      ];
      const drop = new DragEvent('drop', { bubbles: true, cancelable: true });
      Object.defineProperty(drop, 'dataTransfer', { value: { items, files: [] } });
      document.querySelector('[data-testid=drop-zone]')?.dispatchEvent(drop);
    },
    { folders, loose },
  );
}

const treeFile = (path: string, source: { buffer: Buffer; mimeType: string }): TreeFile => ({ path, bytes: [...source.buffer], type: source.mimeType });
const textFile = (path: string, text: string, type = 'text/plain'): TreeFile => ({ path, bytes: [...Buffer.from(text)], type });

test('a dropped folder tree: every image inside gets a card named by its path, non-images one line, loose files a card each', async ({ page }) => {
  requireShared('mobilenet_v1_025_224_graph');
  await openClassify(page);
  const chelsea = photoFile('chelsea.png');
  const parrot = photoFile('parrot.jpg');
  await dropFolders(
    page,
    [
      treeFile('trip/chelsea.png', chelsea),
      treeFile('trip/day2/chelsea.png', chelsea), // same name, other folder: its own card
      treeFile('trip/day2/deep/er/parrot.jpg', parrot),
      textFile('trip/notes.txt', 'not an image'),
      textFile('trip/day2/.DS_Store', 'junk', ''),
      textFile('trip/day2/deep/table.csv', 'a,b', 'text/csv'),
      treeFile('other/parrot.jpg', parrot), // a second dropped folder
    ],
    [textFile('loose.txt', 'dropped on its own: it gets a card')],
  );
  const results = await settledResults(page, 5);
  expect([...results.keys()].sort()).toEqual(['loose.txt', 'other/parrot.jpg', 'trip/chelsea.png', 'trip/day2/chelsea.png', 'trip/day2/deep/er/parrot.jpg']);
  for (const path of ['trip/chelsea.png', 'trip/day2/chelsea.png', 'trip/day2/deep/er/parrot.jpg', 'other/parrot.jpg'])
    expect(results.get(path)?.status, path).toBe('ok');
  expect(results.get('loose.txt')?.status).toBe('error');
  await expect(page.getByTestId('skipped-line')).toHaveText('3 files skipped: not images');
  await expect(page.getByTestId('skipped-line')).toHaveAttribute('title', /trip\/notes\.txt/);
  // The card shows the folders and the file name apart; the two chelsea.png cards differ by folder.
  await expect(page.locator('[data-file="trip/day2/chelsea.png"] .card-folders')).toHaveText('trip/day2/');
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-done', '5');
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-total', '5');
  await expect(page.getByTestId('run-summary')).toHaveAttribute('data-failed', '1');
  await page.screenshot({ path: test.info().outputPath('folder-drop.png'), fullPage: true });
});

test('"Choose a folder" (webkitdirectory) classifies a real nested folder with relative paths', async ({ page }) => {
  requireShared('mobilenet_v1_025_224_graph');
  const root = mkdtempSync(join(tmpdir(), 'lumen-folder-'));
  try {
    const album = join(root, 'album');
    mkdirSync(join(album, '2023', 'summer'), { recursive: true });
    mkdirSync(join(album, '2024'), { recursive: true });
    copyFileSync(join(PHOTOS, 'coffee.png'), join(album, 'coffee.png'));
    copyFileSync(join(PHOTOS, 'coffee.png'), join(album, '2024', 'coffee.png'));
    copyFileSync(join(PHOTOS, 'owl.jpg'), join(album, '2023', 'summer', 'owl.jpg'));
    writeFileSync(join(album, '2023', 'readme.md'), '# not an image');
    writeFileSync(join(album, '2024', 'clip.mp4'), 'not really a video');
    await openClassify(page);
    await page.getByTestId('drop-folder-input').setInputFiles(album);
    const results = await settledResults(page, 3);
    const name = basename(album);
    expect([...results.keys()].sort()).toEqual([`${name}/2023/summer/owl.jpg`, `${name}/2024/coffee.png`, `${name}/coffee.png`]);
    for (const r of results.values()) expect(r.status).toBe('ok');
    await expect(page.getByTestId('skipped-line')).toHaveText('2 files skipped: not images');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the pickers work from the keyboard', async ({ page }) => {
  requireShared('mobilenet_v1_025_224_graph');
  const choosers = fileChoosers(page); // before the page opens: see fileChoosers
  await openClassify(page);
  await page.getByTestId('choose-files').focus();
  await page.keyboard.press('Enter');
  const files = await choosers.nth(0);
  expect(files.isMultiple()).toBe(true);
  await files.setFiles(`${PHOTOS}/owl.jpg`);
  expect((await settledResults(page, 1)).get('owl.jpg')?.status).toBe('ok');
  await page.keyboard.press('Tab'); // on to "Choose a folder"
  await expect(page.getByTestId('choose-folder')).toBeFocused();
  await page.keyboard.press('Space');
  expect(await (await choosers.nth(1)).element().getAttribute('data-testid')).toBe('drop-folder-input');
});

/** A red disc on a blue square: a drawing, sized by the test. */
const drawing = (size: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" ${size}><rect width="100%" height="100%" fill="#2050c0"/><circle cx="50%" cy="50%" r="30%" fill="#d02020"/></svg>`;

test('SVG is rasterised at its own aspect ratio and classified; a broken SVG gets an error card', async ({ page }) => {
  requireShared('mobilenet_v1_025_224_graph');
  await openClassify(page);
  const svg = (name: string, text: string, mimeType = 'image/svg+xml') => ({ name, mimeType, buffer: Buffer.from(text) });
  await page.getByTestId('drop-input').setInputFiles([
    svg('wide.svg', drawing('width="100" height="50"')),
    svg('viewbox-only.svg', drawing('viewBox="0 0 300 600"')),
    svg('no-size.svg', drawing('')),
    // No extension, no SVG type: found from its first bytes.
    svg('drawing', `<?xml version="1.0" encoding="UTF-8"?>\n<!-- by hand -->\n${drawing('width="2000" height="1000"')}`, 'application/octet-stream'),
    svg('broken.svg', '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"></svg'),
    svg('not-svg.svg', '<html><body>hello</body></html>'),
  ]);
  const results = await settledResults(page, 6);
  // The card shows the decoded size: the raster the page drew (longest side 512–1024, own aspect).
  expect(results.get('wide.svg')?.status).toBe('ok');
  expect(results.get('wide.svg')?.text).toContain('512×256');
  expect(results.get('viewbox-only.svg')?.text).toContain('300×600');
  expect(results.get('no-size.svg')?.text).toContain('512×512');
  expect(results.get('drawing')?.status).toBe('ok');
  expect(results.get('drawing')?.text).toContain('1024×512');
  expect(results.get('broken.svg')?.status).toBe('error');
  expect(results.get('broken.svg')?.text).toMatch(/"broken\.svg" could not be read as an SVG image: .*not well-formed/);
  expect(results.get('not-svg.svg')?.status).toBe('error');
  expect(results.get('not-svg.svg')?.text).toMatch(/"not-svg\.svg" could not be read as an SVG image: it does not start with an <svg> element/);
});
