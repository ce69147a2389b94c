// The desktop app itself: the built main process, preload and renderer in Electron, over IPC, with
// its own user-data folder. Runs wherever an Electron binary exists; this machine has none and
// cannot download one, so there the test is skipped with one line saying so.
import { _electron as electron } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test, expect, ROOT, jobStatus } from './fixtures.ts';

// Found without requiring the `electron` package, which would try to download the binary.
const { findElectronBinary } = (await import(pathToFileURL(join(ROOT, 'scripts/electron-binary.mjs')).href)) as {
  findElectronBinary(): string | null;
};
const binary = findElectronBinary();
const MAIN = join(ROOT, 'out/main/index.js');

test.describe('Desktop app (Electron)', () => {
  test('runs a short experiment and shows its chart', async () => {
    test.skip(!binary, 'no Electron binary on this machine (it cannot be downloaded here)');
    test.skip(
      process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY,
      'no display to open the Electron window on (set DISPLAY, e.g. under xvfb-run)',
    );
    expect(existsSync(MAIN), 'the app is built (out/main/index.js)').toBe(true);

    // A user-data folder of its own: Electron's appData is $XDG_CONFIG_HOME on Linux, and the app
    // keeps its database in appData/dl-lab.
    const home = mkdtempSync(join(tmpdir(), 'dl-lab-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), MAIN],
      env: { ...process.env, XDG_CONFIG_HOME: home, APPDATA: home, LANG: 'ko_KR.UTF-8' },
      timeout: 30_000,
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { level: 1 })).toBeVisible();
      // The window got the typed contract from the preload, and nothing else.
      expect(await window.evaluate("typeof window.lab?.startJob === 'function' && !('require' in window) && !('process' in window)")).toBe(
        true,
      );

      await window.goto(window.url().replace(/#.*$/, '') + '#/optimizer-paths');
      await window.getByRole('button', { name: /^(실행|Run)$/ }).click();
      await expect(jobStatus(window)).toHaveAccessibleName(/^(상태: 완료|Status: Done)$/);
      await expect(window.getByRole('img', { name: /^SGD, lr=0\.95/ })).toHaveAccessibleName(/\(-0\.387, -0\.094/);

      const dbPath = await app.evaluate(({ app }) => app.getPath('userData'));
      expect(dbPath.startsWith(home)).toBe(true);
    } finally {
      await app.close();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
