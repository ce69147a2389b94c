// Screens that never teach a wrong lesson: what each page says about its results must be what the
// book means — an expected failure is not a problem, a cancelled search is not a finished one, a
// correct backward pass passes its check, and the book's own view of a histogram is the default.
import { test, expect, openExperiment, setField, jobStatus } from './fixtures.ts';

test.describe('Screens that teach the right lesson', () => {
  test('batch normalization: the plain networks diverging at large scales are the expected outcome, and the grid stays aligned', async ({
    page,
    lab,
    problems,
  }) => {
    await openExperiment(page, lab.host.url, 'batchnorm-compare');
    await setField(page, '에폭 수', '6');
    await setField(page, '시드', '1');
    await page.getByRole('button', { name: '실행', exact: true }).click();
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 완료', { timeout: 50_000 });
    // No red banner of problems: the plain networks at w = 1 and 0.541 diverge, as in the book.
    await expect(page.getByRole('alert').filter({ hasText: '문제가 생긴 네트워크' })).toHaveCount(0);
    const note = page.getByRole('note', { name: /예상된 결과/ });
    await expect(note).toContainText('plain · w=1 — 발산');
    await expect(note).toContainText('배치 정규화가 막아 주는 바로 그 문제');
    // Every chart of the first row starts at the same height (a long caption does not push one down).
    const tops = await Promise.all(
      ['w=1', 'w=0.541', 'w=0.293', 'w=0.158'].map(
        async (w) => (await page.getByRole('img', { name: `${w} — 훈련 정확도` }).boundingBox())!.y,
      ),
    );
    for (const top of tops) expect(Math.abs(top - tops[0])).toBeLessThan(1);
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('note', { name: /Expected outcome/ })).toContainText('the very problem batch normalization prevents');
    expect(problems).toEqual([]);
  });
});
