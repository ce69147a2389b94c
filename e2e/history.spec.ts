// Every job is kept in SQLite: it reappears after a reload or a restart, opens exactly as stored,
// and can be renamed or deleted (with a dialog that Escape dismisses).
import { test, expect, openExperiment, setField, jobStatus, history, forgive } from './fixtures.ts';

test.describe('Past jobs', () => {
  test('finds a finished job again after a reload and opens it', async ({ page, lab, problems }) => {
    await openExperiment(page, lab.host.url, 'optimizer-paths');
    await setField(page, 'SGD 학습률', '0.5');
    await page.getByRole('button', { name: '실행', exact: true }).click();
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 완료');
    const storedLabel = await page.getByRole('img', { name: /^SGD, lr=/ }).getAttribute('aria-label');
    expect(storedLabel).toMatch(/lr=0\.5\b/);

    // Leave the job, back to the book's defaults, and reload: nothing is shown, the job is listed.
    await page.getByRole('button', { name: '이 실행 닫기' }).click();
    await page.getByRole('button', { name: '책의 기본값으로' }).click();
    await page.reload();
    await expect(page.getByLabel('SGD 학습률')).toHaveValue('0.95');
    await expect(jobStatus(page)).toHaveCount(0);
    const item = history(page).getByRole('button', { name: /^#1 · 완료/ });
    await expect(item).toBeVisible();

    // Opening it shows what was stored and puts its parameters back in the form.
    await item.click();
    await expect(page).toHaveURL(/#\/optimizer-paths\/1$/);
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 완료');
    await expect(page.getByRole('img', { name: /^SGD, lr=/ })).toHaveAccessibleName(storedLabel!);
    await expect(page.getByLabel('SGD 학습률')).toHaveValue('0.5');
    await expect(item).toHaveAttribute('aria-current', 'true');
    expect(problems).toEqual([]);
  });

  test('shows a job interrupted by quitting as interrupted after a restart', async ({ page, lab, problems }) => {
    await openExperiment(page, lab.host.url, 'optimizer-compare');
    await setField(page, '반복 횟수', '100000');
    await page.getByRole('button', { name: '실행', exact: true }).click();
    await expect(page.getByText(/^[1-9][\d,]* \/ 400,000 반복/)).toBeVisible();

    // Quit (running jobs are stopped as interrupted) and start again on the same database.
    const restarted = await lab.restart();
    await openExperiment(page, restarted.url, 'optimizer-compare');
    const item = history(page).getByRole('button', { name: /^#1 · 중단됨/ });
    await expect(item).toBeVisible();
    await item.click();
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 중단됨');
    await expect(page.getByText('앱이 종료되면서 중단된 실행입니다.', { exact: false })).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    // The old page's requests were refused while the lab restarted on another port.
    forgive(problems, /net::ERR_CONNECTION_REFUSED/);
  });

  test('renames and deletes a job through dialogs; Escape dismisses them', async ({ page, lab, problems }) => {
    await openExperiment(page, lab.host.url, 'activation-histograms');
    await page.getByRole('button', { name: '실행', exact: true }).click();
    await expect(jobStatus(page)).toHaveAccessibleName('상태: 완료');

    // Rename: type a name and press Enter.
    await page.getByRole('button', { name: '이름 바꾸기 #1' }).click();
    const rename = page.getByRole('dialog', { name: '실행 이름 바꾸기' });
    await expect(rename).toBeVisible();
    await rename.getByRole('textbox').fill('기본 조합');
    await rename.getByRole('textbox').press('Enter');
    await expect(rename).toBeHidden();
    await expect(history(page).getByRole('button', { name: /^#1 기본 조합 · 완료/ })).toBeVisible();

    // Delete: Escape keeps the job, confirming removes it.
    await page.getByRole('button', { name: '삭제 #1' }).click();
    const confirm = page.getByRole('dialog', { name: '실행 기록을 삭제할까요?' });
    await expect(confirm).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(confirm).toBeHidden();
    await expect(history(page).getByRole('button', { name: /^#1 / })).toBeVisible();

    await page.getByRole('button', { name: '삭제 #1' }).click();
    await confirm.getByRole('button', { name: '삭제' }).click();
    await expect(page.getByText('아직 실행한 적이 없습니다.')).toBeVisible();
    await expect(page).toHaveURL(/#\/activation-histograms$/);
    await expect(jobStatus(page)).toHaveCount(0);
    expect(problems).toEqual([]);
  });
});
