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
    // The job's record says the same of those two networks.
    await page.getByRole('link', { name: '기록 자세히' }).click();
    await expect(page.getByRole('row', { name: /^plain · w=1\b/ }).first()).toContainText('발산 (예상된 결과)');
    await expect(page.getByRole('row', { name: /^BN · w=1\b/ }).first()).not.toContainText('예상된 결과');
    await page.goBack();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('note', { name: /Expected outcome/ })).toContainText('the very problem batch normalization prevents');
    expect(problems).toEqual([]);
  });

  test('gradient check: a correct engine gets a pass per parameter, and the single-sample BatchNorm check is explained', async ({
    page,
    lab,
    problems,
  }) => {
    await openExperiment(page, lab.host.url, 'gradient-check');
    // Seed 9: 43 elements of W1 move a ReLU input across 0 at θ ± h. Compared with them, W1 failed
    // (relative error 3.7e-3) for a correct backward pass; they are left out and counted.
    await setField(page, '시드', '9');
    await page.getByRole('button', { name: '실행', exact: true }).click();
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 완료');
    const verdict = page.getByRole('note', { name: '판정' });
    await expect(verdict).toContainText('✓ 역전파가 맞습니다: 기울기가 있는 매개변수 8개 모두 상대 오차 < 1e-5');
    await expect(verdict).toContainText(/W1의 원소 \d+개는 비교에서 뺐습니다/);
    const table = page.getByRole('table', { name: '매개변수별 기울기 확인' });
    for (const name of ['W1', 'gamma1', 'beta1', 'W2', 'gamma2', 'beta2', 'W3', 'b3'])
      await expect(table.getByRole('row', { name: new RegExp(`^${name}\\b`) })).toContainText('✓ 통과');
    for (const name of ['b1', 'b2'])
      await expect(table.getByRole('row', { name: new RegExp(`^${name}\\b`) })).toContainText('확인할 것 없음');
    // The explanation no longer promises a difference "below 1e-7" that float32 backprop cannot give.
    await expect(page.getByText(/보통 1e−7 이하/)).toHaveCount(0);
    await expect(page.getByText(/표본이 1개이면:/)).toBeVisible();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('note', { name: 'Verdict' })).toContainText('✓ Backprop is right');
    await expect(page.getByRole('note', { name: 'Verdict' })).toContainText(
      /\d+ elements? of W1 (was|were) left out: there θ ± h moved a ReLU’s input across 0/,
    );
    await expect(page.getByText(/nothing has been checked/)).toBeVisible();
    await page.getByRole('table', { name: 'Gradient check per parameter' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'e2e/artifacts/lessons-gradient-check-kinks.png' });
    expect(problems).toEqual([]);
  });

  test('hyperparameter search: a cancelled search says how many trials finished, ranks only those, and narrows the range for the next round', async ({
    page,
    lab,
    problems,
  }) => {
    await openExperiment(page, lab.host.url, 'hyperparameter-search');
    await setField(page, '에폭 수', '20');
    await setField(page, '시드', '4');
    await page.getByRole('button', { name: '실행', exact: true }).click();
    const count = page.getByText(/^\(\d+\/100 완료\)$/);
    const finishedOf = async () => Number((await count.textContent())?.match(/\((\d+)\//)?.[1] ?? 0);
    await expect.poll(finishedOf, { timeout: 40_000 }).toBeGreaterThanOrEqual(4);
    await page.getByRole('button', { name: '취소', exact: true }).click();
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 취소됨');
    const finished = await finishedOf();
    expect(finished).toBeLessThan(100);
    await expect(page.getByRole('note', { name: '끝나지 않은 시도' })).toContainText(
      `100개 시도 중 ${finished}개만 끝까지 학습했습니다 (취소됨)`,
    );
    // Only the finished trials are ranked (Best-1 … Best-n); the grid holds only them.
    const ranking = page.getByRole('list', { name: '검증 정확도 순위' });
    await expect(ranking.getByRole('listitem').filter({ hasText: /^Best-\d+\(/ })).toHaveCount(Math.min(20, finished));
    await expect(
      page.getByRole('heading', { name: new RegExp(`검증 정확도 상위 (${Math.min(20, finished)}개 \\(끝난 시도\\)|20개)`) }),
    ).toBeVisible();

    // The book's next step: the form for the next round, ranges narrowed around the best trials, a new seed.
    await page.getByRole('button', { name: '범위를 좁혀 다시 찾기…' }).click();
    const lrMin = Number(await page.getByLabel('학습률 지수 최소', { exact: true }).inputValue());
    const lrMax = Number(await page.getByLabel('학습률 지수 최대', { exact: true }).inputValue());
    const wdMin = Number(await page.getByLabel('가중치 감소 지수 최소', { exact: true }).inputValue());
    const wdMax = Number(await page.getByLabel('가중치 감소 지수 최대', { exact: true }).inputValue());
    expect(lrMin).toBeGreaterThanOrEqual(-6.1);
    expect(lrMax).toBeLessThanOrEqual(-1.9);
    expect(lrMax - lrMin).toBeLessThan(4);
    expect(wdMin).toBeGreaterThanOrEqual(-8.1);
    expect(wdMax).toBeLessThanOrEqual(-3.9);
    expect(wdMax - wdMin).toBeLessThan(4);
    await expect(page.getByLabel('시드', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('에폭 수', { exact: true })).toHaveValue('20');
    expect(problems).toEqual([]);
  });

  test("activation histograms: ReLU is seen through the book's window by default, the full view is one click away, and no preset is called the best", async ({
    page,
    lab,
    problems,
  }) => {
    await openExperiment(page, lab.host.url, 'activation-histograms');
    await page.getByRole('button', { name: '실행', exact: true }).click();
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 완료');
    const views = page.getByRole('group', { name: 'ReLU 히스토그램 보기' });
    await expect(views.getByRole('radio', { name: /책의 보기/ })).toBeChecked();
    const he = page.getByRole('heading', { level: 4, name: /^ReLU · He/ });
    await expect(he).toContainText('[0.1, 1] · 세로 7,000까지 (책의 보기)');
    await expect(page.getByRole('heading', { level: 4, name: /^Sigmoid · std 1/i })).toContainText('[0, 1]');
    await page.screenshot({ path: 'e2e/artifacts/lessons-histograms-book.png', fullPage: true });
    await views.getByRole('radio', { name: /전체 보기/ }).check();
    await expect(he).toContainText('[0, 1]');
    await expect(he).not.toContainText('7,000');
    // The parallel coordinates draw the presets, but rank none of them (the book's bad case would "win").
    await expect(page.getByRole('heading', { name: '평행 좌표' })).toBeVisible();
    await expect(page.getByText(/^가장 좋음:/)).toHaveCount(0);
    await expect(page.getByRole('img', { name: /^네트워크 7개, 축:/ })).not.toHaveAccessibleName(/가장 좋음/);
    expect(problems).toEqual([]);
  });
});
