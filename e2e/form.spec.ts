// The parameter form: the book's defaults, validation as the user types (the same rules the lab
// service applies), keyboard use, and the 2-D paths that follow the form without a run.
import { test, expect, openExperiment, setField, jobStatus } from './fixtures.ts';

test.describe('Parameter form', () => {
  test('starts with the book’s defaults', async ({ page, lab }) => {
    await openExperiment(page, lab.host.url, 'optimizer-compare');
    await expect(page.getByLabel('반복 횟수')).toHaveValue('2000');
    await expect(page.getByLabel('미니배치 크기')).toHaveValue('128');
    await expect(page.getByLabel('은닉층 크기')).toHaveValue('100,100,100,100');
    await expect(page.getByLabel('Adam 학습률')).toHaveValue('0.001');
    const optimizers = page.getByRole('group', { name: '비교할 옵티마이저' });
    for (const name of ['SGD', 'Momentum', 'AdaGrad', 'Adam']) await expect(optimizers.getByRole('checkbox', { name })).toBeChecked();
    for (const name of ['Nesterov', 'RMSprop']) await expect(optimizers.getByRole('checkbox', { name })).not.toBeChecked();
    await expect(page.getByLabel('시드')).toHaveValue('');
    await expect(page.getByRole('button', { name: '실행', exact: true })).toBeEnabled();
  });

  test('flags an invalid learning rate as the user types and disables Run', async ({ page, lab, problems }) => {
    await openExperiment(page, lab.host.url, 'optimizer-compare');
    const lr = page.getByLabel('SGD 학습률');
    const run = page.getByRole('button', { name: '실행', exact: true });

    for (const [typed, message] of [
      ['0', '0보다 커야 합니다.'],
      ['-1', '0보다 커야 합니다.'],
      ['abc', '숫자를 입력하세요.'],
    ]) {
      await lr.fill(typed);
      await expect(lr).toHaveAttribute('aria-invalid', 'true');
      await expect(lr).toHaveAccessibleDescription(new RegExp(`^${message}`));
      await expect(page.getByText(message, { exact: true })).toBeVisible();
      await expect(run).toBeDisabled();
    }
    await lr.fill('0.05');
    await expect(lr).not.toHaveAttribute('aria-invalid');
    await expect(run).toBeEnabled();

    // A number list and a cross-field rule, in English.
    await page.getByRole('button', { name: 'English' }).click();
    await setField(page, 'Hidden layer sizes', '100,x');
    await expect(page.getByText('Value 2: Enter a number.', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
    await setField(page, 'Hidden layer sizes', '50*3');
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
    // Unchecking every optimizer is not a comparison.
    const optimizers = page.getByRole('group', { name: 'Optimizers to compare' });
    for (const name of ['SGD', 'Momentum', 'AdaGrad', 'Adam']) await optimizers.getByRole('checkbox', { name }).uncheck();
    await expect(optimizers.getByText('Choose at least one.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
    expect(problems).toEqual([]);
  });

  test('checks the batch against the training set before the service does', async ({ page, lab }) => {
    await openExperiment(page, lab.host.url, 'overfit-weight-decay');
    await setField(page, '미니배치 크기', '500');
    await expect(page.getByText('미니배치(500)가 훈련 데이터(300개)보다 큽니다.')).toBeVisible();
    await expect(page.getByRole('button', { name: '실행', exact: true })).toBeDisabled();
    await setField(page, '훈련 데이터 수', '1000');
    await expect(page.getByRole('button', { name: '실행', exact: true })).toBeEnabled();
  });

  test('shows the problems of a start the service rejects', async ({ page, lab }) => {
    // The form already refuses everything the service would; stand in for a service that disagrees.
    await page.route('**/api/startJob', (route) =>
      route.fulfill({ json: { value: { ok: false, problems: [{ field: 'lrSGD', code: 'not-above-min', params: { min: 0, got: 0 } }] } } }),
    );
    await openExperiment(page, lab.host.url, 'optimizer-compare');
    await page.getByRole('button', { name: '실행', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: '실험을 시작할 수 없습니다' });
    // In the page's language (Korean here), from the structured problem.
    await expect(alert).toContainText('lrSGD: 0보다 커야 합니다.');
  });

  test('runs with Enter from a field, with the seed typed in', async ({ page, lab, problems }) => {
    await openExperiment(page, lab.host.url, 'gradient-check');
    const seed = page.getByLabel('시드');
    await seed.fill('x1');
    await expect(page.getByText('0 이상의 정수를 입력하거나 비워 두세요.')).toBeVisible();
    await seed.fill('42');
    await seed.press('Enter');
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 완료', { timeout: 30_000 });
    await expect(page.getByText(/시드 42/)).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('redraws the 2-D paths when a learning rate changes, without a run', async ({ page, lab, problems }) => {
    await openExperiment(page, lab.host.url, 'optimizer-paths');
    const sgd = page.getByRole('img', { name: /^SGD, lr=/ });
    // The book's last SGD position from (-7, 2) with lr 0.95.
    await expect(sgd).toHaveAccessibleName(/lr=0\.95.*\(-0\.387, -0\.094/);
    const before = await sgd.getAttribute('aria-label');

    await setField(page, 'SGD 학습률', '0.5');
    await expect(sgd).toHaveAccessibleName(/lr=0\.5\b/);
    expect(await sgd.getAttribute('aria-label')).not.toEqual(before);

    // The start point moves every path.
    const adam = page.getByRole('img', { name: /^Adam, lr=/ });
    const adamBefore = await adam.getAttribute('aria-label');
    await setField(page, '시작점 x', '5');
    await expect(adam).toHaveAccessibleName(/\(5, 2\)/);
    expect(await adam.getAttribute('aria-label')).not.toEqual(adamBefore);
    // Nothing was run.
    await expect(page.getByText('아직 실행한 적이 없습니다.')).toBeVisible();
    expect(problems).toEqual([]);
  });
});
