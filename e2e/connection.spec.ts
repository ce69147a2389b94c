// The web host can go away (the desktop app's IPC cannot): the page says so and recovers.
import { test, expect, openExperiment, forgive } from './fixtures.ts';

test.describe('Connection', () => {
  test('shows a banner while the lab is unreachable and clears it when it is back', async ({ page, lab, problems }) => {
    await openExperiment(page, lab.host.url, 'optimizer-paths');
    const banner = page.getByRole('alert').filter({ hasText: '랩 서비스와의 연결이 끊어졌습니다' });
    await expect(banner).toHaveCount(0);

    await lab.stop();
    await expect(banner).toBeVisible();
    await expect(page.getByRole('button', { name: '실행', exact: true })).toBeDisabled();

    await lab.restart({ samePort: true });
    await expect(banner).toHaveCount(0);
    await expect(page.getByRole('button', { name: '실행', exact: true })).toBeEnabled();
    // While the lab was away the page's requests (and its font loads) were refused: that is the story.
    forgive(problems, /net::ERR_CONNECTION_REFUSED/);
  });
});
